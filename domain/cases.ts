import { z } from 'zod';

/**
 * Offence categories of a case, after Directive 2011/93/EU Arts. 3–7 and the Lanzarote Convention
 * (CETS 201) Arts. 18–23. Each carries the articles so requests and documents can cite them.
 */
export const OFFENCE_CATEGORIES = {
  sexual_abuse: { label: { en: 'Sexual abuse', fr: 'Abus sexuels' }, articles: 'Directive 2011/93/EU Art. 3; Lanzarote Art. 18' },
  sexual_exploitation: { label: { en: 'Sexual exploitation', fr: 'Exploitation sexuelle' }, articles: 'Directive 2011/93/EU Art. 4; Lanzarote Art. 19' },
  csam_possession: { label: { en: 'Child sexual abuse material — possession', fr: 'Matériel pédopornographique — détention' }, articles: 'Directive 2011/93/EU Art. 5(2); Lanzarote Art. 20(1)(e)' },
  csam_access: { label: { en: 'Child sexual abuse material — access', fr: 'Matériel pédopornographique — accès' }, articles: 'Directive 2011/93/EU Art. 5(3); Lanzarote Art. 20(1)(f)' },
  csam_distribution: { label: { en: 'Child sexual abuse material — distribution', fr: 'Matériel pédopornographique — diffusion' }, articles: 'Directive 2011/93/EU Art. 5(4)–(5); Lanzarote Art. 20(1)(b)–(d)' },
  csam_production: { label: { en: 'Child sexual abuse material — production', fr: 'Matériel pédopornographique — production' }, articles: 'Directive 2011/93/EU Art. 5(6); Lanzarote Art. 20(1)(a)' },
  solicitation: { label: { en: 'Solicitation of children (grooming)', fr: 'Sollicitation d’enfants (pédopiégeage)' }, articles: 'Directive 2011/93/EU Art. 6; Lanzarote Art. 23' },
  live_streamed_abuse: { label: { en: 'Live-streamed abuse', fr: 'Abus diffusés en direct' }, articles: 'Directive 2011/93/EU Art. 4(2)–(4); Lanzarote Art. 21' },
  sextortion: { label: { en: 'Sextortion', fr: 'Sextorsion' }, articles: 'Directive 2011/93/EU Arts. 3(5), 4(3); Lanzarote Arts. 18(1)(b), 21(1)(b)' },
} as const;
export type OffenceCategory = keyof typeof OFFENCE_CATEGORIES;
export const offenceCategorySchema = z.enum(Object.keys(OFFENCE_CATEGORIES) as [OffenceCategory, ...OffenceCategory[]]);

/** Europol SIENA handling codes. */
export const HANDLING_CODES = {
  H0: { en: 'H0 — law-enforcement use only', fr: 'H0 — usage réservé aux services répressifs' },
  H1: { en: 'H1 — not for use in court without the permission of the provider', fr: 'H1 — pas d’usage judiciaire sans l’autorisation du fournisseur' },
  H2: { en: 'H2 — no onward sharing without permission', fr: 'H2 — pas de transmission sans autorisation' },
  H3: { en: 'H3 — other restrictions (see notes)', fr: 'H3 — autres restrictions (voir notes)' },
} as const;
export type HandlingCode = keyof typeof HANDLING_CODES;
export const handlingCodeSchema = z.enum(['H0', 'H1', 'H2', 'H3']);
