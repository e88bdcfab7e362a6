/**
 * Country and language names in the reader's language, from the browser's own CLDR data
 * (`Intl.DisplayNames`), so French readers see "Allemagne" without a translation table here.
 */

const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(language: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  const key = `${language}:${type}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, new Intl.DisplayNames([language], { type, fallback: 'none' }));
    } catch {
      cache.set(key, null);
    }
  }
  return cache.get(key) ?? null;
}

/** `DE` → "Germany" / "Allemagne"; `fallback` (e.g. the server's English name) when unknown. */
export function countryName(code: string, language: string, fallback?: string): string {
  try {
    return displayNames(language, 'region')?.of(code) ?? fallback ?? code;
  } catch {
    return fallback ?? code;
  }
}

/** `de` → "German" / "allemand"; the code itself when unknown. */
export function languageName(code: string, language: string): string {
  try {
    return displayNames(language, 'language')?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Several language codes as one readable list: "French, English". */
export function languageList(codes: readonly string[], language: string): string {
  return codes.map((code) => languageName(code, language)).join(', ');
}
