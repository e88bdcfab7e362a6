/**
 * Request for domain name registration information sent directly to a registrar in another Party
 * (Second Additional Protocol to the Convention on Cybercrime, CETS No. 224, Art. 6).
 *
 * Sources: the Protocol text could not be read in the stored copies (only its first pages were
 * found: https://pace.coe.int/en/files/29267/html, scribd copy of CETS 224).
 * // [unchecked] Art. 6(1) (information for identifying or contacting the registrant) and
 * Art. 6(3)(a)–(d) (date and issuing authority; domain name and detailed list of data elements;
 * statement that the request is issued under the Protocol, relevant to a specific investigation
 * and used only for it; time frame and manner of disclosure, special instructions) are taken from
 * DOMAIN.md and memory of the treaty text; check them against the official text.
 */
import { z } from 'zod';
import { offenceCategorySchema } from '../cases.ts';
import {
  country,
  date,
  issuingAuthorityFields,
  issuingAuthorityShape,
  OFFENCE_OPTIONS,
  optionalEmail,
  optionalText,
  requestingAuthorityFromContext,
  statement,
  text,
} from './common.ts';
import { defineRequestType, type EntrySpec, type Localised, type PrefillContext } from './definition.ts';

const art = (paragraph: string) => `Protocol Art. 6${paragraph}`;

const DATA_ELEMENT_OPTIONS = {
  registrant_name: { en: 'Name of the registrant', fr: 'Nom du titulaire' },
  registrant_organisation: { en: 'Organisation of the registrant', fr: 'Organisation du titulaire' },
  registrant_address: { en: 'Postal address of the registrant', fr: 'Adresse postale du titulaire' },
  registrant_email: { en: 'E-mail address of the registrant', fr: 'Adresse électronique du titulaire' },
  registrant_phone: { en: 'Telephone number of the registrant', fr: 'Numéro de téléphone du titulaire' },
  administrative_contact: { en: 'Administrative contact', fr: 'Contact administratif' },
  technical_contact: { en: 'Technical contact', fr: 'Contact technique' },
  registration_dates: { en: 'Dates of registration, renewal and expiry', fr: 'Dates d’enregistrement, de renouvellement et d’expiration' },
} as const satisfies Record<string, Localised>;
type DataElement = keyof typeof DATA_ELEMENT_OPTIONS;

/** Words of the Art. 6(3)(c) statement, printed when ticked. */
export const ART6_STATEMENT: Localised = {
  en: 'This request is issued pursuant to the Second Additional Protocol to the Convention on Cybercrime; the information is needed because of its relevance to a specific criminal investigation or proceeding and will only be used for that specific criminal investigation or proceeding.',
  fr: 'La présente demande est émise en application du Deuxième Protocole additionnel à la Convention sur la cybercriminalité ; les informations sont nécessaires en raison de leur pertinence pour une enquête ou une procédure pénale spécifique et ne seront utilisées que pour cette enquête ou procédure.',
};

const DOMAIN_NAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+\.?$/i;

const shape = {
  date: date(),
  reference: text(),
  issuingAuthority: z.object(issuingAuthorityShape()),
  registrar: z.object({ name: text(), country: country(), email: optionalEmail(), address: optionalText() }),
  domainName: text().regex(DOMAIN_NAME, { error: 'must be a domain name such as example.org' }),
  dataElements: z
    .array(z.enum(Object.keys(DATA_ELEMENT_OPTIONS) as [DataElement, ...DataElement[]]))
    .min(1, { error: 'choose at least one data element' }),
  dataElementsOther: optionalText(),
  protocolStatement: statement(),
  offence: z.object({ categories: z.array(offenceCategorySchema).optional() }).optional(),
  response: z.object({ timeFrame: text(), manner: text(), instructions: optionalText() }),
};

/** A complete Art. 6 request. */
export type DomainRegistrationBody = z.output<z.ZodObject<typeof shape>>;

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };

