/**
 * European Production Order Certificate (EPOC), Regulation (EU) 2023/1543 Annex I: sent directly to
 * a provider's designated establishment or legal representative in another Member State.
 *
 * Sources checked:
 * - Annex I (stored copy, https://eumonitor.eu/9353000/1/j4nvirkkkr58fyw_j9vvik7m1c3gyxp/vknmikug1xz0):
 *   Section A "Issuing/validating authority" (issuing State, issuing authority, validating
 *   authority where applicable, file numbers; details in Sections I and J); Section B "Addressee"
 *   (designated establishment, legal representative, or another addressee in an emergency when
 *   they did not react); deadlines in Section C; the data go to the authority in point (a) of
 *   Section L. // [unchecked] the titles and contents of Sections D–H and K were cut off in the
 *   stored copy; the letters below for D–H are assumptions to check against the Official Journal.
 * - Art. 4(1)–(2) (issuing authority: subscriber and identification data — judge, court,
 *   investigating judge or prosecutor, or another competent authority with validation; traffic
 *   and content data — judge, court or investigating judge, or validation by one of them) and
 *   Art. 5(3) (fantasticsearch.net copies of Arts. 4 and 5); Art. 8(1)–(4) (notification of the
 *   enforcing authority for traffic data other than identification data and for content data,
 *   unless the offence is committed in the issuing State and the person resides there,
 *   https://gesetze.legal/eu/vo_eu_2023_1543/8); Art. 10(2)–(4) (10 days; 8 hours in an emergency;
 *   96 hours for the enforcing authority, https://gesetze.legal/eu/vo_eu_2023_1543/10).
 * - Art. 5(4) (traffic and content data only for offences punishable by at least 3 years, or
 *   offences under Directive 2011/93/EU Arts. 3–7 committed by means of an information system):
 *   // [unchecked] cut off in the stored copy; taken from DOMAIN.md.
 * - Art. 4(5) (emergency orders validated ex post within 48 hours): // [unchecked] from DOMAIN.md.
 * - French terms ("certificat d'injonction européenne de production", "autorité d'émission",
 *   "autorité de validation", "autorité chargée de l'exécution", "destinataire"):
 *   // [unchecked] the French Official Journal text was not consulted.
 */
import { z } from 'zod';
import { OFFENCE_CATEGORIES } from '../cases.ts';
import {
  country,
  dataCategoryOptions,
  date,
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
  text,
} from './common.ts';
import {
  defineRequestType,
  emergencyFactsWarning,
  formatValue,
  getAt,
  stringsAt,
  textAt,
  type EntrySpec,
  type FieldSpec,
  type ItemCondition,
  type Localised,
  type RequestWarning,
} from './definition.ts';

/** The data categories of the Regulation; "identification" is Art. 3, point (10). */
export const EU_DATA_CATEGORIES = ['subscriber', 'identification', 'traffic', 'content'] as const;

/** Who issues the order: decides whether validation is needed (Reg. 2023/1543 Art. 4). */
export const ISSUER_ROLE_OPTIONS = {
  judge: { en: 'Judge', fr: 'Juge' },
  court: { en: 'Court', fr: 'Juridiction' },
  investigating_judge: { en: 'Investigating judge', fr: 'Juge d’instruction' },
  prosecutor: { en: 'Public prosecutor', fr: 'Procureur' },
  other: { en: 'Other competent authority (validation required)', fr: 'Autre autorité compétente (validation requise)' },
} as const;
const issuerRoleSchema = () => z.enum(['judge', 'court', 'investigating_judge', 'prosecutor', 'other']);

const ADDRESSEE_OPTIONS = {
  designated_establishment: { en: 'Designated establishment', fr: 'Établissement désigné' },
  legal_representative: { en: 'Legal representative', fr: 'Représentant légal' },
  other_emergency: {
    en: 'Other establishment, in an emergency, because the designated establishment or legal representative did not react in time',
    fr: 'Autre établissement, en cas d’urgence, l’établissement désigné ou le représentant légal n’ayant pas réagi à temps',
  },
} as const;

