/**
 * Request for the expedited preservation of stored computer data through the 24/7 network
 * (Budapest Convention Arts. 29, 30 and 35), numbered after the T-CY template T-CY(2018)11.
 *
 * Sources checked:
 * - Budapest Convention Arts. 29, 30, 35 (English text, statengeneraal/laws-markdown
 *   verdrag/convention/on/cybercrime/BWBV0001839/README.md, the Dutch treaty database copy):
 *   Art. 29(2)(a)–(f) are items 12(a)–(f) below, word for word in substance; Art. 29(7) (not less
 *   than 60 days); Art. 30(1) (traffic data to identify another provider and the path).
 * - Items 1–7 follow the layout the T-CY adopted on 9 July 2018 for both templates, checked
 *   against the sister template T-CY(2018)10 (https://rm.coe.int/template-article31-mla-subscriber/1680a273d9):
 *   date, reference, status, requested authority, requesting authority (organisation, person,
 *   address, telephones, e-mail, fax, office hours, time zone, preferred reply), confirmation
 *   contact, investigative authority.
 * - T-CY(2018)11 itself (https://rm.coe.int/0900001680a33478) was not found in the stored copies.
 *   // [unchecked] items 8–11 mirror T-CY(2018)10 items 8–11 and items 12–14 are numbered after
 *   the brief ("Item 12(f)"); check the numbering against the PDF.
 * - French wording after the French authentic text of the Convention ("conservation rapide de
 *   données informatiques stockées", "gardien des données", "demande d'entraide").
 *   // [unchecked] the French of Art. 29(2) was not found in the stored copies; wording from memory.
 */
import { z } from 'zod';
import {
  confirmationContactEntry,
  confirmationContactFromContext,
  confirmationContactShape,
  country,
  dataCategoryOptions,
  date,
  dateEntry,
  earlierRequestFields,
  earlierRequestShape,
  identifiersFor,
  identifiersSchema,
  investigativeAuthorityEntry,
  investigativeAuthorityShape,
  keepCategories,
  OFFENCE_OPTIONS,
  offenceCategoriesSchema,
  optionalEmail,
  optionalText,
  periodSchema,
  readEarlierBody,
  referenceEntry,
  renderIdentifiers,
  renderLines,
  renderOffences,
  renderPeriod,
  requestingAuthorityEntry,
  requestingAuthorityFromContext,
  requestingAuthorityShape,
  statement,
  text,
} from './common.ts';
import { defineRequestType, formatValue, getAt, textAt, type EntrySpec, type Localised, type RequestWarning } from './definition.ts';

const FORM = 'T-CY(2018)11';
const item = (n: string) => `${FORM} item ${n}`;

const DATA_CATEGORIES = ['subscriber', 'traffic', 'content'] as const;

/** Statement of Budapest Art. 29(2)(f), printed when ticked. */
export const MLA_TO_FOLLOW_STATEMENT: Localised = {
  en: 'The requesting Party intends to submit a request for mutual assistance for the search or similar access, seizure or similar securing, or disclosure of the stored computer data.',
  fr: 'La Partie requérante entend soumettre une demande d’entraide en vue de la perquisition ou de l’accès par un moyen similaire, de la saisie ou de l’obtention par un moyen similaire, ou de la divulgation des données informatiques stockées.',
};

const STATUS_OPTIONS = {
  new: { en: 'New request', fr: 'Nouvelle demande' },
  extension: { en: 'Extension of an earlier preservation request (details in item 10)', fr: 'Prolongation d’une demande de conservation antérieure (précisions à la rubrique 10)' },
} as const;

const isExtension = (body: Readonly<Record<string, unknown>>) => getAt(body, 'status.kind') === 'extension';

