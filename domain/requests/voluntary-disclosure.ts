/**
 * Direct request to a service provider for the voluntary disclosure of non-content data (subscriber
 * information, IP logs). US providers may disclose such records to foreign authorities under
 * 18 U.S.C. §2702(c); content needs mutual legal assistance (or a CLOUD Act agreement).
 *
 * Sources checked:
 * - 18 U.S.C. §2702(c) (stored US Code copy, codexstanford/markdonw-chunck-of-the-usa-code,
 *   chuncks/title-18/chunck-1540.md): a provider "may divulge a record or other information
 *   pertaining to a subscriber … (not including the contents of communications)" in the cases
 *   listed, among them (6) "to any person other than a governmental entity".
 *   // [unchecked] that a foreign authority is not a "governmental entity" (18 U.S.C. §2711(4):
 *   a US federal or State department or agency) was not verified in the stored copies.
 * - UNODC SHERLOC model form for voluntary disclosure (https://sherloc.unodc.org/cld/en/st/evidence/model-forms.html):
 *   only its description was found. // [unchecked] the entries follow the usual content of such a
 *   request (authority and domestic power, offence and facts, account, data, relation, period,
 *   non-disclosure), not the SHERLOC form item by item.
 */
import { z } from 'zod';
import {
  country,
  dataCategoryOptions,
  date,
  dateEntry,
  email,
  identifiersFor,
  readEarlierBody,
  identifiersSchema,
  OFFENCE_OPTIONS,
  offenceCategoriesSchema,
  optionalEmail,
  optionalText,
  periodSchema,
  referenceEntry,
  renderIdentifiers,
  renderLines,
  renderOffences,
  requestingAuthorityEntry,
  requestingAuthorityFromContext,
  requestingAuthorityShape,
  text,
} from './common.ts';
import { defineRequestType, textAt, type EntrySpec } from './definition.ts';

const SOURCE = 'SHERLOC model form (voluntary disclosure)';
const DATA_CATEGORIES = ['subscriber', 'identification', 'traffic'] as const;

const PROVIDER_BASIS_OPTIONS = {
  us_2702c: { en: '18 U.S.C. §2702(c) (non-content records, United States providers)', fr: '18 U.S.C. §2702(c) (données autres que le contenu, fournisseurs établis aux États-Unis)' },
  provider_policy: { en: 'The provider’s policy on requests from foreign authorities', fr: 'Les conditions du fournisseur applicables aux demandes d’autorités étrangères' },
} as const;

const shape = {
  date: date(),
  reference: text(),
  provider: z.object({ name: text(), country: country(), email: optionalEmail(), portal: optionalText() }),
  requestingAuthority: z.object({ ...requestingAuthorityShape(), email: email(), preferredReplyChannel: optionalText() }),
  legalBasis: z.object({ domestic: text(), provider: z.enum(['us_2702c', 'provider_policy']) }),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: optionalText() }),
  facts: text(),
  identifiers: identifiersSchema(),
  data: z.object({
    categories: z.array(z.enum(DATA_CATEGORIES)).min(1, { error: 'choose at least one category of non-content data' }),
    description: optionalText(),
    period: periodSchema().optional(),
    relationToOffence: text(),
  }),
  nonDisclosure: z.boolean().optional(),
  replyManner: optionalText(),
};

/** A complete voluntary disclosure request. */
export type VoluntaryDisclosureBody = z.output<z.ZodObject<typeof shape>>;

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };

