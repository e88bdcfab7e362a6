import { TextInput } from '@mantine/core';

/** Props of {@link TotpCodeInput}. */
export interface TotpCodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  testId: string;
}

/**
 * A six-digit authenticator code: numeric keyboard on phones, and the browser's one-time-code
 * autofill. Spaces some apps insert ("123 456") are dropped as the user types or pastes.
 */
export function TotpCodeInput({ label, value, onChange, error, testId }: TotpCodeInputProps) {
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value.replace(/\s/g, ''))}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      w={200}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.2em' } }}
      data-testid={testId}
    />
  );
}