const shape = {
  date: date(),
  reference: text(),
  status: z.object({ kind: z.enum(['new', 'extension']) }),
  requestedAuthority: z.object({ name: text(), country: country(), email: optionalEmail() }),
  requestingAuthority: z.object(requestingAuthorityShape()),
  confirmationContact: z.object(confirmationContactShape()),
  investigativeAuthority: z.object(investigativeAuthorityShape()).optional(),
  prosecution: z
    .object({ office: optionalText(), caseNumber: optionalText(), court: optionalText(), courtCaseNumber: optionalText(), decisions: optionalText() })
    .optional(),
  previousMla: z.object(earlierRequestShape()).optional(),
  previousPreservation: z.object(earlierRequestShape()).optional(),
  domesticLegalBasis: optionalText(),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: optionalText() }),
  facts: text(),
  data: z.object({
    categories: z.array(z.enum(DATA_CATEGORIES)).min(1, { error: 'choose at least one category of data' }),
    description: text(),
    period: periodSchema().optional(),
    relationToOffence: text(),
  }),
  identifiers: identifiersSchema(),
  custodian: z.object({ name: text(), details: optionalText() }),
  necessity: text(),
  mlaToFollow: statement(),
  partialDisclosure: z.object({ requested: z.boolean().optional(), details: optionalText() }).optional(),
  confidentiality: z.boolean().optional(),
};

/** A complete request for preservation through the 24/7 network. */
export type Preservation247Body = z.output<z.ZodObject<typeof shape>>;

const ART29_LABELS = {
  a: { en: 'Authority seeking the preservation', fr: 'Autorité qui demande la conservation' },
  b: {
    en: 'Offence under investigation and brief summary of the related facts',
    fr: 'Infraction faisant l’objet de l’enquête ou de la procédure pénale et bref exposé des faits qui s’y rattachent',
  },
  c: { en: 'Stored computer data to be preserved and its relationship to the offence', fr: 'Données informatiques stockées à conserver et nature de leur lien avec l’infraction' },
  d: {
    en: 'Available information identifying the custodian of the data or the location of the computer system',
    fr: 'Informations disponibles permettant d’identifier le gardien des données ou l’emplacement du système informatique',
  },
  e: { en: 'Necessity of the preservation', fr: 'Nécessité de la mesure de conservation' },
  f: { en: 'Statement that a request for mutual assistance will follow', fr: 'Déclaration qu’une demande d’entraide suivra' },
} as const;

const LINE = {
  offence: { en: 'Offence', fr: 'Infraction' },
  provisions: { en: 'Legal provisions and penalties', fr: 'Dispositions légales et peines' },
  facts: { en: 'Summary of the facts', fr: 'Exposé des faits' },
  categories: { en: 'Categories of data', fr: 'Catégories de données' },
  description: { en: 'Description of the data', fr: 'Description des données' },
  identifiers: { en: 'Identifiers (see the table)', fr: 'Identifiants (voir le tableau)' },
  period: { en: 'Period', fr: 'Période' },
  relation: { en: 'Relationship to the offence', fr: 'Lien avec l’infraction' },
  custodian: { en: 'Custodian', fr: 'Gardien des données' },
  location: { en: 'Location of the system and other details', fr: 'Emplacement du système et autres précisions' },
} as const;

