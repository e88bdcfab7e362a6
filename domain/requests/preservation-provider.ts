/**
 * Preservation request sent directly to a service provider: under the provider's own policy, under
 * 18 U.S.C. §2703(f) for US providers, or as the domestic measure implementing Budapest Art. 16.
 *
 * Sources checked:
 * - 18 U.S.C. §2703(f): a provider "upon the request of a governmental entity, shall take all
 *   necessary steps to preserve records and other evidence in its possession pending the issuance
 *   of a court order or other process", retained "for a period of 90 days, which shall be extended
 *   for an additional 90-day period upon a renewed request" (text found in stored copies of the US
 *   Code, codexstanford/markdonw-chunck-of-the-usa-code and a Cornell LII quotation).
 * - Budapest Art. 16(2): domestic preservation orders up to 90 days, renewable (Convention text,
 *   statengeneraal/laws-markdown verdrag/convention/on/cybercrime/BWBV0001839/README.md).
 * - UNODC SHERLOC model form on preservation (https://sherloc.unodc.org/cld/en/st/evidence/model-forms.html):
 *   only its description was found. // [unchecked] the entries below follow the usual content of a
 *   provider preservation letter (authority, legal basis, accounts, data, period, non-disclosure),
 *   not the SHERLOC form item by item.
 */
import { z } from 'zod';
import {
  country,
  dataCategoryOptions,
  date,
  dateEntry,
  earlierRequestFields,
  earlierRequestShape,
  email,
  identifiersFor,
  identifiersSchema,
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
  text,
} from './common.ts';
import { defineRequestType, formatValue, getAt, textAt, type EntrySpec, type RequestWarning } from './definition.ts';

const SOURCE = 'provider policy; 18 U.S.C. §2703(f)';
const DATA_CATEGORIES = ['subscriber', 'traffic', 'content'] as const;

const LEGAL_BASIS_OPTIONS = {
  us_2703f: { en: '18 U.S.C. §2703(f) (United States providers)', fr: '18 U.S.C. §2703(f) (fournisseurs établis aux États-Unis)' },
  domestic_preservation: { en: 'National law implementing Budapest Art. 16', fr: 'Droit national mettant en œuvre l’art. 16 de la Convention de Budapest' },
  provider_policy: { en: 'The provider’s law-enforcement policy', fr: 'Les conditions du fournisseur applicables aux services répressifs' },
} as const;

const STATUS_OPTIONS = {
  new: { en: 'New request', fr: 'Nouvelle demande' },
  extension: { en: 'Extension of an earlier preservation request', fr: 'Prolongation d’une demande de conservation antérieure' },
} as const;

/** Words of the follow-up statement, printed when ticked. */
const FOLLOW_UP_STATEMENT = {
  en: 'Legal process to obtain the preserved data (mutual legal assistance, a production order or an equivalent instrument) will follow.',
  fr: 'Une procédure visant à obtenir les données conservées (demande d’entraide, injonction de production ou instrument équivalent) suivra.',
};

const isExtension = (body: Readonly<Record<string, unknown>>) => getAt(body, 'status.kind') === 'extension';

const shape = {
  date: date(),
  reference: text(),
  status: z.object({ kind: z.enum(['new', 'extension']) }),
  previousRequest: z.object(earlierRequestShape()).optional(),
  provider: z.object({ name: text(), country: country(), address: optionalText(), email: optionalEmail(), portal: optionalText() }),
  requestingAuthority: z.object({ ...requestingAuthorityShape(), email: email(), preferredReplyChannel: optionalText() }),
  legalBasis: z.object({ kind: z.enum(['us_2703f', 'domestic_preservation', 'provider_policy']), text: optionalText() }),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: optionalText() }),
  facts: optionalText(),
  identifiers: identifiersSchema(),
  data: z.object({
    categories: z.array(z.enum(DATA_CATEGORIES)).min(1, { error: 'choose at least one category of data' }),
    description: optionalText(),
    period: periodSchema().optional(),
    relationToOffence: optionalText(),
  }),
  preservationDays: z.number().int().min(1).max(365).optional(),
  followUp: z.object({ statement: z.boolean().optional(), process: optionalText() }).optional(),
  nonDisclosure: z.boolean().optional(),
};

/** A complete preservation request to a provider. */
export type PreservationProviderBody = z.output<z.ZodObject<typeof shape>>;

