/**
 * Request to another Party to give effect to an order for the expedited production of subscriber
 * information or traffic data (Second Additional Protocol, CETS No. 224, Art. 8): the order, and
 * the supporting information that is not disclosed to the provider without consent.
 *
 * Sources: the Protocol text could not be read in the stored copies.
 * // [unchecked] Art. 8(3)(a)–(f) (the order: issuing authority and date, statement that it is
 * submitted under the Protocol, provider name and address, offence(s), seeking authority,
 * detailed description of the data), Art. 8(4)(a)–(h) (supporting information: domestic legal
 * grounds, provisions and penalties, why the provider holds the data, summary of facts,
 * relevance, contact, earlier preservation, other means already used) and Art. 8(5) (special
 * procedural instructions) follow memory of the treaty text; the time limits (serve within 45
 * days; subscriber information within 20 days, traffic data within 45 days) are in DOMAIN.md.
 */
import { z } from 'zod';
import {
  country,
  dataCategoryOptions,
  date,
  email,
  identifiersFor,
  identifiersSchema,
  issuingAuthorityFields,
  issuingAuthorityShape,
  keepCategories,
  OFFENCE_OPTIONS,
  offenceCategoriesSchema,
  optionalEmail,
  optionalText,
  periodSchema,
  readEarlierBody,
  renderIdentifiers,
  renderLines,
  renderOffences,
  renderPeriod,
  requestingAuthorityFromContext,
  statement,
  text,
} from './common.ts';
import { defineRequestType, formatValue, getAt, textAt, type EntrySpec, type Localised } from './definition.ts';
import { describeEarlierPreservation } from './p2-subscriber-order.ts';

const art = (paragraph: string) => `Protocol Art. 8${paragraph}`;
const DATA_CATEGORIES = ['subscriber', 'traffic'] as const;

/** Words of the Art. 8(3)(b) statement, printed when ticked. */
export const ART8_STATEMENT: Localised = {
  en: 'This order is submitted pursuant to the Second Additional Protocol to the Convention on Cybercrime (Article 8).',
  fr: 'La présente injonction est soumise en application du Deuxième Protocole additionnel à la Convention sur la cybercriminalité (article 8).',
};

const shape = {
  date: date(),
  reference: text(),
  requestedAuthority: z.object({ name: text(), country: country(), email: optionalEmail() }),
  issuingAuthority: z.object(issuingAuthorityShape()),
  protocolStatement: statement(),
  provider: z.object({ name: text(), address: text(), country: country() }),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: text() }),
  seekingAuthority: optionalText(),
  data: z.object({
    categories: z.array(z.enum(DATA_CATEGORIES)).min(1, { error: 'choose subscriber information, traffic data or both' }),
    description: text(),
    period: periodSchema().optional(),
    relationToOffence: text(),
  }),
  identifiers: identifiersSchema(),
  facts: text(),
  supporting: z.object({
    domesticLegalGrounds: text(),
    reasonProviderHasData: text(),
    contact: z.object({ name: text(), email: email() }),
    preservation: optionalText(),
    otherMeans: optionalText(),
  }),
  instructions: optionalText(),
};

/** A complete Art. 8 request. */
export type OrderGivenEffectBody = z.output<z.ZodObject<typeof shape>>;

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };
const LINE = {
  categories: { en: 'Categories of data', fr: 'Catégories de données' },
  description: { en: 'Description', fr: 'Description' },
  identifiers: { en: 'Identifiers (see the table)', fr: 'Identifiants (voir le tableau)' },
  period: { en: 'Period', fr: 'Période' },
} as const;