const entries: EntrySpec[] = [
  dateEntry('1', item('1')),
  referenceEntry('2', item('2')),
  {
    number: '3',
    label: { en: 'Request status', fr: 'Statut de la demande' },
    source: item('3'),
    fields: [
      {
        path: 'status.kind',
        why: { en: 'An extension keeps data already preserved; the requested authority must know which one it is.', fr: 'Une prolongation maintient des données déjà conservées ; l’autorité requise doit savoir de quoi il s’agit.' },
        required: true,
        options: STATUS_OPTIONS,
      },
    ],
  },
  {
    number: '4',
    label: { en: 'Requested authority', fr: 'Autorité requise' },
    source: item('4'),
    fields: [
      { path: 'requestedAuthority.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The 24/7 point of contact of the requested Party (Budapest Art. 35).', fr: 'Le point de contact 24/7 de la Partie requise (art. 35 de la Convention de Budapest).' }, required: true },
      { path: 'requestedAuthority.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party whose territory holds the data (Budapest Art. 29(1)).', fr: 'La Partie sur le territoire de laquelle se trouvent les données (art. 29(1)).' }, required: true, article: 'Budapest Art. 29(1)' },
      { path: 'requestedAuthority.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: { en: 'Optional: where the request is sent.', fr: 'Facultatif : adresse d’envoi de la demande.' }, required: false },
    ],
  },
  requestingAuthorityEntry('5', item('5'), { organisationArticle: 'Budapest Art. 29(2)(a)', replyChannel: true }),
  confirmationContactEntry('6', item('6')),
  investigativeAuthorityEntry('7', item('7')),
  {
    // [unchecked] item 8 of T-CY(2018)11 assumed to mirror item 8 of T-CY(2018)10.
    number: '8',
    label: { en: 'Prosecution office or court in charge (if applicable)', fr: 'Parquet ou juridiction saisis (le cas échéant)' },
    source: item('8'),
    fields: [
      { path: 'prosecution.office', label: { en: 'Prosecution office', fr: 'Parquet' }, why: { en: 'Optional: a judicial authority already in charge strengthens the request.', fr: 'Facultatif : une autorité judiciaire déjà saisie renforce la demande.' }, required: false },
      { path: 'prosecution.caseNumber', label: { en: 'Prosecution case number', fr: 'Numéro de dossier du parquet' }, why: { en: 'Optional.', fr: 'Facultatif.' }, required: false },
      { path: 'prosecution.court', label: { en: 'Court', fr: 'Juridiction' }, why: { en: 'Optional.', fr: 'Facultatif.' }, required: false },
      { path: 'prosecution.courtCaseNumber', label: { en: 'Court case number', fr: 'Numéro de dossier de la juridiction' }, why: { en: 'Optional.', fr: 'Facultatif.' }, required: false },
      { path: 'prosecution.decisions', label: { en: 'Decisions related to the request', fr: 'Décisions relatives à la demande' }, why: { en: 'Optional.', fr: 'Facultatif.' }, required: false },
    ],
  },
  {
    // [unchecked] item 9 of T-CY(2018)11 assumed to mirror item 9 of T-CY(2018)10.
    number: '9',
    label: { en: 'Information on a previous MLA request (if applicable)', fr: 'Informations sur une demande d’entraide antérieure (le cas échéant)' },
    source: item('9'),
    fields: earlierRequestFields('previousMla', undefined, item('9')),
  },
  {
    // [unchecked] item 10 of T-CY(2018)11 assumed to hold the earlier preservation request.
    number: '10',
    label: { en: 'Information on the earlier preservation request (if an extension)', fr: 'Informations sur la demande de conservation antérieure (en cas de prolongation)' },
    source: item('10'),
    fields: earlierRequestFields(
      'previousPreservation',
      { when: { en: 'when the request extends an earlier one', fr: 'lorsque la demande prolonge une demande antérieure' }, test: isExtension },
      item('3'),
    ),
  },
  {
    // [unchecked] item 11 of T-CY(2018)11 assumed to mirror item 11 of T-CY(2018)10.
    number: '11',
    label: { en: 'Domestic legal basis for the request (if applicable)', fr: 'Base juridique nationale de la demande (le cas échéant)' },
    source: item('11'),
    fields: [{ path: 'domesticLegalBasis', why: { en: 'Optional: the national provision under which the requesting authority acts.', fr: 'Facultatif : la disposition nationale en vertu de laquelle agit l’autorité requérante.' }, required: false }],
  },
  {
    number: '12(a)',
    label: ART29_LABELS.a,
    source: 'Budapest Art. 29(2)(a)',
    fields: [],
    render: (body) => [textAt(body, 'requestingAuthority.organisation'), textAt(body, 'requestingAuthority.person')].filter(Boolean).join(', '),
  },
  {
    number: '12(b)',
    label: ART29_LABELS.b,
    source: 'Budapest Art. 29(2)(b)',
    fields: [
      { path: 'offence.categories', label: LINE.offence, why: { en: 'The requested Party checks that the conduct is an offence; no dual criminality is needed for preservation (Art. 29(3)).', fr: 'La Partie requise vérifie qu’il s’agit d’une infraction ; la double incrimination n’est pas exigée pour la conservation (art. 29(3)).' }, required: true, options: OFFENCE_OPTIONS },
      { path: 'offence.provisions', label: LINE.provisions, why: { en: 'Optional but helpful: the national provisions and penalties.', fr: 'Facultatif mais utile : les dispositions nationales et les peines encourues.' }, required: false },
      { path: 'facts', label: LINE.facts, why: { en: 'A brief summary of the facts lets the requested authority see why the data matter.', fr: 'Un bref exposé des faits permet à l’autorité requise de comprendre l’intérêt des données.' }, required: true },
    ],
    render: (body, language) =>
      renderLines(
        [
          [LINE.offence, renderOffences(body, 'offence.categories', language)],
          [LINE.provisions, textAt(body, 'offence.provisions')],
          [LINE.facts, textAt(body, 'facts')],
        ],
        language,
      ),
  },
  {
    number: '12(c)',
    label: ART29_LABELS.c,
    source: 'Budapest Art. 29(2)(c)',
    fields: [
      { path: 'data.categories', label: LINE.categories, why: { en: 'Subscriber, traffic or content data: each is preserved and later disclosed under different rules.', fr: 'Données relatives aux abonnés, au trafic ou au contenu : chacune obéit à des règles propres.' }, required: true, options: dataCategoryOptions(DATA_CATEGORIES) },
      { path: 'data.description', label: LINE.description, why: { en: 'Say exactly which stored data are to be preserved (accounts, logs, files).', fr: 'Précisez exactement quelles données stockées doivent être conservées (comptes, journaux, fichiers).' }, required: true },
      { path: 'identifiers', label: LINE.identifiers, why: { en: 'The provider finds the data through the identifiers; each timed identifier needs its time zone.', fr: 'Le fournisseur retrouve les données grâce aux identifiants ; chaque identifiant horodaté doit porter son fuseau horaire.' }, required: true },
      { path: 'data.period', label: LINE.period, why: { en: 'Optional: the period of the data narrows the preservation.', fr: 'Facultatif : la période des données circonscrit la conservation.' }, required: false },
      { path: 'data.relationToOffence', label: LINE.relation, why: { en: 'Explain how these data relate to the offence: without that link preservation may be refused.', fr: 'Expliquez le lien entre ces données et l’infraction : sans ce lien, la conservation peut être refusée.' }, required: true },
    ],
    render: (body, language) =>
      renderLines(
        [
          [LINE.categories, formatValue(getAt(body, 'data.categories'), { options: dataCategoryOptions(DATA_CATEGORIES) }, language)],
          [LINE.description, textAt(body, 'data.description')],
          [LINE.identifiers, renderIdentifiers(body, language)],
          [LINE.period, renderPeriod(body, 'data.period', language)],
          [LINE.relation, textAt(body, 'data.relationToOffence')],
        ],
        language,
      ),
  },
  {
    number: '12(d)',
    label: ART29_LABELS.d,
    source: 'Budapest Art. 29(2)(d)',
    fields: [
      { path: 'custodian.name', label: LINE.custodian, why: { en: 'Name the provider or other custodian holding the data, as far as known.', fr: 'Indiquez le fournisseur ou autre gardien qui détient les données, pour autant qu’il soit connu.' }, required: true },
      { path: 'custodian.details', label: LINE.location, why: { en: 'Optional: address, hosting location, service name.', fr: 'Facultatif : adresse, lieu d’hébergement, nom du service.' }, required: false },
    ],
  },
  {
    number: '12(e)',
    label: ART29_LABELS.e,
    source: 'Budapest Art. 29(2)(e)',
    fields: [{ path: 'necessity', why: { en: 'Say why the data may be lost (retention periods, deletion by the user) if not preserved now.', fr: 'Expliquez pourquoi les données risquent d’être perdues (durées de conservation, effacement par l’utilisateur) faute de conservation immédiate.' }, required: true }],
  },
  {
    number: '12(f)',
    label: ART29_LABELS.f,
    source: 'Budapest Art. 29(2)(f)',
    fields: [
      {
        path: 'mlaToFollow',
        why: { en: 'Preservation is granted to keep the data until a request for mutual assistance arrives (Art. 29(1), 29(7)).', fr: 'La conservation vise à garder les données jusqu’à l’arrivée d’une demande d’entraide (art. 29(1) et 29(7)).' },
        required: true,
        statement: MLA_TO_FOLLOW_STATEMENT,
      },
    ],
  },
  {
    number: '13',
    label: { en: 'Expedited disclosure of preserved traffic data (Art. 30)', fr: 'Divulgation rapide de données relatives au trafic conservées (art. 30)' },
    source: 'Budapest Art. 30(1)',
    fields: [
      { path: 'partialDisclosure.requested', label: { en: 'Requested', fr: 'Demandée' }, why: { en: 'If the communication passed through a provider in another State, the requested Party discloses enough traffic data to identify it and the path.', fr: 'Si la communication a transité par un fournisseur d’un autre État, la Partie requise divulgue suffisamment de données relatives au trafic pour l’identifier ainsi que la voie suivie.' }, required: false },
      {
        path: 'partialDisclosure.details',
        label: { en: 'Communication concerned', fr: 'Communication concernée' },
        why: { en: 'Art. 30 concerns traffic data of a specific communication: identify it.', fr: 'L’article 30 vise les données relatives au trafic d’une communication spécifique : identifiez-la.' },
        required: false,
        condition: { when: { en: 'when partial disclosure is requested', fr: 'lorsque la divulgation partielle est demandée' }, test: (body) => getAt(body, 'partialDisclosure.requested') === true },
      },
    ],
  },
  {
    number: '14',
    label: { en: 'Confidentiality: the user must not be informed', fr: 'Confidentialité : l’utilisateur ne doit pas être informé' },
    source: 'Budapest Art. 29(6)',
    fields: [{ path: 'confidentiality', why: { en: 'If preservation would threaten the confidentiality of the investigation, the requested Party must say so (Art. 29(6)).', fr: 'Si la conservation menace la confidentialité de l’enquête, la Partie requise doit le signaler (art. 29(6)).' }, required: false }],
  },
];