const entries: EntrySpec[] = [
  dateEntry('1', SOURCE),
  referenceEntry('2', SOURCE),
  {
    number: '3',
    label: { en: 'Service provider', fr: 'Fournisseur de services' },
    source: SOURCE,
    fields: [
      { path: 'provider.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The provider asked to disclose.', fr: 'Le fournisseur invité à divulguer.' }, required: true },
      { path: 'provider.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'Decides the law that allows the provider to disclose.', fr: 'Détermine le droit qui autorise le fournisseur à divulguer.' }, required: true },
      { path: 'provider.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
      { path: 'provider.portal', label: { en: 'Law-enforcement portal', fr: 'Portail destiné aux services répressifs' }, why: OPTIONAL, required: false },
    ],
  },
  requestingAuthorityEntry('4', SOURCE, { replyChannel: false, emailRequired: true }),
  {
    number: '5',
    label: { en: 'Legal basis', fr: 'Base juridique' },
    source: '18 U.S.C. §2702(c)',
    fields: [
      { path: 'legalBasis.domestic', label: { en: 'National provision empowering the request', fr: 'Disposition nationale habilitant à présenter la demande' }, why: { en: 'Providers disclose only to an authority acting under its own law.', fr: 'Les fournisseurs ne divulguent qu’à une autorité agissant en vertu de son propre droit.' }, required: true, article: SOURCE },
      { path: 'legalBasis.provider', label: { en: 'Basis for the provider to disclose', fr: 'Fondement permettant au fournisseur de divulguer' }, why: { en: 'Voluntary disclosure covers non-content data only.', fr: 'La divulgation volontaire ne porte que sur des données autres que le contenu.' }, required: true, options: PROVIDER_BASIS_OPTIONS },
    ],
  },
  {
    number: '6',
    label: { en: 'Offence and summary of the facts', fr: 'Infraction et exposé des faits' },
    source: SOURCE,
    fields: [
      { path: 'offence.categories', label: { en: 'Offence', fr: 'Infraction' }, why: { en: 'Providers check the request concerns a criminal investigation.', fr: 'Les fournisseurs vérifient que la demande se rapporte à une enquête pénale.' }, required: true, options: OFFENCE_OPTIONS },
      { path: 'offence.provisions', label: { en: 'Legal provisions', fr: 'Dispositions légales' }, why: OPTIONAL, required: false },
      { path: 'facts', label: { en: 'Summary of the facts', fr: 'Exposé des faits' }, why: { en: 'A short summary lets the provider assess the request.', fr: 'Un bref exposé permet au fournisseur d’apprécier la demande.' }, required: true },
    ],
    render: (body, language) =>
      renderLines(
        [
          [{ en: 'Offence', fr: 'Infraction' }, renderOffences(body, 'offence.categories', language)],
          [{ en: 'Legal provisions', fr: 'Dispositions légales' }, textAt(body, 'offence.provisions')],
          [{ en: 'Summary of the facts', fr: 'Exposé des faits' }, textAt(body, 'facts')],
        ],
        language,
      ),
  },
  {
    number: '7',
    label: { en: 'Accounts and identifiers', fr: 'Comptes et identifiants' },
    source: SOURCE,
    fields: [{ path: 'identifiers', why: { en: 'The account concerned, with times and time zones (see the table).', fr: 'Le compte concerné, avec heures et fuseaux horaires (voir le tableau).' }, required: true }],
    render: (body, language) => renderIdentifiers(body, language),
  },
  {
    number: '8',
    label: { en: 'Non-content data sought', fr: 'Données autres que le contenu demandées' },
    source: '18 U.S.C. §2702(c)',
    fields: [
      { path: 'data.categories', label: { en: 'Categories of data', fr: 'Catégories de données' }, why: { en: 'Subscriber information and logs only: content needs mutual legal assistance.', fr: 'Informations relatives aux abonnés et journaux seulement : le contenu exige l’entraide judiciaire.' }, required: true, options: dataCategoryOptions(DATA_CATEGORIES) },
      { path: 'data.description', label: { en: 'Description', fr: 'Description' }, why: OPTIONAL, required: false },
    ],
  },
  {
    number: '9',
    label: { en: 'Relationship of the data to the offence', fr: 'Lien entre les données et l’infraction' },
    source: SOURCE,
    fields: [{ path: 'data.relationToOffence', why: { en: 'Providers disclose only what is shown to relate to the offence.', fr: 'Les fournisseurs ne divulguent que ce dont le lien avec l’infraction est établi.' }, required: true }],
  },
  {
    number: '10',
    label: { en: 'Time period', fr: 'Période' },
    source: SOURCE,
    fields: [{ path: 'data.period', why: OPTIONAL, required: false }],
  },
  {
    number: '11',
    label: { en: 'Do not notify the user', fr: 'Ne pas informer l’utilisateur' },
    source: SOURCE,
    fields: [{ path: 'nonDisclosure', why: { en: 'Ask the provider not to tell the user while the investigation runs.', fr: 'Demandez au fournisseur de ne pas informer l’utilisateur pendant l’enquête.' }, required: false }],
  },
  {
    number: '12',
    label: { en: 'Manner of reply', fr: 'Modalités de réponse' },
    source: SOURCE,
    fields: [{ path: 'replyManner', why: OPTIONAL, required: false }],
  },
];

/** Voluntary disclosure of non-content data by a provider (SHERLOC model; 18 U.S.C. §2702(c)). */
export const voluntaryDisclosure = defineRequestType({
  type: 'voluntary_disclosure',
  title: { en: 'Request to a service provider for the voluntary disclosure of data', fr: 'Demande de divulgation volontaire de données adressée à un fournisseur de services' },
  form: 'SHERLOC model form (voluntary disclosure)',
  subtitle: {
    en: 'Direct request to the provider — UNODC SHERLOC model; 18 U.S.C. §2702(c) for US providers',
    fr: 'Demande directe au fournisseur — modèle SHERLOC de l’ONUDC ; 18 U.S.C. §2702(c) pour les fournisseurs américains',
  },
  legalBasis: {
    instrument: 'Provider policy / 18 U.S.C. §2702(c)',
    articles: ['18 U.S.C. §2702(c)'],
    citation: 'Voluntary disclosure of non-content records by the provider; for US providers 18 U.S.C. §2702(c)',
  },
  shape,
  entries,
  steps: [
    { id: 'parties', title: { en: 'Provider and requesting authority', fr: 'Fournisseur et autorité requérante' }, entries: ['1', '2', '3', '4', '5'] },
    { id: 'case', title: { en: 'Offence and facts', fr: 'Infraction et faits' }, entries: ['6'] },
    { id: 'data', title: { en: 'Data sought', fr: 'Données demandées' }, entries: ['7', '8', '9', '10'] },
    { id: 'terms', title: { en: 'Confidentiality and reply', fr: 'Confidentialité et réponse' }, entries: ['11', '12'] },
  ],
  relationPath: 'data.relationToOffence',
  periodPath: 'data.period',
  prefill(ctx) {
    const provider = ctx.counterpart?.kind === 'provider' ? ctx.counterpart : undefined;
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      ...(provider ? { provider: { name: provider.name, country: provider.country, ...(provider.email ? { email: provider.email } : {}) } } : {}),
      requestingAuthority: requestingAuthorityFromContext(ctx),
      legalBasis: { provider: provider?.country === 'US' ? ('us_2702c' as const) : ('provider_policy' as const) },
      offence: { categories: ctx.case.offenceCategories },
      facts: ctx.case.summary,
      identifiers: identifiersFor(ctx, ctx.parent ? readEarlierBody(ctx.parent.body) : {}),
      data: { categories: ['subscriber' as const] },
      nonDisclosure: true,
    };
  },
});
