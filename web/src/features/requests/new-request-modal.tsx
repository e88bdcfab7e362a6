import { Button, Fieldset, Group, NativeSelect, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { REQUEST_DATA_CATEGORIES, requestDataCategorySchema } from '../../../../domain/lifecycle.ts';
import { COUNTERPART_KINDS, incomingRequestSchema, newRequestSchema, type NewRequest } from '../../../../domain/requests/api.ts';
import { REQUEST_DEFINITIONS } from '../../../../domain/requests/index.ts';
import type { RequestType } from '../../../../domain/requests/types.ts';
import { fromLocal } from '../../../../domain/time.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors, type FieldErrors } from '../../ui/errors.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { validateWith } from '../../ui/validation.ts';
import { timeZoneNames } from '../cases/identifier-time.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { isCounterpartKind, isRequestType, localise, requestTypeOptions, usualAddresseeKind, userTimeZone, type CounterpartKind } from './request-labels.ts';
import { useCreateRequest, useRegisterIncoming } from './requests-api.ts';

/** The counterpart part of both forms. */
interface CounterpartValues {
  kind: CounterpartKind;
  name: string;
  country: string;
}

function CounterpartFields({ values, onChange, errors, required }: { values: CounterpartValues; onChange: (next: CounterpartValues) => void; errors: FieldErrors; required: boolean }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  return (
    <Fieldset legend={t('requests.new.counterpart')} variant="filled">
      <Text size="sm" mb="sm">
        {t(required ? 'requests.incoming.counterpartHint' : 'requests.new.counterpartHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('requests.new.counterpartKind')}
          value={values.kind}
          onChange={(event) => {
            const kind = event.currentTarget.value;
            if (isCounterpartKind(kind)) onChange({ ...values, kind });
          }}
          data={COUNTERPART_KINDS.map((kind) => ({ value: kind, label: t(`routes.addressees.${kind}`) }))}
          error={errors['counterpart.kind']}
          data-testid="new-request-counterpart-kind"
        />
        <TextInput
          label={t('requests.new.counterpartName')}
          required={required}
          value={values.name}
          onChange={(event) => onChange({ ...values, name: event.currentTarget.value })}
          error={errors['counterpart.name']}
          data-testid="new-request-counterpart-name"
        />
        <NativeSelect
          label={t('requests.new.counterpartCountry')}
          required={required}
          value={values.country}
          onChange={(event) => onChange({ ...values, country: event.currentTarget.value })}
          data={[{ value: '', label: t('routes.form.chooseCountry') }, ...countries.options]}
          error={errors['counterpart.country']}
          data-testid="new-request-counterpart-country"
        />
      </SimpleGrid>
    </Fieldset>
  );
}

function TypeSelect({ value, onChange, error }: { value: RequestType; onChange: (type: RequestType) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('requests.new.type')}
      description={localise(REQUEST_DEFINITIONS[value].subtitle, i18n.language)}
      required
      value={value}
      onChange={(event) => {
        const type = event.currentTarget.value;
        if (isRequestType(type)) onChange(type);
      }}
      data={requestTypeOptions(i18n.language)}
      error={error}
      data-testid="new-request-type"
    />
  );
}

function EmergencyFields({ on, facts, onToggle, onFacts, error }: { on: boolean; facts: string; onToggle: (on: boolean) => void; onFacts: (facts: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Switch
        label={t('routes.form.emergency')}
        description={t('routes.form.emergencyHint')}
        checked={on}
        onChange={(event) => onToggle(event.currentTarget.checked)}
        data-testid="new-request-emergency"
      />
      {on && (
        <Textarea
          label={t('routes.form.facts')}
          description={t('routes.form.factsHint')}
          required
          autosize
          minRows={3}
          value={facts}
          onChange={(event) => onFacts(event.currentTarget.value)}
          error={error}
          data-testid="new-request-facts"
        />
      )}
    </>
  );
}

/** Props of {@link NewRequestModal}. */
export interface NewRequestModalProps {
  opened: boolean;
  caseId: string;
  onClose: () => void;
}

/** Starts a request of any type in a case; the server prefills the draft, whose page opens next. */
export function NewRequestModal({ opened, caseId, onClose }: NewRequestModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('requests.new.title')} size="xl">
      {opened && <NewRequestForm caseId={caseId} onDone={onClose} />}
    </AppModal>
  );
}

function NewRequestForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const [type, setType] = useState<RequestType>('preservation_247');
  const [counterpart, setCounterpart] = useState<CounterpartValues>({ kind: usualAddresseeKind('preservation_247'), name: '', country: '' });
  const [dataCategory, setDataCategory] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [facts, setFacts] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = mergeFieldErrors(clientErrors, create.error);

  function body(): NewRequest {
    const category = requestDataCategorySchema.safeParse(dataCategory);
    const named = counterpart.name.trim() !== '' || counterpart.country !== '';
    return {
      caseId,
      type,
      ...(named ? { counterpart: { kind: counterpart.kind, name: counterpart.name, country: counterpart.country } } : {}),
      ...(category.success ? { dataCategory: category.data } : {}),
      ...(emergency ? { emergency: { facts } } : {}),
    };
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const checked = validateWith(newRequestSchema, body(), t, { 'emergency.facts': t('routes.form.factsRequired') });
        if (!checked.ok) {
          setClientErrors(checked.errors);
          create.reset();
          return;
        }
        setClientErrors({});
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
        <ErrorAlert error={create.error} />
        <TypeSelect
          value={type}
          onChange={(next) => {
            setType(next);
            setCounterpart((previous) => ({ ...previous, kind: usualAddresseeKind(next) }));
          }}
          error={errors.type}
        />
        <CounterpartFields values={counterpart} onChange={setCounterpart} errors={errors} required={false} />
        <NativeSelect
          label={t('requests.new.dataCategory')}
          description={t('requests.new.dataCategoryHint')}
          value={dataCategory}
          onChange={(event) => setDataCategory(event.currentTarget.value)}
          data={[{ value: '', label: t('requests.new.dataCategoryNone') }, ...REQUEST_DATA_CATEGORIES.map((value) => ({ value, label: t(`requests.dataCategories.${value}`) }))]}
          error={errors.dataCategory}
          data-testid="new-request-data-category"
        />
        <EmergencyFields on={emergency} facts={facts} onToggle={setEmergency} onFacts={setFacts} error={errors['emergency.facts'] ?? errors.emergency} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="new-request-submit">
            {t('requests.new.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Props of {@link IncomingRequestModal}. */
export interface IncomingRequestModalProps {
  opened: boolean;
  caseId: string;
  onClose: () => void;
}

/** Registers a request received from abroad (24/7 points of contact, central authorities). */
export function IncomingRequestModal({ opened, caseId, onClose }: IncomingRequestModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('requests.incoming.title')} size="xl">
      {opened && <IncomingRequestForm caseId={caseId} onDone={onClose} />}
    </AppModal>
  );
}

/** `2026-03-20T15:00` read in `zone`, as an ISO instant; undefined when it is not a time. */
function localToIso(value: string, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  try {
    return new Date(fromLocal({ year, month, day, hour, minute, second, millisecond: 0 }, zone)).toISOString();
  } catch {
    return undefined;
  }
}

function IncomingRequestForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegisterIncoming();
  const zones = useMemo(() => timeZoneNames(), []);
  const [type, setType] = useState<RequestType>('preservation_247');
  const [counterpart, setCounterpart] = useState<CounterpartValues>({ kind: 'contact_point_24_7', name: '', country: '' });
  const [receivedAt, setReceivedAt] = useState('');
  const [zone, setZone] = useState<string | null>(userTimeZone());
  const [channel, setChannel] = useState('');
  const [requesterReference, setRequesterReference] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [facts, setFacts] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = mergeFieldErrors(clientErrors, register.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const body = {
          caseId,
          type,
          counterpart: { kind: counterpart.kind, name: counterpart.name, country: counterpart.country },
          receivedAt: zone ? (localToIso(receivedAt, zone) ?? receivedAt) : receivedAt,
          channel,
          ...(requesterReference.trim() ? { requesterReference } : {}),
          ...(emergency ? { emergency: { facts } } : {}),
        };
        const checked = validateWith(incomingRequestSchema, body, t, {
          receivedAt: t('requests.incoming.receivedAtRequired'),
          channel: t('requests.incoming.channelRequired'),
        });
        if (!checked.ok) {
          setClientErrors(checked.errors);
          register.reset();
          return;
        }
        setClientErrors({});
        register.mutate(body, {
          onSuccess: (created) => {
            notifySuccess(t('requests.incoming.created', { reference: created.reference }));
            onDone();
            void navigate(`/requests/${created.id}`);
          },
        });
      }}
    >
      <Stack>
        <ErrorAlert error={register.error} />
        <TypeSelect value={type} onChange={setType} error={errors.type} />
        <CounterpartFields values={counterpart} onChange={setCounterpart} errors={errors} required />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="datetime-local"
            label={t('requests.incoming.receivedAt')}
            description={t('requests.incoming.receivedAtHint')}
            required
            value={receivedAt}
            onChange={(event) => setReceivedAt(event.currentTarget.value)}
            error={errors.receivedAt}
            data-testid="incoming-received-at"
          />
          <Select
            label={t('requests.incoming.zone')}
            required
            searchable
            value={zone}
            onChange={setZone}
            data={zones}
            limit={60}
            nothingFoundMessage={t('cases.identifiers.form.noZone')}
            data-testid="incoming-zone"
          />
          <TextInput
            label={t('requests.incoming.channel')}
            description={t('requests.incoming.channelHint')}
            required
            value={channel}
            onChange={(event) => setChannel(event.currentTarget.value)}
            error={errors.channel}
            data-testid="incoming-channel"
          />
          <TextInput
            label={t('requests.incoming.requesterReference')}
            value={requesterReference}
            onChange={(event) => setRequesterReference(event.currentTarget.value)}
            error={errors.requesterReference}
            data-testid="incoming-requester-reference"
          />
        </SimpleGrid>
        <EmergencyFields on={emergency} facts={facts} onToggle={setEmergency} onFacts={setFacts} error={errors['emergency.facts'] ?? errors.emergency} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={register.isPending} data-testid="incoming-submit">
            {t('requests.incoming.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
