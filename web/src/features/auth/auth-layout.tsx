import { Box, Container, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Outlet, useOutletContext } from 'react-router';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { MAIN_CONTENT_ID, SkipLink } from '../../ui/skip-link.tsx';

/** What the sign-in pages share through the layout. */
export interface AuthOutletContext {
  /**
   * Recovery codes handed from MFA enrolment to the page that shows them. They live in memory
   * only (not in the URL or history state), so a reload or the back button cannot show them again.
   */
  recoveryCodes: string[] | null;
  setRecoveryCodes: (codes: string[] | null) => void;
}

/** The frame of the sign-in pages: a slim header with the language switch, one narrow column. */
export function AuthLayout() {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const context: AuthOutletContext = { recoveryCodes, setRecoveryCodes };
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between">
          <Text fw={700} size="xl">
            Liaison
          </Text>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} size={560} py="xl">
        <Outlet context={context} />
      </Container>
    </>
  );
}

/** The layout's shared state, for the sign-in pages. */
export function useAuthOutlet(): AuthOutletContext {
  return useOutletContext<AuthOutletContext>();
}
