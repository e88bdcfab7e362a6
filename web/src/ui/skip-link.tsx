import { useTranslation } from 'react-i18next';
import classes from './skip-link.module.css';

/** Id of the `<main>` element every layout renders; the skip link jumps to it. */
export const MAIN_CONTENT_ID = 'main-content';

/** "Skip to content": the first focusable element, visible only while focused. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className={classes.skipLink} href={`#${MAIN_CONTENT_ID}`}>
      {t('common.skipToContent')}
    </a>
  );
}
