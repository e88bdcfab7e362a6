/**
 * Translations. Every user-visible string lives in `en.ts` and `fr.ts`; the French file is typed
 * against the English one, so a missing key fails the type check rather than showing a raw key.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { fr } from './fr.ts';

/** Languages the interface is translated into. */
export const LANGUAGES = ['en', 'fr'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader finds their own language whatever is shown now. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

const STORAGE_KEY = 'liaison.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** Whether `value` names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled by policy on managed workstations; the browser language still works.
    return undefined;
  }
}

function browserLanguage(): Language | undefined {
  return navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLanguage);
}

function rememberLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still holds for this page load.
  }
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: readStoredLanguage() ?? browserLanguage() ?? 'en',
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  // React escapes what it renders; escaping here too would show `&amp;` in names.
  interpolation: { escapeValue: false },
  // Resources are bundled, so initialise synchronously and render translated text on first paint.
  initAsync: false,
});
document.documentElement.lang = i18n.resolvedLanguage ?? 'en';
i18n.on('languageChanged', rememberLanguage);

/** The configured i18next instance, for code outside React components (e.g. notifications). */
export { i18n };