const LINE = {
  categories: { en: 'Categories of data', fr: 'Catégories de données' },
  description: { en: 'Description of the data', fr: 'Description des données' },
  identifiers: { en: 'Accounts and identifiers (see the table)', fr: 'Comptes et identifiants (voir le tableau)' },
  period: { en: 'Period', fr: 'Période' },
  relation: { en: 'Relationship to the offence', fr: 'Lien avec l’infraction' },
  offence: { en: 'Offence', fr: 'Infraction' },
  provisions: { en: 'Legal provisions', fr: 'Dispositions légales' },
  facts: { en: 'Summary of the facts', fr: 'Exposé des faits' },
} as const;

const entries: EntrySpec[] = [
  dateEntry('1', SOURCE),
  referenceEntry('2', SOURCE),
  {
    number: '3',
    label: { en: 'Request status', fr: 'Statut de la demande' },
    source: '18 U.S.C. §2703(f)(2)',
    fields: [{ path: 'status.kind', why: { en: 'A renewed request extends the preservation (under §2703(f), once, by 90 days).', fr: 'Une nouvelle demande prolonge la conservation (une fois, de 90 jours, selon le §2703(f)).' }, required: true, options: STATUS_OPTIONS }],
  },
  {
    number: '4',
    label: { en: 'Earlier preservation request (if an extension)', fr: 'Demande de conservation antérieure (en cas de prolongation)' },
    source: '18 U.S.C. §2703(f)(2)',
    fields: earlierRequestFields('previousRequest', { when: { en: 'when the request extends an earlier one', fr: 'lorsque la demande prolonge une demande antérieure' }, test: isExtension }, '18 U.S.C. §2703(f)(2)'),
  },
  {
    number: '5',
    label: { en: 'Service provider', fr: 'Fournisseur de services' },
    source: SOURCE,
    fields: [
      { path: 'provider.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The provider that holds the data.', fr: 'Le fournisseur qui détient les données.' }, required: true },
      { path: 'provider.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'Decides which law applies to the provider (e.g. §2703(f) for US providers).', fr: 'Détermine le droit applicable au fournisseur (p. ex. le §2703(f) pour les fournisseurs américains).' }, required: true },
      { path: 'provider.address', label: { en: 'Address', fr: 'Adresse' }, why: { en: 'Optional.', fr: 'Facultatif.' }, required: false },
      { path: 'provider.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: { en: 'Optional: the provider’s law-enforcement address.', fr: 'Facultatif : l’adresse du fournisseur réservée aux services répressifs.' }, required: false },
      { path: 'provider.portal', label: { en: 'Law-enforcement portal', fr: 'Portail destiné aux services répressifs' }, why: { en: 'Optional: many providers take requests only through their portal.', fr: 'Facultatif : de nombreux fournisseurs n’acceptent les demandes que par leur portail.' }, required: false },
    ],
  },
  requestingAuthorityEntry('6', SOURCE, { replyChannel: false, emailRequired: true }),
  {
    number: '7',
    label: { en: 'Legal basis', fr: 'Base juridique' },
    source: SOURCE,
    fields: [
      { path: 'legalBasis.kind', label: { en: 'Basis', fr: 'Fondement' }, why: { en: 'Providers preserve under their policy or a legal obligation; say which one you rely on.', fr: 'Les fournisseurs conservent en vertu de leurs conditions ou d’une obligation légale : indiquez laquelle vous invoquez.' }, required: true, options: LEGAL_BASIS_OPTIONS },
      { path: 'legalBasis.text', label: { en: 'Provisions', fr: 'Dispositions' }, why: { en: 'Optional: the national provision that empowers you.', fr: 'Facultatif : la disposition nationale qui vous habilite.' }, required: false },
    ],
  },
  {
    number: '8',
    label: { en: 'Offence under investigation', fr: 'Infraction faisant l’objet de l’enquête' },
    source: SOURCE,
    fields: [
      { path: 'offence.categories', label: LINE.offence, why: { en: 'Providers preserve for a criminal investigation; name the offence.', fr: 'Les fournisseurs conservent pour les besoins d’une enquête pénale : nommez l’infraction.' }, required: true, options: OFFENCE_OPTIONS },
      { path: 'offence.provisions', label: LINE.provisions, why: { en: 'Optional.', fr: 'Facultatif.' }, required: false },
      { path: 'facts', label: LINE.facts, why: { en: 'Optional: a short summary helps the provider find the right data.', fr: 'Facultatif : un bref exposé aide le fournisseur à trouver les bonnes données.' }, required: false },
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
    number: '9',
    label: { en: 'Data to be preserved', fr: 'Données à conserver' },
    source: '18 U.S.C. §2703(f)(1)',
    fields: [
      { path: 'identifiers', label: LINE.identifiers, why: { en: 'The provider finds the account through the identifiers; each timed identifier needs its time zone.', fr: 'Le fournisseur retrouve le compte grâce aux identifiants ; chaque identifiant horodaté doit porter son fuseau horaire.' }, required: true },
      { path: 'data.categories', label: LINE.categories, why: { en: 'Say whether subscriber, traffic or content data are to be preserved.', fr: 'Indiquez s’il faut conserver des informations relatives aux abonnés, des données relatives au trafic ou au contenu.' }, required: true, options: dataCategoryOptions(DATA_CATEGORIES) },
      { path: 'data.description', label: LINE.description, why: { en: 'Optional: records and files concerned.', fr: 'Facultatif : enregistrements et fichiers concernés.' }, required: false },
      { path: 'data.period', label: LINE.period, why: { en: 'Optional: the period narrows the preservation.', fr: 'Facultatif : la période circonscrit la conservation.' }, required: false },
      { path: 'data.relationToOffence', label: LINE.relation, why: { en: 'Optional but expected: how the account relates to the offence.', fr: 'Facultatif mais attendu : le lien entre le compte et l’infraction.' }, required: false },
    ],
    render: (body, language) =>
      renderLines(
        [
          [LINE.identifiers, renderIdentifiers(body, language)],
          [LINE.categories, formatValue(getAt(body, 'data.categories'), { options: dataCategoryOptions(DATA_CATEGORIES) }, language)],
          [LINE.description, textAt(body, 'data.description')],
          [LINE.period, renderPeriod(body, 'data.period', language)],
          [LINE.relation, textAt(body, 'data.relationToOffence')],
        ],
        language,
      ),
  },
  {
    number: '10',
    label: { en: 'Preservation period requested (days)', fr: 'Durée de conservation demandée (jours)' },
    source: '18 U.S.C. §2703(f)(2)',
    fields: [{ path: 'preservationDays', why: { en: 'Optional: §2703(f) preserves for 90 days; other providers state their own periods.', fr: 'Facultatif : le §2703(f) prévoit 90 jours ; les autres fournisseurs fixent leurs propres durées.' }, required: false }],
  },
  {
    number: '11',
    label: { en: 'Legal process to follow', fr: 'Procédure à suivre' },
    source: '18 U.S.C. §2703(f)(1)',
    fields: [
      { path: 'followUp.statement', label: { en: 'Statement', fr: 'Déclaration' }, why: { en: 'Preservation is "pending the issuance of a court order or other process": say that it will come.', fr: 'La conservation vaut « dans l’attente » d’une décision ou d’une autre procédure : indiquez qu’elle suivra.' }, required: false, statement: FOLLOW_UP_STATEMENT },
      { path: 'followUp.process', label: { en: 'Planned process', fr: 'Procédure envisagée' }, why: { en: 'Optional: MLA, EPOC, Protocol order…', fr: 'Facultatif : entraide, EPOC, injonction du Protocole…' }, required: false },
    ],
  },
  {
    number: '12',
    label: { en: 'Do not notify the user', fr: 'Ne pas informer l’utilisateur' },
    source: SOURCE,
    fields: [{ path: 'nonDisclosure', why: { en: 'Ask the provider not to tell the user, so evidence is not destroyed.', fr: 'Demandez au fournisseur de ne pas informer l’utilisateur, afin que les preuves ne soient pas détruites.' }, required: false }],
  },
];

function warnings(body: Readonly<Record<string, unknown>>): RequestWarning[] {
  const found: RequestWarning[] = [];
  if (getAt(body, 'followUp.statement') !== true) {
    found.push({
      code: 'mla_statement_missing',
      path: 'followUp.statement',
      message: {
        en: 'The request does not say that legal process (MLA or an order) will follow: preserved data are released only through it.',
        fr: 'La demande n’indique pas qu’une procédure (entraide ou injonction) suivra : les données conservées ne sont remises que par ce biais.',
      },
    });
  }
  const days = getAt(body, 'preservationDays');
  if (getAt(body, 'legalBasis.kind') === 'us_2703f' && typeof days === 'number' && days > 90) {
    found.push({
      code: 'preservation_period_exceeds_2703f',
      path: 'preservationDays',
      message: {
        en: '18 U.S.C. §2703(f) preserves for 90 days; a renewed request extends it once by another 90 days.',
        fr: 'Le 18 U.S.C. §2703(f) prévoit une conservation de 90 jours, prolongeable une fois de 90 jours sur nouvelle demande.',
      },
    });
  }
  return found;
}

/** Preservation requested directly from a provider (provider policy, 18 U.S.C. §2703(f), Budapest Art. 16). */
export const preservationProvider = defineRequestType({
  type: 'preservation_provider',
  title: { en: 'Request to a service provider for the preservation of data', fr: 'Demande de conservation de données adressée à un fournisseur de services' },
  form: 'Provider preservation letter',
  subtitle: {
    en: 'Direct request to the provider — provider policy, 18 U.S.C. §2703(f) or national law implementing Budapest Art. 16',
    fr: 'Demande directe au fournisseur — conditions du fournisseur, 18 U.S.C. §2703(f) ou droit national mettant en œuvre l’art. 16 de la Convention de Budapest',
  },
  legalBasis: {
    instrument: 'Provider policy / 18 U.S.C. §2703(f) / national law',
    articles: ['18 U.S.C. §2703(f)', 'Budapest Art. 16'],
    citation: '18 U.S.C. §2703(f) for US providers (90 days, renewable once); otherwise the provider’s policy or national law implementing Budapest Art. 16',
  },
  shape,
  entries,
  steps: [
    { id: 'request', title: { en: 'Request', fr: 'Demande' }, entries: ['1', '2', '3', '4'] },
    { id: 'parties', title: { en: 'Provider and requesting authority', fr: 'Fournisseur et autorité requérante' }, entries: ['5', '6', '7'] },
    { id: 'case', title: { en: 'Offence and data', fr: 'Infraction et données' }, entries: ['8', '9'] },
    { id: 'terms', title: { en: 'Period, follow-up and confidentiality', fr: 'Durée, suites et confidentialité' }, entries: ['10', '11', '12'] },
  ],
  relationPath: 'data.relationToOffence',
  periodPath: 'data.period',
  warnings,
  prefill(ctx) {
    const parent = ctx.parent;
    const extending = parent !== undefined && parent.type === 'preservation_provider';
    const carried = extending ? readEarlierBody(parent.body) : {};
    const counterpart = ctx.counterpart?.kind === 'provider' ? ctx.counterpart : undefined;
    const providerCountry = counterpart?.country ?? carried.provider?.country;
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      status: { kind: extending ? ('extension' as const) : ('new' as const) },
      ...(extending
        ? {
            previousRequest: {
              reference: parent.reference,
              ...(parent.sentAt ? { date: parent.sentAt.slice(0, 10) } : carried.date ? { date: carried.date } : {}),
              ...(carried.requestingAuthority?.organisation ? { requestingAuthority: carried.requestingAuthority.organisation } : {}),
              ...(carried.provider?.name ? { respondingAuthority: carried.provider.name } : {}),
              channel: 'Direct request to the provider',
            },
          }
        : {}),
      provider: counterpart
        ? { name: counterpart.name, country: counterpart.country, ...(counterpart.address ? { address: counterpart.address } : {}), ...(counterpart.email ? { email: counterpart.email } : {}) }
        : (carried.provider ?? {}),
      requestingAuthority: requestingAuthorityFromContext(ctx),
      legalBasis: { kind: providerCountry === 'US' ? ('us_2703f' as const) : ('provider_policy' as const) },
      offence: { categories: ctx.case.offenceCategories },
      facts: carried.facts || ctx.case.summary,
      identifiers: identifiersFor(ctx, carried),
      data: {
        categories: keepCategories(carried.data?.categories, DATA_CATEGORIES),
        ...(carried.data?.description ? { description: carried.data.description } : {}),
        ...(carried.data?.relationToOffence ? { relationToOffence: carried.data.relationToOffence } : {}),
        ...(carried.data?.period ? { period: carried.data.period } : {}),
      },
      preservationDays: 90,
    };
  },
});
