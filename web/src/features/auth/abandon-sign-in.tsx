import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignOut } from './session.ts';

/**
 * "Sign out" on the intermediate sign-in steps, so someone who started with the wrong account,
 * or lost their authenticator, is not stuck on a step they cannot finish.
 */
export function AbandonSignIn() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Button variant="subtle" loading={signOut.isPending} onClick={() => signOut.mutate()} data-testid="logout">
      {t('auth.abandon')}
    </Button>
  );
}