/** Traffic data other than identification data, or content data: the "sensitive" categories of Art. 4(2), 5(4), 8(1). */
export function asksSensitiveData(body: Readonly<Record<string, unknown>>): boolean {
  return stringsAt(body, 'data.categories').some((c) => c === 'traffic' || c === 'content');
}

const isEmergency = (body: Readonly<Record<string, unknown>>) => getAt(body, 'emergency.isEmergency') === true;

/** Validation is needed for an "other competent authority", and for a prosecutor asking traffic or content data (Art. 4(1)(b), 4(2)(b)). */
export function validationNeeded(body: Readonly<Record<string, unknown>>, sensitiveNeedsJudge: boolean): boolean {
  const role = getAt(body, 'issuingAuthority.role');
  if (role === 'other') return true;
  return sensitiveNeedsJudge && role === 'prosecutor' && asksSensitiveData(body);
}

/** The shared parts of EPOC and EPOC-PR bodies. */
export const euShape = () => ({
  issuingState: country(),
  reference: text(),
  date: date(),
  issuingAuthority: z.object({ ...issuingAuthorityShape(), role: issuerRoleSchema() }),
  validation: z
    .object({ authority: optionalText(), person: optionalText(), email: optionalEmail(), fileNumber: optionalText(), date: date().optional() })
    .optional(),
  addressee: z.object({ name: text(), kind: z.enum(['designated_establishment', 'legal_representative', 'other_emergency']), country: country(), address: optionalText() }),
  identifiers: identifiersSchema(),
  data: z.object({
    categories: z.array(z.enum(EU_DATA_CATEGORIES)).min(1, { error: 'choose at least one category of data' }),
    description: optionalText(),
    period: periodSchema().optional(),
  }),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: text(), maxPenaltyYears: z.number().int().min(0).max(99).optional(), byInformationSystem: z.boolean().optional() }),
});

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };

/** Section A: issuing State, issuing authority, its role, file numbers, validating authority. */
export function sectionA(annex: string, validationCondition: ItemCondition): EntrySpec {
  const [organisation] = issuingAuthorityFields('issuingAuthority', { en: 'The authority that issues the order.', fr: 'L’autorité qui émet l’injonction.' });
  return {
    number: 'A',
    label: { en: 'Section A: Issuing/validating authority', fr: 'Section A : Autorité d’émission/de validation' },
    source: `Reg. 2023/1543 Annex ${annex} Section A`,
    fields: [
      { path: 'issuingState', label: { en: 'Issuing State', fr: 'État d’émission' }, why: { en: 'The Member State whose authority issues the order.', fr: 'L’État membre dont l’autorité émet l’injonction.' }, required: true },
      ...(organisation ? [{ ...organisation, label: { en: 'Issuing authority', fr: 'Autorité d’émission' } }] : []),
      {
        path: 'issuingAuthority.role',
        label: { en: 'Capacity of the issuing authority', fr: 'Qualité de l’autorité d’émission' },
        why: { en: 'Decides whether the order must be validated by a judge, court or prosecutor (Art. 4).', fr: 'Détermine si l’injonction doit être validée par un juge, une juridiction ou un procureur (art. 4).' },
        required: true,
        article: 'Reg. 2023/1543 Art. 4',
        options: ISSUER_ROLE_OPTIONS,
      },
      { path: 'reference', label: { en: 'File number of the issuing authority', fr: 'Numéro de dossier de l’autorité d’émission' }, why: { en: 'The provider quotes it in its reply.', fr: 'Le fournisseur le cite dans sa réponse.' }, required: true },
      { path: 'date', label: { en: 'Date of issue', fr: 'Date d’émission' }, why: { en: 'The deadlines run from receipt of the certificate.', fr: 'Les délais courent à compter de la réception du certificat.' }, required: true },
      { path: 'validation.authority', label: { en: 'Validating authority', fr: 'Autorité de validation' }, why: { en: 'Required where the issuing authority is not a judge, court or (for subscriber data) a prosecutor.', fr: 'Requise lorsque l’autorité d’émission n’est pas un juge, une juridiction ou (pour les données relatives aux abonnés) un procureur.' }, required: false, article: 'Reg. 2023/1543 Art. 4', condition: validationCondition },
      { path: 'validation.fileNumber', label: { en: 'File number of the validating authority', fr: 'Numéro de dossier de l’autorité de validation' }, why: OPTIONAL, required: false },
    ],
  };
}