const entries: EntrySpec[] = [
  {
    number: '8(1)',
    label: { en: 'Requested Party and authority', fr: 'Partie et autorité requises' },
    source: art('(1)'),
    fields: [
      { path: 'requestedAuthority.name', label: { en: 'Authority', fr: 'Autorité' }, why: { en: 'The authority the requested Party designated to receive orders under Art. 8.', fr: 'L’autorité désignée par la Partie requise pour recevoir les injonctions de l’art. 8.' }, required: true },
      { path: 'requestedAuthority.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party where the provider is.', fr: 'La Partie où se trouve le fournisseur.' }, required: true },
      { path: 'requestedAuthority.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
    ],
  },
  {
    number: '8(3)(a)',
    label: { en: 'Issuing authority and date of the order', fr: 'Autorité d’émission et date de l’injonction' },
    source: art('(3)(a)'),
    fields: [
      { path: 'date', label: { en: 'Date of issue', fr: 'Date d’émission' }, why: { en: 'The date the order was issued.', fr: 'La date d’émission de l’injonction.' }, required: true },
      { path: 'reference', label: { en: 'Reference', fr: 'Référence' }, why: { en: 'Lets both Parties match the reply to the order.', fr: 'Permet aux deux Parties de rattacher la réponse à l’injonction.' }, required: true },
      ...issuingAuthorityFields('issuingAuthority', { en: 'The competent authority that issued the order.', fr: 'L’autorité compétente qui a émis l’injonction.' }),
    ],
  },
  {
    number: '8(3)(b)',
    label: { en: 'Statement that the order is submitted pursuant to the Protocol', fr: 'Déclaration selon laquelle l’injonction est soumise en application du Protocole' },
    source: art('(3)(b)'),
    fields: [{ path: 'protocolStatement', why: { en: 'The requested Party gives effect only to orders submitted under the Protocol.', fr: 'La Partie requise ne donne effet qu’aux injonctions soumises en application du Protocole.' }, required: true, statement: ART8_STATEMENT }],
  },
  {
    number: '8(3)(c)',
    label: { en: 'Service provider to be served', fr: 'Fournisseur de services destinataire' },
    source: art('(3)(c)'),
    fields: [
      { path: 'provider.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The requested Party serves the provider named.', fr: 'La Partie requise signifie l’injonction au fournisseur désigné.' }, required: true },
      { path: 'provider.address', label: { en: 'Address', fr: 'Adresse' }, why: { en: 'Needed to serve the order.', fr: 'Nécessaire à la signification.' }, required: true },
      { path: 'provider.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party where the provider is.', fr: 'La Partie où se trouve le fournisseur.' }, required: true },
    ],
  },
  {
    number: '8(3)(d)',
    label: { en: 'Offence(s) under investigation or prosecution', fr: 'Infraction(s) faisant l’objet de l’enquête ou des poursuites' },
    source: art('(3)(d)'),
    fields: [{ path: 'offence.categories', why: { en: 'Name the offence investigated or prosecuted.', fr: 'Indiquez l’infraction faisant l’objet de l’enquête ou des poursuites.' }, required: true, options: OFFENCE_OPTIONS }],
    render: (body, language) => renderOffences(body, 'offence.categories', language),
  },
  {
    number: '8(3)(e)',
    label: { en: 'Authority seeking the information or data, if not the issuing authority', fr: 'Autorité qui demande les informations ou données, si elle n’est pas l’autorité d’émission' },
    source: art('(3)(e)'),
    fields: [{ path: 'seekingAuthority', why: OPTIONAL, required: false }],
  },
  {
    number: '8(3)(f)',
    label: { en: 'Detailed description of the information or data sought', fr: 'Description détaillée des informations ou données demandées' },
    source: art('(3)(f)'),
    fields: [
      { path: 'data.categories', label: LINE.categories, why: { en: 'Art. 8 covers subscriber information (20 days) and traffic data (45 days).', fr: 'L’art. 8 vise les informations relatives aux abonnés (20 jours) et les données relatives au trafic (45 jours).' }, required: true, options: dataCategoryOptions(DATA_CATEGORIES) },
      { path: 'data.description', label: LINE.description, why: { en: 'Describe exactly the records to be produced.', fr: 'Décrivez précisément les données à produire.' }, required: true },
      { path: 'identifiers', label: LINE.identifiers, why: { en: 'Each timed identifier needs its time zone.', fr: 'Chaque identifiant horodaté doit porter son fuseau horaire.' }, required: true },
      { path: 'data.period', label: LINE.period, why: OPTIONAL, required: false },
    ],
    render: (body, language) =>
      renderLines(
        [
          [LINE.categories, formatValue(getAt(body, 'data.categories'), { options: dataCategoryOptions(DATA_CATEGORIES) }, language)],
          [LINE.description, textAt(body, 'data.description')],
          [LINE.identifiers, renderIdentifiers(body, language)],
          [LINE.period, renderPeriod(body, 'data.period', language)],
        ],
        language,
      ),
  },
  {
    number: '8(4)(a)',
    label: { en: 'Domestic legal grounds empowering the authority to issue the order', fr: 'Fondements juridiques nationaux habilitant l’autorité à émettre l’injonction' },
    source: art('(4)(a)'),
    fields: [{ path: 'supporting.domesticLegalGrounds', why: { en: 'Supporting information, not disclosed to the provider without your consent.', fr: 'Information à l’appui, non communiquée au fournisseur sans votre consentement.' }, required: true }],
  },
  {
    number: '8(4)(b)',
    label: { en: 'Legal provisions and applicable penalties for the offence', fr: 'Dispositions légales et peines applicables à l’infraction' },
    source: art('(4)(b)'),
    fields: [{ path: 'offence.provisions', why: { en: 'Quote the provisions and penalties.', fr: 'Citez les dispositions et les peines.' }, required: true }],
  },
  {
    number: '8(4)(c)',
    label: { en: 'Why the provider is believed to hold the data', fr: 'Raisons de penser que le fournisseur détient les données' },
    source: art('(4)(c)'),
    fields: [{ path: 'supporting.reasonProviderHasData', why: { en: 'The requested Party serves the order only on a provider that plausibly holds the data.', fr: 'La Partie requise ne signifie l’injonction qu’à un fournisseur susceptible de détenir les données.' }, required: true }],
  },
  {
    number: '8(4)(d)',
    label: { en: 'Summary of the facts', fr: 'Exposé des faits' },
    source: art('(4)(d)'),
    fields: [{ path: 'facts', why: { en: 'The facts related to the investigation or proceeding.', fr: 'Les faits se rapportant à l’enquête ou à la procédure.' }, required: true }],
  },
  {
    number: '8(4)(e)',
    label: { en: 'Relevance of the information or data to the investigation', fr: 'Pertinence des informations ou données pour l’enquête' },
    source: art('(4)(e)'),
    fields: [{ path: 'data.relationToOffence', why: { en: 'Explain how the data relate to the offence.', fr: 'Expliquez le lien entre les données et l’infraction.' }, required: true }],
  },
  {
    number: '8(4)(f)',
    label: { en: 'Authority that may provide further information', fr: 'Autorité pouvant fournir des informations complémentaires' },
    source: art('(4)(f)'),
    fields: [
      { path: 'supporting.contact.name', label: { en: 'Authority or person', fr: 'Autorité ou personne' }, why: { en: 'Who answers the requested Party’s questions.', fr: 'Qui répond aux questions de la Partie requise.' }, required: true },
      { path: 'supporting.contact.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: { en: 'How to reach them.', fr: 'Comment la joindre.' }, required: true },
    ],
  },
  {
    number: '8(4)(g)',
    label: { en: 'Earlier preservation (date and reference)', fr: 'Conservation antérieure (date et référence)' },
    source: art('(4)(g)'),
    fields: [{ path: 'supporting.preservation', why: OPTIONAL, required: false }],
  },
  {
    number: '8(4)(h)',
    label: { en: 'Whether the data were already sought by other means, and how', fr: 'Si les données ont déjà été demandées par d’autres moyens, et lesquels' },
    source: art('(4)(h)'),
    fields: [{ path: 'supporting.otherMeans', why: { en: 'E.g. an Art. 7 order the provider did not comply with.', fr: 'P. ex. une injonction de l’art. 7 à laquelle le fournisseur n’a pas donné suite.' }, required: false }],
  },
  {
    number: '8(5)',
    label: { en: 'Special procedural instructions', fr: 'Instructions procédurales particulières' },
    source: art('(5)'),
    fields: [{ path: 'instructions', why: OPTIONAL, required: false }],
  },
];

