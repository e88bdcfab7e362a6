/** Toast notifications for the outcome of actions (mutations). */
import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/index.ts';

/** The close button is an icon only; give it a name in the current language. */
function closeButtonProps() {
  return { 'aria-label': i18n.t('common.close') };
}

/** Tells the user an action worked. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, withBorder: true, closeButtonProps: closeButtonProps() });
}

/** Tells the user an action failed, with the text from `describeError`. */
export function notifyFailure(title: string, message: string): void {
  notifications.show({
    color: 'red',
    title,
    message,
    withBorder: true,
    autoClose: 10_000,
    closeButtonProps: closeButtonProps(),
  });
}