/** Section B: the addressee. */
export function sectionB(annex: string): EntrySpec {
  return {
    number: 'B',
    label: { en: 'Section B: Addressee', fr: 'Section B : Destinataire' },
    source: `Reg. 2023/1543 Annex ${annex} Section B`,
    fields: [
      { path: 'addressee.name', label: { en: 'Addressee', fr: 'Destinataire' }, why: { en: 'The provider’s designated establishment or legal representative (Directive (EU) 2023/1544).', fr: 'L’établissement désigné ou le représentant légal du fournisseur (directive (UE) 2023/1544).' }, required: true },
      { path: 'addressee.kind', label: { en: 'Capacity', fr: 'Qualité' }, why: { en: 'Orders go to the designated establishment or legal representative, another establishment only in an emergency.', fr: 'Les injonctions sont adressées à l’établissement désigné ou au représentant légal, à un autre établissement seulement en cas d’urgence.' }, required: true, options: ADDRESSEE_OPTIONS },
      { path: 'addressee.country', label: { en: 'Member State of the addressee', fr: 'État membre du destinataire' }, why: { en: 'It is the enforcing State to be notified where Art. 8 requires.', fr: 'C’est l’État d’exécution à informer lorsque l’art. 8 l’exige.' }, required: true },
      { path: 'addressee.address', label: { en: 'Address', fr: 'Adresse' }, why: OPTIONAL, required: false },
    ],
  };
}

const DATA_LINE = {
  identifiers: { en: 'Identifiers (see the table)', fr: 'Identifiants (voir le tableau)' },
  period: { en: 'Time range requested', fr: 'Période demandée' },
  categories: { en: 'Categories of data', fr: 'Catégories de données' },
  description: { en: 'Further description', fr: 'Autres précisions' },
} as const;

/** Fields identifying the user and the data (identifiers, time range, categories). */
export function dataFields(verb: Localised): FieldSpec[] {
  return [
    { path: 'identifiers', label: DATA_LINE.identifiers, why: { en: 'IP address with timestamp, date and time zone; telephone; e-mail; IMEI; user ID…', fr: 'Adresse IP avec horodatage, date et fuseau horaire ; téléphone ; courriel ; IMEI ; identifiant d’utilisateur…' }, required: true },
    { path: 'data.period', label: DATA_LINE.period, why: { en: 'The time range of the data.', fr: 'La période couverte par les données.' }, required: false },
    { path: 'data.categories', label: DATA_LINE.categories, why: verb, required: true, options: dataCategoryOptions(EU_DATA_CATEGORIES) },
    { path: 'data.description', label: DATA_LINE.description, why: OPTIONAL, required: false },
  ];
}

/** Renders the data fields as lines. */
export function renderData(body: Readonly<Record<string, unknown>>, language: 'en' | 'fr'): string[] {
  return renderLines(
    [
      [DATA_LINE.identifiers, renderIdentifiers(body, language)],
      [DATA_LINE.period, renderPeriod(body, 'data.period', language)],
      [DATA_LINE.categories, formatValue(getAt(body, 'data.categories'), { options: dataCategoryOptions(EU_DATA_CATEGORIES) }, language)],
      [DATA_LINE.description, textAt(body, 'data.description')],
    ],
    language,
  );
}

const OFFENCE_LINE = {
  offence: { en: 'Offence(s)', fr: 'Infraction(s)' },
  provisions: { en: 'Applicable provisions of the criminal law of the issuing State', fr: 'Dispositions applicables du droit pénal de l’État d’émission' },
  penalty: { en: 'Maximum custodial sentence (years)', fr: 'Peine privative de liberté maximale (années)' },
  system: { en: 'Committed wholly or partly by means of an information system', fr: 'Commise en tout ou en partie au moyen d’un système d’information' },
} as const;

