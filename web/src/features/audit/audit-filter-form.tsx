import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditOutcomeSchema } from '../../../../domain/api.ts';
import { utcInputToIso } from '../../ui/format.ts';
import type { AuditFilters } from './audit-api.ts';

/** Props of {@link AuditFilterForm}. */
export interface AuditFilterFormProps {
  onApply: (filters: AuditFilters) => void;
}

const EMPTY = { action: '', actorId: '', targetType: '', targetId: '', outcome: '', from: '', to: '' };
type FilterInputs = typeof EMPTY;

/** Drops empty inputs and reads the date inputs as UTC. */
function toFilters(inputs: FilterInputs): AuditFilters {
  const outcome = auditOutcomeSchema.safeParse(inputs.outcome);
  const text = (value: string) => value.trim() || undefined;
  return {
    action: text(inputs.action),
    actorId: text(inputs.actorId),
    targetType: text(inputs.targetType),
    targetId: text(inputs.targetId),
    outcome: outcome.success ? outcome.data : undefined,
    from: utcInputToIso(inputs.from),
    to: utcInputToIso(inputs.to),
  };
}

/** The audit filters; applied on submit (Enter in any field), not on every keystroke. */
export function AuditFilterForm({ onApply }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<FilterInputs>(EMPTY);
  const field = (name: keyof FilterInputs) => ({
    value: inputs[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      setInputs((previous) => ({ ...previous, [name]: event.currentTarget.value })),
  });

  return (
    <form
      aria-label={t('audit.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(toFilters(inputs));
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput label={t('audit.action')} {...field('action')} data-testid="audit-action" />
        <TextInput label={t('audit.actorId')} {...field('actorId')} data-testid="audit-actor" />
        <TextInput label={t('audit.targetType')} {...field('targetType')} />
        <TextInput label={t('audit.targetId')} {...field('targetId')} />
        <NativeSelect
          label={t('audit.outcome')}
          {...field('outcome')}
          data={[
            { value: '', label: t('audit.anyOutcome') },
            ...auditOutcomeSchema.options.map((outcome) => ({ value: outcome, label: t(`audit.outcomes.${outcome}`) })),
          ]}
          data-testid="audit-outcome"
        />
        <TextInput type="datetime-local" step={1} label={t('audit.from')} {...field('from')} />
        <TextInput type="datetime-local" step={1} label={t('audit.to')} {...field('to')} />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit" data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            setInputs(EMPTY);
            onApply(toFilters(EMPTY));
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}
