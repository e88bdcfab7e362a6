import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { mergeFieldErrors, type FieldErrors } from './errors.ts';
import { validateWith } from './validation.ts';

/** The parts of a TanStack mutation a form needs. */
export interface FormMutation<T> {
  mutate: (variables: T) => void;
  reset: () => void;
  error: unknown;
}

/** What {@link useSchemaForm} gives a form. */
export interface SchemaForm {
  /** Message per field: from the check in the browser, else from the server. */
  errors: FieldErrors;
  /** Checks `values` with the schema and, when valid, runs the mutation with the parsed value. */
  submit: (values: unknown) => void;
}

/**
 * Wires a form to a mutation through the contract's schema: the browser checks the input first
 * (translated messages, no round trip), the server has the last word (its field messages).
 */
export function useSchemaForm<S extends z.ZodType>(
  schema: S,
  mutation: FormMutation<z.output<S>>,
  messages?: FieldErrors,
): SchemaForm {
  const { t } = useTranslation();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  return {
    errors: mergeFieldErrors(clientErrors, mutation.error),
    submit: (values) => {
      const result = validateWith(schema, values, t, messages);
      if (!result.ok) {
        setClientErrors(result.errors);
        // Drop the previous answer so its message does not sit beside the new check's.
        mutation.reset();
        return;
      }
      setClientErrors({});
      mutation.mutate(result.data);
    },
  };
}