/** Fields on the offence. */
export function offenceFields(): FieldSpec[] {
  return [
    { path: 'offence.categories', label: OFFENCE_LINE.offence, why: { en: 'The offence for which the order is issued.', fr: 'L’infraction pour laquelle l’injonction est émise.' }, required: true, options: OFFENCE_OPTIONS },
    { path: 'offence.provisions', label: OFFENCE_LINE.provisions, why: { en: 'The nature and legal classification of the offence.', fr: 'La nature et la qualification juridique de l’infraction.' }, required: true },
    { path: 'offence.maxPenaltyYears', label: OFFENCE_LINE.penalty, why: { en: 'Traffic and content data: offences punishable by at least 3 years (Art. 5(4)).', fr: 'Données relatives au trafic et au contenu : infractions punies d’au moins 3 ans (art. 5(4)).' }, required: false },
    { path: 'offence.byInformationSystem', label: OFFENCE_LINE.system, why: { en: 'Child sexual abuse offences (Directive 2011/93/EU Arts. 3–7) committed this way qualify whatever the penalty.', fr: 'Les infractions d’abus sexuels sur enfants (directive 2011/93/UE, art. 3 à 7) ainsi commises sont visées quelle que soit la peine.' }, required: false },
  ];
}

/** Renders the offence fields as lines. */
export function renderOffence(body: Readonly<Record<string, unknown>>, language: 'en' | 'fr'): string[] {
  const penalty = getAt(body, 'offence.maxPenaltyYears');
  const system = getAt(body, 'offence.byInformationSystem');
  return renderLines(
    [
      [OFFENCE_LINE.offence, renderOffences(body, 'offence.categories', language)],
      [OFFENCE_LINE.provisions, textAt(body, 'offence.provisions')],
      [OFFENCE_LINE.penalty, typeof penalty === 'number' ? String(penalty) : ''],
      [OFFENCE_LINE.system, typeof system === 'boolean' ? formatValue(system, {}, language) : ''],
    ],
    language,
  );
}

/** Section on the issuing authority's details. */
export function issuingDetailsEntry(number: string, annex: string): EntrySpec {
  const [, ...details] = issuingAuthorityFields('issuingAuthority', { en: 'The authority that issues the order.', fr: 'L’autorité qui émet l’injonction.' });
  return {
    number,
    label: { en: `Section ${number}: Details of the issuing authority`, fr: `Section ${number} : Coordonnées de l’autorité d’émission` },
    source: `Reg. 2023/1543 Annex ${annex} Section ${number}`,
    fields: details,
  };
}

