/**
 * The routes. Sign-in steps live under the sign-in layout, each behind the guard of its stage;
 * everything else needs a complete sign-in (`done`) and lives in the app shell.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AccountPage } from './features/account/account-page.tsx';
import { UsersPage } from './features/admin/users-page.tsx';
import { AuditPage } from './features/audit/audit-page.tsx';
import { AuthLayout } from './features/auth/auth-layout.tsx';
import { CasePage } from './features/cases/case-page.tsx';
import { CasesPage } from './features/cases/cases-page.tsx';
import { CountryPage } from './features/countries/country-page.tsx';
import { DirectoryPage } from './features/directory/directory-page.tsx';
import { ImportPage } from './features/directory/import-page.tsx';
import { ProviderPage } from './features/directory/provider-page.tsx';
import { RouteAdvisorPage } from './features/routes/route-advisor-page.tsx';
import { ChangePasswordPage } from './features/auth/change-password-page.tsx';
import { RedirectIfSignedIn, RequirePermission, RequireStage } from './features/auth/guards.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { MfaEnrolPage } from './features/auth/mfa-enrol-page.tsx';
import { MfaVerifyPage } from './features/auth/mfa-verify-page.tsx';
import { RecoveryCodesPage } from './features/auth/recovery-codes-page.tsx';
import { AppLayout } from './features/shell/app-layout.tsx';
import { HomePage } from './features/shell/home-page.tsx';
import { UPCOMING_SECTIONS } from './features/shell/nav-items.ts';
import { NotFoundPage } from './features/shell/not-found-page.tsx';
import { PlaceholderPage } from './features/shell/placeholder-page.tsx';
import { PageLoader } from './ui/page-loader.tsx';
import { PublicTrainingItemPage, PublicTrainingLayout, PublicTrainingPage } from './features/training/public-training-pages.tsx';
import { TrainingItemPage } from './features/training/training-item-page.tsx';
import { TrainingPage } from './features/training/training-page.tsx';

// The request pages (drafting, deadlines, documents) are the largest part of the app: loaded when first opened.
const RequestPage = lazy(() => import('./features/requests/request-page.tsx').then((module) => ({ default: module.RequestPage })));
const RequestsPage = lazy(() => import('./features/requests/requests-page.tsx').then((module) => ({ default: module.RequestsPage })));
// Events: organisers' pages and the public registration pages, each loaded when first opened.
const EventsPage = lazy(() => import('./features/events/events-page.tsx').then((module) => ({ default: module.EventsPage })));
const NewEventPage = lazy(() => import('./features/events/event-page.tsx').then((module) => ({ default: module.NewEventPage })));
const EventPage = lazy(() => import('./features/events/event-page.tsx').then((module) => ({ default: module.EventPage })));
const RegistrationsPage = lazy(() => import('./features/events/registrations-page.tsx').then((module) => ({ default: module.RegistrationsPage })));
const StatisticsPage = lazy(() => import('./features/events/statistics-page.tsx').then((module) => ({ default: module.StatisticsPage })));
const ParticipantsPrintPage = lazy(() => import('./features/events/participants-print-page.tsx').then((module) => ({ default: module.ParticipantsPrintPage })));
const PublicEventLayout = lazy(() => import('./features/events/public-event-pages.tsx').then((module) => ({ default: module.PublicEventLayout })));
const PublicEventPage = lazy(() => import('./features/events/public-event-pages.tsx').then((module) => ({ default: module.PublicEventPage })));
const VerifyPage = lazy(() => import('./features/events/public-event-pages.tsx').then((module) => ({ default: module.VerifyPage })));
const ManageRegistrationPage = lazy(() => import('./features/events/public-event-pages.tsx').then((module) => ({ default: module.ManageRegistrationPage })));

/** An organiser's event page: trainers only (event.manage), loaded on first use. */
function EventManager({ children }: { children: ReactNode }) {
  return (
    <RequirePermission permission="event.manage">
      <Suspense fallback={<PageLoader />}>{children}</Suspense>
    </RequirePermission>
  );
}

