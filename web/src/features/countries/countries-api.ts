/** The shipped country data (`/countries`) and the country profiles built on it. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryListSchema, countryProfileSchema } from '../../../../domain/directory.ts';
import { apiGet } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { countryName } from '../../ui/names.ts';

/** Every ISO 3166-1 country with its time zones, languages and the instruments binding it today. */
export function useCountries() {
  return useQuery({
    queryKey: queryKeys.countries,
    queryFn: () => apiGet('/countries', countryListSchema),
    // Shipped data: it changes with a new release, not during a session.
    staleTime: Infinity,
  });
}

/** A country's treaties, authorities and providers. */
export function useCountryProfile(code: string) {
  return useQuery({
    queryKey: [...queryKeys.directory, 'country', code],
    queryFn: () => apiGet(`/countries/${encodeURIComponent(code)}`, countryProfileSchema),
  });
}

/** One choice of a country select. */
export interface CountryOption {
  value: string;
  label: string;
}

/** What the country selects and tables need: sorted options and a name for any code. */
export interface CountryNames {
  options: CountryOption[];
  nameOf: (code: string) => string;
  isPending: boolean;
  error: unknown;
}

/**
 * Countries named in the reader's language and sorted by that name (the server's English name
 * when the browser has none), for selects and for showing a code as a name.
 */
export function useCountryNames(): CountryNames {
  const { i18n } = useTranslation();
  const countries = useCountries();
  const language = i18n.language;
  return useMemo(() => {
    const english = new Map((countries.data?.countries ?? []).map((country) => [country.code, country.name]));
    const nameOf = (code: string) => countryName(code, language, english.get(code));
    const options = [...english.keys()]
      .map((code) => ({ value: code, label: nameOf(code) }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
    return { options, nameOf, isPending: countries.isPending, error: countries.error };
  }, [countries.data, countries.isPending, countries.error, language]);
}