/** Section on the validating authority's details. */
export function validatingDetailsEntry(number: string, annex: string): EntrySpec {
  return {
    number,
    label: { en: `Section ${number}: Details of the validating authority (if applicable)`, fr: `Section ${number} : Coordonnées de l’autorité de validation (le cas échéant)` },
    source: `Reg. 2023/1543 Annex ${annex} Section ${number}`,
    fields: [
      { path: 'validation.person', label: { en: 'Name and function', fr: 'Nom et fonction' }, why: OPTIONAL, required: false },
      { path: 'validation.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
      { path: 'validation.date', label: { en: 'Date of validation', fr: 'Date de validation' }, why: OPTIONAL, required: false },
    ],
  };
}

/** Warnings shared by EPOC and EPOC-PR. */
export function euWarnings(body: Readonly<Record<string, unknown>>, sensitiveNeedsJudge: boolean): RequestWarning[] {
  const found: RequestWarning[] = [];
  if (validationNeeded(body, sensitiveNeedsJudge) && isEmergency(body) && !textAt(body, 'validation.authority')) {
    found.push({
      code: 'ex_post_validation',
      path: 'validation.authority',
      message: {
        en: 'Issued without prior validation in an emergency: seek validation without undue delay, at the latest within 48 hours (Reg. 2023/1543 Art. 4(5)).',
        fr: 'Émise sans validation préalable en cas d’urgence : demandez la validation sans retard injustifié, au plus tard dans les 48 heures (art. 4(5) du règlement (UE) 2023/1543).',
      },
    });
  }
  return found;
}

const EMERGENCY_ARTICLE = 'Reg. 2023/1543 Art. 3(18)';

const shape = {
  ...euShape(),
  emergency: z.object({ isEmergency: z.boolean(), facts: optionalText() }),
  relatedRequest: optionalText(),
  notification: z
    .object({
      enforcingState: country().optional(),
      offenceInIssuingState: z.boolean().optional(),
      personResidesInIssuingState: z.boolean().optional(),
      additionalInformation: optionalText(),
    })
    .optional(),
  transfer: z.object({ authority: text(), email: optionalEmail() }),
};

/** A complete EPOC. */
export type EpocBody = z.output<z.ZodObject<typeof shape>>;

const validationCondition: ItemCondition = {
  when: { en: 'when the issuing authority must be validated and it is not an emergency', fr: 'lorsque l’autorité d’émission doit être validée et qu’il n’y a pas urgence' },
  test: (body) => validationNeeded(body, true) && !isEmergency(body),
};

const entries: EntrySpec[] = [
  sectionA('I', validationCondition),
  sectionB('I'),
  {
    number: 'C',
    label: { en: 'Section C: Deadlines', fr: 'Section C : Délais' },
    source: 'Reg. 2023/1543 Annex I Section C',
    fields: [
      { path: 'emergency.isEmergency', label: { en: 'Emergency (8 hours instead of 10 days)', fr: 'Urgence (8 heures au lieu de 10 jours)' }, why: { en: 'Data are due within 10 days, or 8 hours in an emergency (Art. 10(2)–(4)).', fr: 'Les données sont dues dans les 10 jours, ou 8 heures en cas d’urgence (art. 10(2) à (4)).' }, required: true, article: 'Reg. 2023/1543 Art. 10' },
      {
        path: 'emergency.facts',
        label: { en: 'Facts showing the emergency', fr: 'Faits établissant l’urgence' },
        why: { en: 'An imminent threat to the life, physical integrity or safety of a person, or to critical infrastructure.', fr: 'Une menace imminente pour la vie, l’intégrité physique ou la sécurité d’une personne, ou pour une infrastructure critique.' },
        required: false,
        article: EMERGENCY_ARTICLE,
        condition: { when: { en: 'in an emergency', fr: 'en cas d’urgence' }, test: isEmergency },
      },
    ],
  },
  {
    // [unchecked] section letter and title
    number: 'D',
    label: { en: 'Section D: Relation to other orders or requests', fr: 'Section D : Lien avec d’autres injonctions ou demandes' },
    source: 'Reg. 2023/1543 Annex I Section D',
    fields: [{ path: 'relatedRequest', why: { en: 'E.g. the EPOC-PR that preserved the data, with its reference.', fr: 'P. ex. l’EPOC-PR ayant permis la conservation des données, avec sa référence.' }, required: false }],
  },
  {
    // [unchecked] section letter and title
    number: 'E',
    label: { en: 'Section E: User and data to be produced', fr: 'Section E : Utilisateur et données à produire' },
    source: 'Reg. 2023/1543 Annex I Section E',
    fields: dataFields({ en: 'Subscriber data, identification data, traffic data or content data: the category decides who may issue and whether the enforcing State is notified.', fr: 'Données relatives aux abonnés, d’identification, au trafic ou au contenu : la catégorie détermine qui peut émettre et si l’État d’exécution est informé.' }),
    render: renderData,
  },
  {
    // [unchecked] section letter and title
    number: 'F',
    label: { en: 'Section F: Criminal offence', fr: 'Section F : Infraction pénale' },
    source: 'Reg. 2023/1543 Art. 5(3)–(4)',
    fields: offenceFields(),
    render: renderOffence,
  },
  {
    // [unchecked] section letter and title
    number: 'G',
    label: { en: 'Section G: Notification of the enforcing authority', fr: 'Section G : Information de l’autorité d’exécution' },
    source: 'Reg. 2023/1543 Art. 8',
    fields: [
      { path: 'notification.enforcingState', label: { en: 'Enforcing State notified', fr: 'État d’exécution informé' }, why: { en: 'Traffic (other than identification) and content data: the enforcing authority receives the EPOC at the same time as the addressee.', fr: 'Données relatives au trafic (hors identification) et au contenu : l’autorité d’exécution reçoit l’EPOC en même temps que le destinataire.' }, required: false, article: 'Reg. 2023/1543 Art. 8(1)' },
      { path: 'notification.offenceInIssuingState', label: { en: 'Offence committed in the issuing State', fr: 'Infraction commise dans l’État d’émission' }, why: { en: 'With the next answer, exempts from notification (Art. 8(2)(a)).', fr: 'Avec la réponse suivante, dispense de l’information (art. 8(2)(a)).' }, required: false, article: 'Reg. 2023/1543 Art. 8(2)(a)' },
      { path: 'notification.personResidesInIssuingState', label: { en: 'Person whose data are sought resides in the issuing State', fr: 'La personne dont les données sont demandées réside dans l’État d’émission' }, why: { en: 'With the previous answer, exempts from notification (Art. 8(2)(b)).', fr: 'Avec la réponse précédente, dispense de l’information (art. 8(2)(b)).' }, required: false, article: 'Reg. 2023/1543 Art. 8(2)(b)' },
      { path: 'notification.additionalInformation', label: { en: 'Additional information for the enforcing authority', fr: 'Informations complémentaires pour l’autorité d’exécution' }, why: { en: 'What it needs to assess grounds for refusal (Art. 8(3)).', fr: 'Ce dont elle a besoin pour apprécier les motifs de refus (art. 8(3)).' }, required: false, article: 'Reg. 2023/1543 Art. 8(3)' },
    ],
  },
  issuingDetailsEntry('I', 'I'),
  validatingDetailsEntry('J', 'I'),
  {
    number: 'L',
    label: { en: 'Section L: Authority to which the data are to be transferred', fr: 'Section L : Autorité à laquelle les données doivent être transmises' },
    source: 'Reg. 2023/1543 Annex I Section L',
    fields: [
      { path: 'transfer.authority', label: { en: 'Authority', fr: 'Autorité' }, why: { en: 'The addressee transmits the data directly to the authority indicated (Art. 10(2)–(3)).', fr: 'Le destinataire transmet les données directement à l’autorité indiquée (art. 10(2) et (3)).' }, required: true },
      { path: 'transfer.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
    ],
  },
];

const CSA_OFFENCES = new Set(Object.keys(OFFENCE_CATEGORIES));

function warnings(body: Readonly<Record<string, unknown>>): RequestWarning[] {
  const found = euWarnings(body, true);
  if (isEmergency(body)) found.push(...emergencyFactsWarning(body, 'emergency.facts', EMERGENCY_ARTICLE));
  if (asksSensitiveData(body)) {
    const exempt = getAt(body, 'notification.offenceInIssuingState') === true && getAt(body, 'notification.personResidesInIssuingState') === true;
    if (!exempt && !textAt(body, 'notification.enforcingState')) {
      found.push({
        code: 'enforcing_state_notification_missing',
        path: 'notification.enforcingState',
        message: {
          en: 'Traffic or content data are requested: notify the enforcing State by sending it the EPOC at the same time as the addressee, unless the offence was committed in the issuing State and the person resides there (Reg. 2023/1543 Art. 8).',
          fr: 'Des données relatives au trafic ou au contenu sont demandées : informez l’État d’exécution en lui transmettant l’EPOC en même temps qu’au destinataire, sauf si l’infraction a été commise dans l’État d’émission et que la personne y réside (art. 8 du règlement (UE) 2023/1543).',
        },
      });
    }
    const penalty = getAt(body, 'offence.maxPenaltyYears');
    const csa = stringsAt(body, 'offence.categories').some((c) => CSA_OFFENCES.has(c));
    const qualifies = (typeof penalty === 'number' && penalty >= 3) || (csa && getAt(body, 'offence.byInformationSystem') === true);
    if (!qualifies) {
      found.push({
        code: 'sensitive_data_threshold_unclear',
        path: 'offence.maxPenaltyYears',
        message: {
          en: 'Traffic and content data may be ordered only for offences punishable by at least 3 years, or for child sexual abuse offences (Directive 2011/93/EU Arts. 3–7) committed by means of an information system: state the penalty or tick the information-system box (Reg. 2023/1543 Art. 5(4)).',
          fr: 'Les données relatives au trafic et au contenu ne peuvent être demandées que pour des infractions punies d’au moins 3 ans, ou pour des infractions d’abus sexuels sur enfants (directive 2011/93/UE, art. 3 à 7) commises au moyen d’un système d’information : indiquez la peine ou cochez la case correspondante (art. 5(4) du règlement (UE) 2023/1543).',
        },
      });
    }
  }
  return found;
}

/** European Production Order Certificate (Reg. 2023/1543 Annex I). */
export const epoc = defineRequestType({
  type: 'epoc',
  title: { en: 'European Production Order Certificate (EPOC)', fr: 'Certificat d’injonction européenne de production (EPOC)' },
  form: 'Reg. 2023/1543 Annex I',
  subtitle: {
    en: 'Regulation (EU) 2023/1543, Annex I — production of electronic evidence',
    fr: 'Règlement (UE) 2023/1543, annexe I — production de preuves électroniques',
  },
  legalBasis: {
    instrument: 'Regulation (EU) 2023/1543',
    articles: ['4', '5', '8', '9', '10'],
    citation: 'Regulation (EU) 2023/1543 on European Production Orders and European Preservation Orders for electronic evidence, Arts. 4, 5, 8–10 and Annex I',
  },
  shape,
  entries,
  steps: [
    { id: 'issuer', title: { en: 'Issuing authority and addressee', fr: 'Autorité d’émission et destinataire' }, entries: ['A', 'B', 'C', 'D'] },
    { id: 'data', title: { en: 'Data and offence', fr: 'Données et infraction' }, entries: ['E', 'F'] },
    { id: 'notification', title: { en: 'Notification', fr: 'Information de l’État d’exécution' }, entries: ['G'] },
    { id: 'details', title: { en: 'Authorities’ details and transfer', fr: 'Coordonnées des autorités et transmission' }, entries: ['I', 'J', 'L'] },
  ],
  periodPath: 'data.period',
  warnings,
  prefill(ctx) {
    const parent = ctx.parent;
    const carried = parent ? readEarlierBody(parent.body) : {};
    const parentRecord = parent ? (parent.body as Record<string, unknown> | null) : null;
    const provider = ctx.counterpart?.kind === 'provider' ? ctx.counterpart : undefined;
    const issuingState = typeof parentRecord?.issuingState === 'string' ? parentRecord.issuingState : undefined;
    return {
      ...(issuingState ? { issuingState } : {}),
      reference: ctx.case.reference,
      date: ctx.date,
      issuingAuthority: { ...carried.issuingAuthority, ...requestingAuthorityFromContext(ctx) },
      ...(provider ? { addressee: { name: provider.name, kind: 'designated_establishment' as const, country: provider.country, ...(provider.address ? { address: provider.address } : {}) } } : {}),
      emergency: { isEmergency: ctx.emergency !== undefined, ...(ctx.emergency ? { facts: ctx.emergency.facts } : {}) },
      ...(parent?.type === 'epoc_pr' ? { relatedRequest: `EPOC-PR ${parent.reference}${parent.sentAt ? ` (${parent.sentAt.slice(0, 10)})` : ''}` } : {}),
      identifiers: identifiersFor(ctx, carried),
      data: { categories: keepCategories(carried.data?.categories, EU_DATA_CATEGORIES), ...(carried.data?.period ? { period: carried.data.period } : {}) },
      offence: { categories: ctx.case.offenceCategories, byInformationSystem: true, ...(carried.offence?.provisions ? { provisions: carried.offence.provisions } : {}) },
      transfer: { authority: ctx.requestingAuthority.organisation, ...(ctx.requestingAuthority.email ? { email: ctx.requestingAuthority.email } : {}) },
    };
  },
});
