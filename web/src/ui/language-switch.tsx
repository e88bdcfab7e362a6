import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../i18n/index.ts';

/**
 * The language picker in every header. A native select: it works the same with a keyboard, a
 * screen reader and a test driver. The choice is persisted by the i18n module.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      data-testid="lang-switch"
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(event) => {
        const language = event.currentTarget.value;
        if (isLanguage(language)) void i18n.changeLanguage(language);
      }}
      data={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))}
      w={130}
    />
  );
}
