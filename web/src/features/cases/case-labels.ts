/**
 * Names of offence categories and handling codes in the reader's language. Both tables live in
 * domain/cases.ts with their English and French labels (documents cite them too), so the UI
 * reads them from there rather than keeping a second copy in the translation files.
 */
import {
  HANDLING_CODES,
  OFFENCE_CATEGORIES,
  type CaseStatus,
  type HandlingCode,
  type OffenceCategory,
  type TeamMember,
} from '../../../../domain/cases.ts';

/** The language of the domain's label tables that matches the UI language (English otherwise). */
function tableLanguage(language: string): 'en' | 'fr' {
  return language.startsWith('fr') ? 'fr' : 'en';
}

/** "Sexual abuse" / "Abus sexuels". */
export function offenceLabel(category: OffenceCategory, language: string): string {
  return OFFENCE_CATEGORIES[category].label[tableLanguage(language)];
}

/** The articles an offence category cites (Directive 2011/93/EU, Lanzarote Convention). */
export function offenceArticles(category: OffenceCategory): string {
  return OFFENCE_CATEGORIES[category].articles;
}

/** Every offence category as select options, in the order of the domain table. */
export function offenceOptions(language: string): { value: OffenceCategory; label: string }[] {
  return (Object.keys(OFFENCE_CATEGORIES) as OffenceCategory[]).map((value) => ({ value, label: offenceLabel(value, language) }));
}

/** "H0 — law-enforcement use only". */
export function handlingDescription(code: HandlingCode, language: string): string {
  return HANDLING_CODES[code][tableLanguage(language)];
}

/** Every handling code as select options, with its description. */
export function handlingOptions(language: string): { value: HandlingCode; label: string }[] {
  return (Object.keys(HANDLING_CODES) as HandlingCode[]).map((value) => ({ value, label: handlingDescription(value, language) }));
}

/**
 * The name of the person the server labels by e-mail address (authors, actors, the case's
 * creator) when they are on the team, so the page reads "Inès Martin"; the address otherwise.
 */
export function personName(team: readonly TeamMember[], label: string): string {
  return team.find((member) => member.email === label)?.displayName ?? label;
}

/** Badge colour of a case status: open work stands out, closed cases fade. */
export const STATUS_COLORS: Record<CaseStatus, string> = { open: 'green', suspended: 'orange', closed: 'gray' };