/** Giving effect to an order through the other Party (Protocol Art. 8). */
export const p2OrderGivenEffect = defineRequestType({
  type: 'p2_order_given_effect',
  title: {
    en: 'Request to give effect to an order for the expedited production of subscriber information and traffic data',
    fr: 'Demande tendant à donner effet à une injonction de production accélérée d’informations relatives aux abonnés et de données relatives au trafic',
  },
  form: 'CETS 224 Art. 8',
  subtitle: {
    en: 'Second Additional Protocol to the Convention on Cybercrime (CETS No. 224), Art. 8',
    fr: 'Deuxième Protocole additionnel à la Convention sur la cybercriminalité (STCE n° 224), art. 8',
  },
  legalBasis: {
    instrument: 'Second Additional Protocol (CETS 224)',
    articles: ['8'],
    citation: 'Second Additional Protocol to the Convention on Cybercrime (CETS No. 224), Art. 8 (giving effect to orders from another Party)',
  },
  shape,
  entries,
  steps: [
    { id: 'order', title: { en: 'Order', fr: 'Injonction' }, entries: ['8(1)', '8(3)(a)', '8(3)(b)', '8(3)(c)'] },
    { id: 'data', title: { en: 'Offence and data sought', fr: 'Infraction et données demandées' }, entries: ['8(3)(d)', '8(3)(e)', '8(3)(f)'] },
    { id: 'supporting', title: { en: 'Supporting information', fr: 'Informations à l’appui' }, entries: ['8(4)(a)', '8(4)(b)', '8(4)(c)', '8(4)(d)', '8(4)(e)', '8(4)(f)', '8(4)(g)', '8(4)(h)', '8(5)'] },
  ],
  relationPath: 'data.relationToOffence',
  periodPath: 'data.period',
  prefill(ctx) {
    const parent = ctx.parent;
    const carried = parent ? readEarlierBody(parent.body) : {};
    const counterpart = ctx.counterpart && ctx.counterpart.kind !== 'provider' && ctx.counterpart.kind !== 'registrar' ? ctx.counterpart : undefined;
    const preservation = describeEarlierPreservation(parent) ?? carried.supplementary?.preservation;
    const afterOrder = parent?.type === 'p2_subscriber_order';
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      ...(counterpart ? { requestedAuthority: { name: counterpart.name, country: counterpart.country, ...(counterpart.email ? { email: counterpart.email } : {}) } } : {}),
      issuingAuthority: { ...carried.issuingAuthority, ...requestingAuthorityFromContext(ctx) },
      ...(carried.provider ? { provider: { ...(carried.provider.name ? { name: carried.provider.name } : {}), ...(carried.provider.address ? { address: carried.provider.address } : {}), ...(carried.provider.country ? { country: carried.provider.country } : {}) } } : {}),
      offence: { categories: ctx.case.offenceCategories, ...(carried.offence?.provisions ? { provisions: carried.offence.provisions } : {}) },
      data: {
        categories: afterOrder ? ['subscriber' as const] : keepCategories(carried.data?.categories, DATA_CATEGORIES),
        ...(carried.data?.description ? { description: carried.data.description } : {}),
        ...(carried.data?.relationToOffence ? { relationToOffence: carried.data.relationToOffence } : {}),
        ...(carried.data?.period ? { period: carried.data.period } : {}),
      },
      identifiers: identifiersFor(ctx, carried),
      facts: carried.facts || ctx.case.summary,
      supporting: {
        ...(carried.supplementary?.domesticLegalGrounds ? { domesticLegalGrounds: carried.supplementary.domesticLegalGrounds } : {}),
        contact: { name: ctx.requestingAuthority.person, ...(ctx.requestingAuthority.email ? { email: ctx.requestingAuthority.email } : {}) },
        ...(preservation ? { preservation } : {}),
        ...(afterOrder && parent ? { otherMeans: `Order under Protocol Art. 7, reference ${parent.reference}${parent.sentAt ? ` of ${parent.sentAt.slice(0, 10)}` : ''}, not complied with` } : {}),
      },
    };
  },
});
