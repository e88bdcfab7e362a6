import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Authority } from '../../../../domain/directory.ts';
import { requestDataCategorySchema } from '../../../../domain/lifecycle.ts';
import type { Counterpart, NewRequest } from '../../../../domain/requests/api.ts';
import { REQUEST_TYPE_BY_ROUTE } from '../../../../domain/requests/types.ts';
import type { Advice, AdviseBody } from '../../../../domain/routes/api.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { countryName } from '../../ui/names.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { useCan } from '../auth/session.ts';
import { useCases } from '../cases/cases-api.ts';
import { isCounterpartKind, requestTypeTitle } from './request-labels.ts';
import { useCreateRequest } from './requests-api.ts';

type Route = Advice['routes'][number];

/**
 * Whom a request drafted from a route goes to: the provider the advisor resolved, else the
 * directory contact of the addressee's kind the user picks (else the first), else the kind and
 * country alone. Eurojust desks and domestic authorities are not addressees of a request.
 */
function counterpartOf(route: Route, contact: Authority | undefined, kindName: string, language: string): Counterpart | undefined {
  const kind = route.addressee.kind;
  if (route.provider && (kind === 'provider' || kind === 'registrar')) {
    return { kind, name: route.provider.name, country: route.provider.country, providerId: route.provider.id };
  }
  if (!isCounterpartKind(kind)) return undefined;
  if (contact) {
    const email = contact.channels.find((channel) => channel.type === 'email')?.value;
    return { kind, name: contact.name, country: contact.country, authorityId: contact.id, timeZone: contact.timeZone, ...(email ? { email } : {}) };
  }
  return { kind, name: `${kindName} — ${countryName(route.addressee.country, language)}`, country: route.addressee.country };
}

/** Props of {@link DraftRouteButton}. */
export interface DraftRouteButtonProps {
  route: Route;
  /** The question the advice answered: its data category and emergency facts go into the draft. */
  question?: AdviseBody;
}

/** "Draft this request" on a route of the advisor whose form Liaison drafts; asks which case, then opens the draft. */
export function DraftRouteButton({ route, question }: DraftRouteButtonProps) {
  const { t } = useTranslation();
  const canWrite = useCan('case.write');
  const [open, setOpen] = useState(false);
  const type = REQUEST_TYPE_BY_ROUTE[route.id];
  if (!type || !canWrite) return null;
  return (
    <>
      <Group>
        <Button onClick={() => setOpen(true)} data-testid={`route-draft-${route.id}`}>
          {t('requests.fromRoute.open')}
        </Button>
      </Group>
      <AppModal opened={open} onClose={() => setOpen(false)} title={t('requests.fromRoute.title', { route: route.title })} size="lg">
        {open && <DraftFromRouteForm route={route} question={question} onDone={() => setOpen(false)} />}
      </AppModal>
    </>
  );
}

function DraftFromRouteForm({ route, question, onDone }: { route: Route; question?: AdviseBody; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const cases = useCases({ limit: 200, offset: 0 });
  const openCases = (cases.data?.items ?? []).filter((item) => item.status !== 'closed');
  const [caseId, setCaseId] = useState('');
  const [missingCase, setMissingCase] = useState(false);
  const contacts = route.contacts.filter((contact) => contact.kind === route.addressee.kind);
  const [contactId, setContactId] = useState(contacts[0]?.id ?? '');
  const type = REQUEST_TYPE_BY_ROUTE[route.id];
  if (!type) return null;
  const kindName = isCounterpartKind(route.addressee.kind) ? t(`routes.addressees.${route.addressee.kind}`) : route.addressee.kind;
  const counterpart = counterpartOf(route, contacts.find((contact) => contact.id === contactId), kindName, i18n.language);

  const body = (): NewRequest => {
    const category = requestDataCategorySchema.safeParse(question?.data);
    const facts = question?.emergency?.facts?.trim();
    return {
      caseId,
      type,
      routeId: route.id,
      ...(counterpart ? { counterpart } : {}),
      ...(category.success ? { dataCategory: category.data } : {}),
      ...(facts ? { emergency: { facts } } : {}),
    };
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (caseId === '') {
          setMissingCase(true);
          return;
        }
        create.mutate(body(), {
          onSuccess: (created) => {
            notifySuccess(t('requests.new.created', { reference: created.reference }));
            onDone();
            void navigate(`/requests/${created.id}`);
          },
        });
      }}
    >
      <Stack>
        <Text size="sm">{t('requests.fromRoute.intro', { type: requestTypeTitle(type, i18n.language) })}</Text>
        <ErrorAlert error={cases.error ?? create.error} />
        {cases.data && openCases.length === 0 ? (
          <Alert color="gray" data-testid="route-draft-no-case">
            {t('requests.fromRoute.noCase')}
          </Alert>
        ) : (
          <NativeSelect
            label={t('requests.fromRoute.case')}
            required
            value={caseId}
            onChange={(event) => {
              setCaseId(event.currentTarget.value);
              setMissingCase(false);
            }}
            data={[
              { value: '', label: cases.isPending ? t('common.loading') : t('requests.fromRoute.chooseCase') },
              ...openCases.map((item) => ({ value: item.id, label: `${item.reference} — ${item.title}` })),
            ]}
            error={missingCase ? t('requests.fromRoute.caseRequired') : undefined}
            data-testid="route-draft-case"
          />
        )}
        {contacts.length > 1 && (
          <NativeSelect
            label={t('requests.fromRoute.contact')}
            value={contactId}
            onChange={(event) => setContactId(event.currentTarget.value)}
            data={contacts.map((contact) => ({ value: contact.id, label: contact.name }))}
            data-testid="route-draft-contact"
          />
        )}
        <Text size="sm" data-testid="route-draft-counterpart">
          {counterpart ? t('requests.fromRoute.addressee', { name: counterpart.name, country: countryName(counterpart.country, i18n.language) }) : t('requests.fromRoute.noAddressee')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={cases.data !== undefined && openCases.length === 0} data-testid="route-draft-submit">
            {t('requests.fromRoute.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