/** The app's route table. */
export function App() {
  return (
    <Routes>
      <Route element={<AuthLayout />}>
        <Route
          path="/login"
          element={
            <RedirectIfSignedIn>
              <LoginPage />
            </RedirectIfSignedIn>
          }
        />
        <Route
          path="/auth/change-password"
          element={
            <RequireStage stage="change_password">
              <ChangePasswordPage />
            </RequireStage>
          }
        />
        <Route
          path="/auth/mfa/enrol"
          element={
            <RequireStage stage="enrol_mfa">
              <MfaEnrolPage />
            </RequireStage>
          }
        />
        <Route
          path="/auth/mfa/verify"
          element={
            <RequireStage stage="verify_mfa">
              <MfaVerifyPage />
            </RequireStage>
          }
        />
        <Route path="/auth/recovery-codes" element={<RecoveryCodesPage />} />
      </Route>
      {/* The public training catalogue: no account, its own frame. */}
      <Route path="/public/training" element={<PublicTrainingLayout />}>
        <Route index element={<PublicTrainingPage />} />
        <Route path=":id" element={<PublicTrainingItemPage />} />
      </Route>
      {/* The public pages of an event (issue 5): no account, their own frame; e-mails link here (EVENT_WEB_PATHS). */}
      <Route
        path="/e/:slug"
        element={
          <Suspense fallback={<PageLoader />}>
            <PublicEventLayout />
          </Suspense>
        }
      >
        <Route index element={<PublicEventPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="registration" element={<ManageRegistrationPage />} />
      </Route>
      {/* The printable participant list: signed in, but without the app's header and menu. */}
      <Route
        path="/events/:id/print"
        element={
          <RequireStage stage="done">
            <EventManager>
              <ParticipantsPrintPage />
            </EventManager>
          </RequireStage>
        }
      />
      <Route
        element={
          <RequireStage stage="done">
            <AppLayout />
          </RequireStage>
        }
      >
        <Route index element={<HomePage />} />
        {UPCOMING_SECTIONS.map((section) => (
          <Route key={section} path={section} element={<PlaceholderPage section={section} />} />
        ))}
        <Route
          path="cases"
          element={
            <RequirePermission permission="case.read">
              <CasesPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases/:id"
          element={
            <RequirePermission permission="case.read">
              <CasePage />
            </RequirePermission>
          }
        />
        <Route
          path="requests"
          element={
            <RequirePermission permission="case.read">
              <Suspense fallback={<PageLoader />}>
                <RequestsPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route
          path="requests/:id"
          element={
            <RequirePermission permission="case.read">
              <Suspense fallback={<PageLoader />}>
                <RequestPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route
          path="training"
          element={
            <RequirePermission permission="training.read">
              <TrainingPage />
            </RequirePermission>
          }
        />
        <Route
          path="training/:id"
          element={
            <RequirePermission permission="training.read">
              <TrainingItemPage />
            </RequirePermission>
          }
        />
        <Route path="events" element={<EventManager><EventsPage /></EventManager>} />
        <Route path="events/new" element={<EventManager><NewEventPage /></EventManager>} />
        <Route path="events/:id" element={<EventManager><EventPage /></EventManager>} />
        <Route path="events/:id/registrations" element={<EventManager><RegistrationsPage /></EventManager>} />
        <Route path="events/:id/statistics" element={<EventManager><StatisticsPage /></EventManager>} />
        <Route path="directory" element={<DirectoryPage />} />
        <Route path="directory/import" element={<ImportPage />} />
        <Route path="countries/:code" element={<CountryPage />} />
        <Route path="providers/:id" element={<ProviderPage />} />
        <Route path="routes" element={<RouteAdvisorPage />} />
        <Route
          path="admin/users"
          element={
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