function warnings(body: Readonly<Record<string, unknown>>): RequestWarning[] {
  const found: RequestWarning[] = [];
  if (getAt(body, 'mlaToFollow') !== true) {
    found.push({
      code: 'mla_statement_missing',
      path: 'mlaToFollow',
      message: {
        en: 'The request does not state that a request for mutual assistance will follow (Budapest Art. 29(2)(f)); the data are preserved only to await it.',
        fr: 'La demande n’indique pas qu’une demande d’entraide suivra (art. 29(2)(f) de la Convention de Budapest) ; les données ne sont conservées que dans cette attente.',
      },
    });
  }
  if (getAt(body, 'partialDisclosure.requested') === true && !(getAt(body, 'data.categories') as unknown[] | undefined)?.includes('traffic')) {
    found.push({
      code: 'partial_disclosure_without_traffic',
      path: 'data.categories',
      message: {
        en: 'Disclosure under Art. 30 concerns preserved traffic data: add traffic data to the data to be preserved.',
        fr: 'La divulgation prévue à l’article 30 porte sur des données relatives au trafic conservées : ajoutez-les aux données à conserver.',
      },
    });
  }
  const reachable = ['requestingAuthority.phone', 'requestingAuthority.mobile', 'requestingAuthority.email', 'confirmationContact.phone', 'confirmationContact.mobile', 'confirmationContact.email'].some((p) => textAt(body, p));
  if (!reachable) {
    found.push({
      code: 'contact_unreachable',
      path: 'confirmationContact',
      message: {
        en: 'No telephone or e-mail is given: the 24/7 point of contact cannot call back to confirm.',
        fr: 'Aucun téléphone ni courriel n’est indiqué : le point de contact 24/7 ne peut pas rappeler pour confirmer.',
      },
    });
  }
  return found;
}

