/**
 * The platform's acceptance flow in a real browser: the demo administrator's first sign-in
 * (printed one-time password, notice, new password, TOTP enrolment, recovery codes), creating an
 * investigator, the audit log and its chain check, the account page, a placeholder section and
 * the language switch; then the investigator's first sign-in, a later sign-in with password and
 * TOTP, and a reused TOTP code being refused. axe-core checks every page on the way.
 *
 * The steps share one browser page and run in order; once a step fails, the later ones are
 * skipped (they could only fail for the same reason) and a screenshot of the failure is kept.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  changePassword,
  checkA11y,
  confirmRecoveryCodes,
  enrolTotp,
  fieldError,
  flowSteps,
  readRecoveryCodes,
  screenshot,
  signIn,
  signOut,
  totpNow,
  waitForAnimations,
  waitForHeading,
  waitForPath,
  waitForStepAfter,
  type TestServer,
  openE2eSession,
  type E2eSession,
} from './support.ts';

const ADMIN_NEW_PASSWORD = 'violet harbour compass 83';
const INVESTIGATOR = {
  email: 'ines.martin@demo.liaison.test',
  name: 'Inès Martin',
  password: 'amber meadow quarry 29',
};

let server: TestServer;
let browser: Browser;
/** The flow's context: `bypassCSP` lets axe be injected as an inline script. */
let context: BrowserContext;
let page: Page;
/** Uncaught exceptions in the page, over the whole flow. */
let pageErrors: string[] = [];
let session: E2eSession | undefined;

/** What earlier steps learnt and later ones need. */
const state = {
  adminRecoveryCodes: [] as string[],
  investigatorOneTimePassword: '',
  investigatorTotpKey: '',
  investigatorRecoveryCodes: [] as string[],
  /** The TOTP time step of the investigator's last accepted code. */
  investigatorLastStep: 0,
  investigatorLastCode: '',
};

const step = flowSteps(() => page);

// ---------------------------------------------------------------------------------- helpers