const entries: EntrySpec[] = [
  {
    number: '6(3)(a)',
    label: { en: 'Date of issue and issuing authority', fr: 'Date d’émission et autorité qui émet la demande' },
    source: art('(3)(a)'),
    fields: [
      { path: 'date', label: { en: 'Date of issue', fr: 'Date d’émission' }, why: { en: 'The registrar needs the date the request was issued.', fr: 'Le bureau d’enregistrement doit connaître la date d’émission de la demande.' }, required: true },
      ...issuingAuthorityFields('issuingAuthority', { en: 'The registrar must be able to identify and contact the competent authority.', fr: 'Le bureau d’enregistrement doit pouvoir identifier et contacter l’autorité compétente.' }),
    ],
  },
  {
    number: '6(1)',
    label: { en: 'Entity providing domain name registration services', fr: 'Entité fournissant des services d’enregistrement de noms de domaine' },
    source: art('(1)'),
    fields: [
      { path: 'registrar.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The registrar or registry in the territory of the other Party.', fr: 'Le bureau d’enregistrement ou le registre situé sur le territoire de l’autre Partie.' }, required: true },
      { path: 'registrar.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party in whose territory the entity is.', fr: 'La Partie sur le territoire de laquelle se trouve l’entité.' }, required: true },
      { path: 'registrar.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
      { path: 'registrar.address', label: { en: 'Address', fr: 'Adresse' }, why: OPTIONAL, required: false },
    ],
  },
  {
    number: '6(3)(b)',
    label: { en: 'Domain name and information sought', fr: 'Nom de domaine et informations demandées' },
    source: art('(3)(b)'),
    fields: [
      { path: 'domainName', label: { en: 'Domain name', fr: 'Nom de domaine' }, why: { en: 'The domain name about which information is sought.', fr: 'Le nom de domaine sur lequel portent les informations demandées.' }, required: true },
      { path: 'dataElements', label: { en: 'Data elements', fr: 'Éléments de données' }, why: { en: 'A detailed list of the information sought, element by element.', fr: 'Une liste détaillée des informations demandées, élément par élément.' }, required: true, options: DATA_ELEMENT_OPTIONS },
      { path: 'dataElementsOther', label: { en: 'Other data elements', fr: 'Autres éléments de données' }, why: OPTIONAL, required: false },
    ],
  },
  {
    number: '6(3)(c)',
    label: { en: 'Statement and investigation concerned', fr: 'Déclaration et enquête concernée' },
    source: art('(3)(c)'),
    fields: [
      { path: 'protocolStatement', label: { en: 'Statement', fr: 'Déclaration' }, why: { en: 'The registrar may disclose only on a request stating its basis, relevance and limited use.', fr: 'Le bureau d’enregistrement ne peut divulguer que sur une demande indiquant son fondement, sa pertinence et son usage limité.' }, required: true, statement: ART6_STATEMENT },
      { path: 'reference', label: { en: 'Reference of the investigation or proceeding', fr: 'Référence de l’enquête ou de la procédure' }, why: { en: 'Names the specific investigation the information is for.', fr: 'Désigne l’enquête spécifique à laquelle les informations sont destinées.' }, required: true },
      { path: 'offence.categories', label: { en: 'Offence', fr: 'Infraction' }, why: OPTIONAL, required: false, options: OFFENCE_OPTIONS },
    ],
  },
  {
    number: '6(3)(d)',
    label: { en: 'Time frame and manner of disclosure', fr: 'Délai et modalités de la divulgation' },
    source: art('(3)(d)'),
    fields: [
      { path: 'response.timeFrame', label: { en: 'Time frame', fr: 'Délai' }, why: { en: 'The registrar needs to know by when to answer.', fr: 'Le bureau d’enregistrement doit savoir dans quel délai répondre.' }, required: true },
      { path: 'response.manner', label: { en: 'Manner', fr: 'Modalités' }, why: { en: 'Say how the information should be sent (e.g. encrypted e-mail).', fr: 'Indiquez comment les informations doivent être transmises (p. ex. courriel chiffré).' }, required: true },
      { path: 'response.instructions', label: { en: 'Special procedural instructions', fr: 'Instructions procédurales particulières' }, why: OPTIONAL, required: false },
    ],
  },
];

function domainFromIdentifiers(ctx: PrefillContext): string | undefined {
  for (const id of ctx.identifiers) {
    if (id.kind !== 'url' && id.kind !== 'onion') continue;
    try {
      return new URL(id.value.includes('://') ? id.value : `http://${id.value}`).hostname;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Domain name registration information directly from a registrar (Protocol Art. 6). */
export const p2DomainRegistration = defineRequestType({
  type: 'p2_domain_registration',
  title: { en: 'Request for domain name registration information', fr: 'Demande d’informations sur l’enregistrement d’un nom de domaine' },
  form: 'CETS 224 Art. 6',
  subtitle: {
    en: 'Second Additional Protocol to the Convention on Cybercrime (CETS No. 224), Art. 6',
    fr: 'Deuxième Protocole additionnel à la Convention sur la cybercriminalité (STCE n° 224), art. 6',
  },
  legalBasis: {
    instrument: 'Second Additional Protocol (CETS 224)',
    articles: ['6'],
    citation: 'Second Additional Protocol to the Convention on Cybercrime on enhanced co-operation and disclosure of electronic evidence (CETS No. 224), Art. 6',
  },
  shape,
  entries,
  steps: [
    { id: 'parties', title: { en: 'Issuing authority and registrar', fr: 'Autorité et bureau d’enregistrement' }, entries: ['6(3)(a)', '6(1)'] },
    { id: 'information', title: { en: 'Information sought', fr: 'Informations demandées' }, entries: ['6(3)(b)', '6(3)(c)'] },
    { id: 'response', title: { en: 'Time frame and manner', fr: 'Délai et modalités' }, entries: ['6(3)(d)'] },
  ],
  prefill(ctx) {
    const registrar = ctx.counterpart?.kind === 'registrar' ? ctx.counterpart : undefined;
    const domainName = domainFromIdentifiers(ctx);
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      issuingAuthority: requestingAuthorityFromContext(ctx),
      ...(registrar ? { registrar: { name: registrar.name, country: registrar.country, ...(registrar.email ? { email: registrar.email } : {}), ...(registrar.address ? { address: registrar.address } : {}) } } : {}),
      ...(domainName ? { domainName } : {}),
      dataElements: ['registrant_name' as const, 'registrant_address' as const, 'registrant_email' as const, 'registrant_phone' as const],
      offence: { categories: ctx.case.offenceCategories },
    };
  },
});
