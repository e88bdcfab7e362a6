import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../ui/notify.ts';
import { ChangePasswordForm } from '../auth/change-password-form.tsx';
import { AccountSection } from './account-section.tsx';

/** Password change from the account page. */
export function PasswordSection() {
  const { t } = useTranslation();
  return (
    <AccountSection id="password" title={t('account.password.title')}>
      <ChangePasswordForm onChanged={() => notifySuccess(t('account.password.done'))} />
    </AccountSection>
  );
}