/** Expedited preservation through the 24/7 network (T-CY(2018)11; Budapest Arts. 29, 30, 35). */
export const preservation247 = defineRequestType({
  type: 'preservation_247',
  title: {
    en: 'Request for the expedited preservation of stored computer data',
    fr: 'Demande de conservation rapide de données informatiques stockées',
  },
  form: FORM,
  subtitle: {
    en: 'T-CY(2018)11 — Budapest Convention Arts. 29 and 30, via the 24/7 network (Art. 35)',
    fr: 'T-CY(2018)11 — Convention de Budapest, art. 29 et 30, par le réseau 24/7 (art. 35)',
  },
  legalBasis: {
    instrument: 'Budapest Convention (ETS 185)',
    articles: ['29', '30', '35'],
    citation: 'Convention on Cybercrime (ETS No. 185), Arts. 29 and 30, transmitted through the 24/7 network (Art. 35)',
  },
  shape,
  entries,
  steps: [
    { id: 'request', title: { en: 'Request', fr: 'Demande' }, entries: ['1', '2', '3', '4'] },
    { id: 'authorities', title: { en: 'Authorities', fr: 'Autorités' }, entries: ['5', '6', '7', '8'] },
    { id: 'earlier', title: { en: 'Earlier requests and legal basis', fr: 'Demandes antérieures et base juridique' }, entries: ['9', '10', '11'] },
    { id: 'offence', title: { en: 'Offence and facts', fr: 'Infraction et faits' }, entries: ['12(a)', '12(b)'] },
    { id: 'data', title: { en: 'Data to be preserved', fr: 'Données à conserver' }, entries: ['12(c)', '12(d)'] },
    { id: 'grounds', title: { en: 'Necessity and follow-up', fr: 'Nécessité et suites' }, entries: ['12(e)', '12(f)', '13', '14'] },
  ],
  relationPath: 'data.relationToOffence',
  periodPath: 'data.period',
  warnings,
  prefill(ctx) {
    const parent = ctx.parent;
    const extending = parent !== undefined && parent.type === 'preservation_247';
    const carried = extending ? readEarlierBody(parent.body) : {};
    const counterpart = ctx.counterpart;
    const requestedAuthority =
      counterpart && counterpart.kind !== 'provider' && counterpart.kind !== 'registrar'
        ? { name: counterpart.name, country: counterpart.country, ...(counterpart.email ? { email: counterpart.email } : {}) }
        : carried.requestedAuthority;
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      status: { kind: extending ? ('extension' as const) : ('new' as const) },
      ...(requestedAuthority ? { requestedAuthority } : {}),
      requestingAuthority: {
        ...carried.requestingAuthority,
        ...requestingAuthorityFromContext(ctx),
        ...(ctx.requestingAuthority.email ? { preferredReplyChannel: `E-mail: ${ctx.requestingAuthority.email}` } : {}),
      },
      confirmationContact: carried.confirmationContact ?? confirmationContactFromContext(ctx),
      ...(carried.investigativeAuthority ? { investigativeAuthority: carried.investigativeAuthority } : {}),
      ...(extending
        ? {
            previousPreservation: {
              reference: parent.reference,
              ...(parent.sentAt ? { date: parent.sentAt.slice(0, 10) } : carried.date ? { date: carried.date } : {}),
              ...(carried.requestingAuthority?.organisation ? { requestingAuthority: carried.requestingAuthority.organisation } : {}),
              ...(carried.requestedAuthority?.name ? { respondingAuthority: carried.requestedAuthority.name } : {}),
              channel: '24/7 network (Budapest Art. 35)',
            },
          }
        : {}),
      offence: { categories: ctx.case.offenceCategories, ...(carried.offence?.provisions ? { provisions: carried.offence.provisions } : {}) },
      facts: carried.facts || ctx.case.summary,
      data: {
        categories: keepCategories(carried.data?.categories, DATA_CATEGORIES),
        ...(carried.data?.description ? { description: carried.data.description } : {}),
        ...(carried.data?.relationToOffence ? { relationToOffence: carried.data.relationToOffence } : {}),
        ...(carried.data?.period ? { period: carried.data.period } : {}),
      },
      identifiers: identifiersFor(ctx, carried),
      ...(carried.custodian ? { custodian: carried.custodian } : {}),
    };
  },
});