/** Runs `fn` with the page's CPU slowed down eightfold (Chromium's DevTools throttling). */
async function withSlowCpu(fn: () => Promise<void>): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  try {
    await fn();
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

// ------------------------------------------------------------------------------------ setup

beforeAll(async () => {
  session = await openE2eSession();
  ({ server, browser, context, page, pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

// ------------------------------------------------------------------------------------- flow

describe('platform acceptance flow', () => {
  step('the administrator signs in with the printed one-time password, acknowledging the notice', async () => {
    expect(server.adminEmail).toBe('admin@demo.liaison.test');
    await page.goto(`${server.baseUrl}/`);
    // Signed out, the app sends everything to the login page.
    await waitForPath(page, '/login');
    await page.getByTestId('login-banner').waitFor();
    expect(await page.getByTestId('login-banner').textContent()).toMatch(/monitored/);
    await checkA11y(page, 'login page');
    await screenshot(page, '01-login');

    // Without acknowledging the notice the form refuses, in the browser.
    await page.getByTestId('login-email').fill(server.adminEmail);
    await page.getByTestId('login-password').fill(server.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByText('You must acknowledge the notice to sign in.').waitFor();
    expect(page.url()).toMatch(/\/login$/);

    await page.getByTestId('login-ack').check();
    await page.getByTestId('login-submit').click();
    await waitForPath(page, '/auth/change-password');
  });

  step('the administrator replaces the one-time password', async () => {
    await waitForHeading(page, 'Choose your password');
    await checkA11y(page, 'change password page');
    await screenshot(page, '02-change-password');
    await changePassword(page, server.adminPassword, ADMIN_NEW_PASSWORD);
    await waitForPath(page, '/auth/mfa/enrol');
  });

  step('the administrator enrols TOTP with the manual key shown on the page', async () => {
    await page.getByTestId('totp-secret').waitFor();
    await page.getByRole('img', { name: /QR/i }).waitFor();
    await checkA11y(page, 'MFA enrolment page');
    await screenshot(page, '03-mfa-enrol');
    await enrolTotp(page);
    await waitForPath(page, '/auth/recovery-codes');
  });

  step('the administrator saves the recovery codes and enters the app', async () => {
    state.adminRecoveryCodes = await readRecoveryCodes(page);
    await checkA11y(page, 'recovery codes page');
    await screenshot(page, '04-recovery-codes');
    await confirmRecoveryCodes(page, 'Demo administrator');
  });

  step('the app shell shows the administrator and the administration menu', async () => {
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('Demo administrator');
    await page.getByTestId('nav-users').waitFor();
    await page.getByTestId('nav-audit').waitFor();
    expect(await page.title()).toBe('Home · Liaison');
    await checkA11y(page, 'home page (app shell)');
    await screenshot(page, '05-home');
  });

  step('the administrator creates an investigator and reads the one-time password', async () => {
    await page.getByTestId('nav-users').click();
    await waitForPath(page, '/admin/users');
    const table = page.getByTestId('users-table');
    await table.waitFor();
    await table.getByText(server.adminEmail).waitFor();

    await page.getByTestId('user-create-open').click();
    const dialog = page.getByRole('dialog', { name: 'Create a user' });
    await dialog.waitFor();
    await page.getByTestId('user-email').waitFor();
    await checkA11y(page, 'users page with the create-user modal open');
    await screenshot(page, '06-users-create-modal');

    await page.getByTestId('user-email').fill(INVESTIGATOR.email);
    await page.getByTestId('user-name').fill(INVESTIGATOR.name);
    await page.getByTestId('user-role-investigator').check();
    await page.getByTestId('user-create-submit').click();

    const secret = page.getByTestId('one-time-password');
    await secret.waitFor();
    state.investigatorOneTimePassword = (await secret.textContent())?.trim() ?? '';
    expect(state.investigatorOneTimePassword.length).toBeGreaterThanOrEqual(12);
    await checkA11y(page, 'one-time password modal');
    await screenshot(page, '07-users-one-time-password');
    await page.getByTestId('one-time-password-done').click();
    await secret.waitFor({ state: 'detached' });

    const row = page.getByTestId(`user-row-${INVESTIGATOR.email}`);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(INVESTIGATOR.name);
    expect(rowText).toContain('Investigator');
    await waitForAnimations(page);
    await screenshot(page, '08-users');
  });

  step('the audit log shows the administrator’s actions and the chain verifies intact', async () => {
    await page.getByTestId('nav-audit').click();
    await waitForPath(page, '/admin/audit');
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    // Newest first: the creation of the investigator by the administrator (the demo account's
    // own creation, by the bootstrap, is further down).
    const created = table.locator('tbody tr', { hasText: 'user.create' }).filter({ hasText: server.adminEmail });
    await created.first().waitFor();
    expect(await created.count()).toBe(1);
    expect(await created.first().textContent()).toContain('Success');
    // The administrator's sign-in steps are there too.
    const actions = await table.locator('tbody tr td code').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'user.password.change', 'user.mfa.enable', 'user.create']));

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/The audit chain is intact/);
    expect(await result.getAttribute('role')).toBe('status');
    await checkA11y(page, 'audit log page');
    await screenshot(page, '09-audit');
  });

  step('the account page lists the sessions and API tokens', async () => {
    await page.getByTestId('nav-account').click();
    await waitForPath(page, '/account');
    await waitForHeading(page, 'Account');
    await page.getByTestId('sessions-table').waitFor();
    // No API token yet: the section says so instead of showing an empty table.
    await page.getByText('You have no API tokens.').waitFor();
    await checkA11y(page, 'account page');
    await screenshot(page, '10-account');
  });

  step('a section still being built says so; the training catalogue is open to every role', async () => {
    // Administrators see no cases (need-to-know): no such item in their menu.
    expect(await page.getByTestId('nav-cases').count()).toBe(0);
    await page.getByTestId('nav-statistics').click();
    await waitForPath(page, '/statistics');
    await waitForHeading(page, 'Statistics');
    await page.getByTestId('placeholder').waitFor();
    await checkA11y(page, 'placeholder section (statistics)');
    await screenshot(page, '11-placeholder');
    // The training catalogue (test/e2e/training.e2e.test.ts): empty, and not editable by an administrator.
    await page.getByTestId('nav-training').click();
    await waitForPath(page, '/training');
    await waitForHeading(page, 'Training');
    await page.getByTestId('training-empty').waitFor();
    expect(await page.getByTestId('training-new').count()).toBe(0);
    await checkA11y(page, 'training catalogue (empty)');
  });

  step('the language switch turns the interface into French and back', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('lang-switch').selectOption('fr');
    await waitForHeading(page, 'Formation');
    expect(await page.getByTestId('nav-account').textContent()).toBe('Compte');
    expect(await page.getByTestId('logout').textContent()).toBe('Se déconnecter');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.title()).toBe('Formation · Liaison');
    await checkA11y(page, 'training catalogue in French');
    await screenshot(page, '12-training-fr');

    await page.getByTestId('lang-switch').selectOption('en');
    await waitForHeading(page, 'Training');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  step('the administrator signs out', async () => {
    await signOut(page);
  });

  step('the investigator signs in with the one-time password, sets a password and enrols TOTP', async () => {
    await signIn(page, INVESTIGATOR.email, state.investigatorOneTimePassword);
    await waitForPath(page, '/auth/change-password');

    // A password from the breached-passwords list is refused by the server, next to the field.
    await page.getByTestId('current-password').fill(state.investigatorOneTimePassword);
    await page.getByTestId('new-password').fill('password1234');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('error-alert').waitFor();
    expect(await fieldError(page, 'new-password')).toMatch(/is too common/);
    expect(page.url()).toMatch(/\/auth\/change-password$/);

    await changePassword(page, state.investigatorOneTimePassword, INVESTIGATOR.password);
    // On a slow CPU, a session refresh racing the navigation once sent the user into the app
    // without ever showing the recovery codes; a slowed-down enrolment keeps that covered.
    await withSlowCpu(async () => {
      const { key, step: enrolStep } = await enrolTotp(page);
      state.investigatorTotpKey = key;
      state.investigatorLastStep = enrolStep;
      state.investigatorRecoveryCodes = await readRecoveryCodes(page);
    });
    expect(state.investigatorRecoveryCodes).not.toEqual(state.adminRecoveryCodes);
    await confirmRecoveryCodes(page, INVESTIGATOR.name);

    // An investigator has no administration menu.
    await page.getByTestId('nav-cases').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await screenshot(page, '13-investigator-home');
    await signOut(page);
  });

  step('the investigator signs in again with password and TOTP', async () => {
    await signIn(page, INVESTIGATOR.email, INVESTIGATOR.password);
    await waitForPath(page, '/auth/mfa/verify');
    await waitForHeading(page, 'Two-factor authentication');
    await page.getByTestId('mfa-code').waitFor();
    await checkA11y(page, 'MFA verification page');
    await screenshot(page, '14-mfa-verify');

    // The enrolment used this step's code; the server takes each step once.
    await waitForStepAfter(state.investigatorLastStep);
    const { code, step: verifyStep } = totpNow(state.investigatorTotpKey);
    state.investigatorLastCode = code;
    state.investigatorLastStep = verifyStep;
    await page.getByTestId('mfa-code').fill(code);
    await page.getByTestId('mfa-submit').click();
    await waitForPath(page, '/');
    await waitForHeading(page, `Welcome, ${INVESTIGATOR.name}`);
    await signOut(page);
  });

  step('a reused TOTP code is refused on the MFA page; a recovery code still works', async () => {
    await signIn(page, INVESTIGATOR.email, INVESTIGATOR.password);
    await waitForPath(page, '/auth/mfa/verify');
    await page.getByTestId('mfa-code').fill(state.investigatorLastCode);
    await page.getByTestId('mfa-submit').click();
    await page.getByTestId('error-alert').waitFor();
    expect(await fieldError(page, 'mfa-code')).toBe('has already been used; wait for the next code');
    expect(page.url()).toMatch(/\/auth\/mfa\/verify$/);
    await checkA11y(page, 'MFA verification page with the reused-code error');
    await screenshot(page, '15-mfa-verify-reused');

    await page.getByTestId('mfa-switch').click();
    await page.getByText('Enter one of the recovery codes you saved.', { exact: false }).waitFor();
    await page.getByTestId('mfa-code').fill(state.investigatorRecoveryCodes[0] ?? '');
    await page.getByTestId('mfa-submit').click();
    await waitForPath(page, '/');
    await waitForHeading(page, `Welcome, ${INVESTIGATOR.name}`);
    await signOut(page);
  });

  step('no uncaught error happened in the page', async () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('the app under its Content Security Policy', () => {
  step('runs without a CSP violation (the administrator signs in with a recovery code)', async () => {
    const strict = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    try {
      const tab = await strict.newPage();
      tab.setDefaultTimeout(15_000);
      const violations: string[] = [];
      tab.on('console', (message) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
      });
      tab.on('pageerror', (error) => violations.push(`uncaught: ${error.message}`));

      const response = await tab.goto(`${server.baseUrl}/login`);
      expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      await tab.getByTestId('login-email').fill(server.adminEmail);
      await tab.getByTestId('login-password').fill(ADMIN_NEW_PASSWORD);
      await tab.getByTestId('login-ack').check();
      await tab.getByTestId('login-submit').click();
      await tab.waitForURL((url) => url.pathname === '/auth/mfa/verify');
      await tab.getByTestId('mfa-switch').click();
      await tab.getByTestId('mfa-code').fill(state.adminRecoveryCodes[0] ?? '');
      await tab.getByTestId('mfa-submit').click();
      await tab.waitForURL((url) => url.pathname === '/');
      await tab.getByRole('heading', { level: 1, name: 'Welcome, Demo administrator' }).waitFor();

      await tab.getByTestId('nav-users').click();
      await tab.getByTestId('users-table').waitFor();
      await tab.getByTestId('nav-audit').click();
      await tab.getByTestId('audit-table').waitFor();
      await tab.getByTestId('nav-account').click();
      await tab.getByTestId('sessions-table').waitFor();
      await tab.getByTestId('logout').click();
      await tab.waitForURL((url) => url.pathname === '/login');
      expect(violations).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
