import { Button, Group, NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createTokenBodySchema, type CreatedToken } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { useCreateToken } from './account-api.ts';

/** Props of {@link CreateTokenForm}. */
export interface CreateTokenFormProps {
  /** Receives the new token with its secret, to show it once. */
  onCreated: (created: CreatedToken) => void;
}

/** Default lifetime offered for a new token: long enough for a quarter, short enough to lapse. */
const DEFAULT_EXPIRY_DAYS = 90;

/** Name and lifetime of a new API token. */
export function CreateTokenForm({ onCreated }: CreateTokenFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [expiresInDays, setExpiresInDays] = useState<number | string>(DEFAULT_EXPIRY_DAYS);
  const createToken = useCreateToken();
  const form = useSchemaForm(createTokenBodySchema, {
    ...createToken,
    mutate: (body) =>
      createToken.mutate(body, {
        onSuccess: (created) => {
          setName('');
          onCreated(created);
        },
      }),
  });

  return (
    <form
      noValidate
      aria-label={t('account.tokens.createHeading')}
      onSubmit={(event) => {
        event.preventDefault();
        // An emptied lifetime field means "never expires", which the API spells by omission.
        form.submit({ name, expiresInDays: expiresInDays === '' ? undefined : Number(expiresInDays) });
      }}
    >
      <ErrorAlert error={createToken.error} />
      <Group align="flex-start" mt="sm">
        <TextInput
          label={t('account.tokens.name')}
          description={t('account.tokens.nameHint')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={form.errors.name}
          data-testid="token-name"
        />
        <NumberInput
          label={t('account.tokens.expiresInDays')}
          description={t('account.tokens.expiresHint')}
          min={1}
          max={366}
          allowDecimal={false}
          value={expiresInDays}
          onChange={setExpiresInDays}
          error={form.errors.expiresInDays}
          data-testid="token-expiry"
        />
        <Button type="submit" mt={42} loading={createToken.isPending} data-testid="token-create">
          {t('account.tokens.create')}
        </Button>
      </Group>
    </form>
  );
}
