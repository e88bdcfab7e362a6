/**
 * Mutual legal assistance request for subscriber information (Budapest Convention Art. 31, sent
 * through Arts. 25(3) and 27), numbered after the T-CY template T-CY(2018)10. Also serves the
 * emergency MLA of the Second Additional Protocol (Art. 10) through the urgency "emergency".
 *
 * Sources checked:
 * - T-CY(2018)10, https://rm.coe.int/template-article31-mla-subscriber/1680a273d9 (stored copy):
 *   items 1 date; 2 reference / case number; 3 request status (new / follow-up to previous MLA /
 *   follow-up to previous preservation); 4 requested authority; 5 requesting authority
 *   (organisation, person in charge, address, telephone, cell phone, e-mail, fax, office hours,
 *   time zone, reply by e-mail or other expedited means / by means of); 6 contact for additional
 *   confirmation (name, job title, function, telephones, e-mail); 7 investigative/operational
 *   authority (if different); 8 prosecution office or court in charge, case numbers, decisions;
 *   9 previous MLA (date, reference, requesting and responding authorities, communication
 *   method); 10 previous preservation (date, reference, requesting and responding authorities,
 *   channel); 11 domestic legal basis if applicable.
 *   // [unchecked] the template after item 11 was cut off in the stored copy: items 12–18
 *   (offence, facts, data sought, period, confidentiality, urgency, channel) are numbered here.
 * - Budapest Arts. 18(3), 25(3), 27(2), 27(8), 27(9), 31(1), 31(3) (Convention text,
 *   statengeneraal/laws-markdown verdrag/convention/on/cybercrime/BWBV0001839/README.md).
 * - Protocol Art. 10 (emergency mutual assistance): // [unchecked] not found in the stored copies;
 *   the requirement to describe the facts showing the emergency is taken from DOMAIN.md.
 */
import { z } from 'zod';
import {
  confirmationContactEntry,
  confirmationContactFromContext,
  confirmationContactShape,
  country,
  date,
  dateEntry,
  earlierRequestFields,
  earlierRequestShape,
  identifiersFor,
  identifiersSchema,
  investigativeAuthorityEntry,
  investigativeAuthorityShape,
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
  SUBSCRIBER_INFO_OPTIONS,
  subscriberInfoSchema,
  text,
} from './common.ts';
import { defineRequestType, emergencyFactsWarning, formatValue, getAt, textAt, type EntrySpec, type PrefillContext, type RequestWarning } from './definition.ts';

const FORM = 'T-CY(2018)10';
const item = (n: string) => `${FORM} item ${n}`;

const STATUS_OPTIONS = {
  new: { en: 'New request', fr: 'Nouvelle demande' },
  follow_up_mla: { en: 'Follow-up to a previous MLA request (details in item 9)', fr: 'Suite à une demande d’entraide antérieure (précisions à la rubrique 9)' },
  follow_up_preservation: { en: 'Follow-up to a previous preservation request (details in item 10)', fr: 'Suite à une demande de conservation antérieure (précisions à la rubrique 10)' },
} as const;

const URGENCY_OPTIONS = {
  normal: { en: 'Normal', fr: 'Normale' },
  expedited: { en: 'Expedited: the data are particularly vulnerable to loss or modification (Budapest Art. 31(3)(a))', fr: 'Accélérée : les données sont particulièrement sensibles aux risques de perte ou de modification (art. 31(3)(a))' },
  emergency: { en: 'Emergency: significant and imminent risk to the life or safety of a person (Protocol Art. 10)', fr: 'Urgence : risque important et imminent pour la vie ou la sécurité d’une personne (art. 10 du Deuxième Protocole)' },
} as const;

const CHANNEL_OPTIONS = {
  central_authority: { en: 'Through the central authorities (Budapest Art. 27(2))', fr: 'Par l’intermédiaire des autorités centrales (art. 27(2))' },
  direct_judicial: {
    en: 'Directly between judicial authorities, in urgency, with a copy to the central authority (Budapest Art. 27(9)(a))',
    fr: 'Directement entre autorités judiciaires, en cas d’urgence, avec copie à l’autorité centrale (art. 27(9)(a))',
  },
  interpol: { en: 'Through INTERPOL (Budapest Art. 27(9)(b))', fr: 'Par l’intermédiaire d’INTERPOL (art. 27(9)(b))' },
  expedited_means: {
    en: 'By expedited means (fax, e-mail), formal confirmation to follow where required (Budapest Art. 25(3))',
    fr: 'Par des moyens rapides (télécopie, courriel), confirmation officielle à suivre si nécessaire (art. 25(3))',
  },
} as const;

const statusIs = (kind: string) => (body: Readonly<Record<string, unknown>>) => getAt(body, 'status.kind') === kind;
const urgencyIs = (level: string) => (body: Readonly<Record<string, unknown>>) => getAt(body, 'urgency.level') === level;

const shape = {
  date: date(),
  reference: text(),
  status: z.object({ kind: z.enum(['new', 'follow_up_mla', 'follow_up_preservation']) }),
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
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: text() }),
  facts: text(),
  data: z.object({ subscriberInfo: subscriberInfoSchema(), description: optionalText(), period: periodSchema().optional(), relationToOffence: text() }),
  identifiers: identifiersSchema(),
  confidentiality: z.boolean().optional(),
  urgency: z.object({ level: z.enum(['normal', 'expedited', 'emergency']), reasons: optionalText(), emergencyFacts: optionalText() }),
  channel: z.enum(['central_authority', 'direct_judicial', 'interpol', 'expedited_means']),
};

/** A complete MLA request for subscriber information. */
export type MlaSubscriberBody = z.output<z.ZodObject<typeof shape>>;

const LINE = {
  subscriberInfo: { en: 'Subscriber information sought', fr: 'Informations relatives aux abonnés demandées' },
  identifiers: { en: 'Identifiers (see the table)', fr: 'Identifiants (voir le tableau)' },
  description: { en: 'Further description', fr: 'Autres précisions' },
  relation: { en: 'Relationship to the offence', fr: 'Lien avec l’infraction' },
} as const;

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };

const entries: EntrySpec[] = [
  dateEntry('1', item('1')),
  referenceEntry('2', item('2')),
  {
    number: '3',
    label: { en: 'Request status', fr: 'Statut de la demande' },
    source: item('3'),
    fields: [{ path: 'status.kind', why: { en: 'A follow-up lets the requested authority find the data it already preserved.', fr: 'Une demande de suite permet à l’autorité requise de retrouver les données déjà conservées.' }, required: true, options: STATUS_OPTIONS }],
  },
  {
    number: '4',
    label: { en: 'Requested authority', fr: 'Autorité requise' },
    source: item('4'),
    fields: [
      { path: 'requestedAuthority.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The central authority (Budapest Art. 27(2)) or the competent judicial authority.', fr: 'L’autorité centrale (art. 27(2)) ou l’autorité judiciaire compétente.' }, required: true },
      { path: 'requestedAuthority.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party where the data are stored (Budapest Art. 31(1)).', fr: 'La Partie où les données sont stockées (art. 31(1)).' }, required: true, article: 'Budapest Art. 31(1)' },
      { path: 'requestedAuthority.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
    ],
  },
  requestingAuthorityEntry('5', item('5'), { replyChannel: true }),
  confirmationContactEntry('6', item('6')),
  investigativeAuthorityEntry('7', item('7')),
  {
    number: '8',
    label: { en: 'Prosecution office or court in charge (if applicable)', fr: 'Parquet ou juridiction saisis (le cas échéant)' },
    source: item('8'),
    fields: [
      { path: 'prosecution.office', label: { en: 'Prosecution office in charge', fr: 'Parquet saisi' }, why: OPTIONAL, required: false },
      { path: 'prosecution.caseNumber', label: { en: 'Prosecution case number', fr: 'Numéro de dossier du parquet' }, why: OPTIONAL, required: false },
      { path: 'prosecution.court', label: { en: 'Court in charge', fr: 'Juridiction saisie' }, why: OPTIONAL, required: false },
      { path: 'prosecution.courtCaseNumber', label: { en: 'Court case number', fr: 'Numéro de dossier de la juridiction' }, why: OPTIONAL, required: false },
      { path: 'prosecution.decisions', label: { en: 'Prosecution or court decisions related to the request', fr: 'Décisions du parquet ou de la juridiction relatives à la demande' }, why: OPTIONAL, required: false },
    ],
  },
  {
    number: '9',
    label: { en: 'Information on a previous MLA request (if applicable)', fr: 'Informations sur une demande d’entraide antérieure (le cas échéant)' },
    source: item('9'),
    fields: earlierRequestFields('previousMla', { when: { en: 'when the request follows up a previous MLA request', fr: 'lorsque la demande fait suite à une demande d’entraide antérieure' }, test: statusIs('follow_up_mla') }, item('9')),
  },
  {
    number: '10',
    label: { en: 'Information on a previous preservation request (if applicable)', fr: 'Informations sur une demande de conservation antérieure (le cas échéant)' },
    source: item('10'),
    fields: earlierRequestFields(
      'previousPreservation',
      { when: { en: 'when the request follows up a preservation request', fr: 'lorsque la demande fait suite à une demande de conservation' }, test: statusIs('follow_up_preservation') },
      item('10'),
    ),
  },
  {
    number: '11',
    label: { en: 'Domestic legal basis for the request (if applicable)', fr: 'Base juridique nationale de la demande (le cas échéant)' },
    source: item('11'),
    fields: [{ path: 'domesticLegalBasis', why: OPTIONAL, required: false }],
  },
  {
    number: '12',
    label: { en: 'Offence(s) and applicable legal provisions', fr: 'Infraction(s) et dispositions légales applicables' },
    source: item('12'), // [unchecked] numbering after item 11
    fields: [
      { path: 'offence.categories', label: { en: 'Offence', fr: 'Infraction' }, why: { en: 'The requested Party applies its conditions and refusal grounds to the offence (Budapest Art. 25(4), 27(4)).', fr: 'La Partie requise applique ses conditions et motifs de refus à l’infraction (art. 25(4) et 27(4)).' }, required: true, options: OFFENCE_OPTIONS },
      { path: 'offence.provisions', label: { en: 'Legal provisions and penalties', fr: 'Dispositions légales et peines encourues' }, why: { en: 'Dual criminality, where required, is judged on the conduct (Art. 25(5)): quote the provisions and penalties.', fr: 'La double incrimination, lorsqu’elle est exigée, s’apprécie au regard du comportement (art. 25(5)) : citez les dispositions et les peines.' }, required: true },
    ],
    render: (body, language) =>
      renderLines(
        [
          [{ en: 'Offence', fr: 'Infraction' }, renderOffences(body, 'offence.categories', language)],
          [{ en: 'Legal provisions and penalties', fr: 'Dispositions légales et peines encourues' }, textAt(body, 'offence.provisions')],
        ],
        language,
      ),
  },
  {
    number: '13',
    label: { en: 'Summary of the facts', fr: 'Exposé des faits' },
    source: item('13'), // [unchecked] numbering after item 11
    fields: [{ path: 'facts', why: { en: 'The requested authority needs the facts to see why the subscriber information matters.', fr: 'L’autorité requise a besoin des faits pour comprendre l’intérêt des informations demandées.' }, required: true }],
  },
  {
    number: '14',
    label: { en: 'Subscriber information sought and its relationship to the offence', fr: 'Informations relatives aux abonnés demandées et leur lien avec l’infraction' },
    source: 'Budapest Art. 18(3)',
    fields: [
      { path: 'data.subscriberInfo', label: LINE.subscriberInfo, why: { en: 'Tick the elements of Art. 18(3) you need; asking for less is answered faster.', fr: 'Cochez les éléments de l’art. 18(3) nécessaires ; une demande limitée reçoit une réponse plus rapide.' }, required: true, options: SUBSCRIBER_INFO_OPTIONS },
      { path: 'identifiers', label: LINE.identifiers, why: { en: 'Each IP address needs its date, time and time zone.', fr: 'Chaque adresse IP doit être accompagnée de sa date, de son heure et de son fuseau horaire.' }, required: true, article: 'Budapest Art. 31(1)' },
      { path: 'data.description', label: LINE.description, why: OPTIONAL, required: false },
      { path: 'data.relationToOffence', label: LINE.relation, why: { en: 'Explain how the account or address is linked to the offence.', fr: 'Expliquez le lien entre le compte ou l’adresse et l’infraction.' }, required: true, article: 'Budapest Art. 31(1)' },
    ],
    render: (body, language) =>
      renderLines(
        [
          [LINE.subscriberInfo, formatValue(getAt(body, 'data.subscriberInfo'), { options: SUBSCRIBER_INFO_OPTIONS }, language)],
          [LINE.identifiers, renderIdentifiers(body, language)],
          [LINE.description, textAt(body, 'data.description')],
          [LINE.relation, textAt(body, 'data.relationToOffence')],
        ],
        language,
      ),
  },
  {
    number: '15',
    label: { en: 'Time period of the data', fr: 'Période couverte par les données' },
    source: item('15'), // [unchecked] numbering after item 11
    fields: [{ path: 'data.period', why: { en: 'Optional: the period the information should cover.', fr: 'Facultatif : la période que doivent couvrir les informations.' }, required: false }],
    render: (body, language) => renderPeriod(body, 'data.period', language),
  },
  {
    number: '16',
    label: { en: 'Confidentiality of the request', fr: 'Confidentialité de la demande' },
    source: 'Budapest Art. 27(8)',
    fields: [{ path: 'confidentiality', why: { en: 'The requested Party may be asked to keep the request and its subject confidential (Art. 27(8)).', fr: 'La Partie requise peut être invitée à garder confidentiels la demande et son objet (art. 27(8)).' }, required: false }],
  },
  {
    number: '17',
    label: { en: 'Urgency', fr: 'Urgence' },
    source: 'Budapest Art. 31(3)',
    fields: [
      { path: 'urgency.level', label: { en: 'Level', fr: 'Degré' }, why: { en: 'The request is answered on an expedited basis where the data are vulnerable to loss (Art. 31(3)).', fr: 'La demande est traitée de manière accélérée lorsque les données risquent d’être perdues (art. 31(3)).' }, required: true, options: URGENCY_OPTIONS },
      { path: 'urgency.reasons', label: { en: 'Reasons', fr: 'Motifs' }, why: { en: 'Say why the data are particularly vulnerable to loss or modification.', fr: 'Expliquez pourquoi les données sont particulièrement sensibles aux risques de perte ou de modification.' }, required: false, article: 'Budapest Art. 31(3)(a)', condition: { when: { en: 'when expedited handling is asked', fr: 'lorsqu’un traitement accéléré est demandé' }, test: urgencyIs('expedited') } },
      {
        path: 'urgency.emergencyFacts',
        label: { en: 'Facts showing the emergency', fr: 'Faits établissant l’urgence' },
        why: { en: 'An emergency request must show a significant and imminent risk to the life or safety of a person.', fr: 'Une demande urgente doit établir un risque important et imminent pour la vie ou la sécurité d’une personne.' },
        required: false,
        article: 'Protocol Art. 10', // [unchecked] paragraph not verified
        condition: { when: { en: 'when the request is an emergency', fr: 'lorsque la demande est urgente' }, test: urgencyIs('emergency') },
      },
    ],
  },
  {
    number: '18',
    label: { en: 'Channel of transmission', fr: 'Voie de transmission' },
    source: 'Budapest Art. 27(2)',
    fields: [{ path: 'channel', why: { en: 'Central authorities by default; directly between judicial authorities or through INTERPOL in urgency (Art. 27(9)); by e-mail or fax when urgent (Art. 25(3)).', fr: 'Par les autorités centrales par défaut ; directement entre autorités judiciaires ou par INTERPOL en cas d’urgence (art. 27(9)) ; par courriel ou télécopie en cas d’urgence (art. 25(3)).' }, required: true, options: CHANNEL_OPTIONS }],
  },
];

function warnings(body: Readonly<Record<string, unknown>>): RequestWarning[] {
  const found: RequestWarning[] = [];
  if (getAt(body, 'urgency.level') === 'emergency') found.push(...emergencyFactsWarning(body, 'urgency.emergencyFacts', 'Protocol Art. 10'));
  if (getAt(body, 'channel') === 'direct_judicial') {
    found.push({
      code: 'copy_to_central_authority',
      path: 'channel',
      message: {
        en: 'A request sent directly between judicial authorities must be copied at the same time to the central authority of the requested Party through your central authority (Budapest Art. 27(9)(a)).',
        fr: 'Une demande adressée directement entre autorités judiciaires doit être transmise en copie, au même moment, à l’autorité centrale de la Partie requise par l’intermédiaire de votre autorité centrale (art. 27(9)(a)).',
      },
    });
  }
  if (getAt(body, 'channel') === 'expedited_means') {
    found.push({
      code: 'formal_confirmation',
      path: 'channel',
      message: {
        en: 'A request sent by expedited means may need formal confirmation if the requested Party requires it (Budapest Art. 25(3)).',
        fr: 'Une demande transmise par des moyens rapides peut devoir être confirmée officiellement si la Partie requise l’exige (art. 25(3)).',
      },
    });
  }
  return found;
}

const PRESERVATION_CHANNEL: Record<string, string> = {
  preservation_247: '24/7 network (Budapest Art. 35)',
  preservation_provider: 'Direct request to the provider',
  epoc_pr: 'European Preservation Order (Reg. 2023/1543)',
};

function channelFor(route: PrefillContext['route']): MlaSubscriberBody['channel'] {
  switch (route?.id) {
    case 'budapest-27-9-direct-judicial':
      return 'direct_judicial';
    case 'budapest-25-3-expedited':
      return 'expedited_means';
    default:
      return 'central_authority';
  }
}

/** MLA for subscriber information (T-CY(2018)10; Budapest Arts. 31, 25(3), 27). */
export const mlaSubscriber = defineRequestType({
  type: 'mla_subscriber',
  title: { en: 'Mutual legal assistance request for subscriber information', fr: 'Demande d’entraide judiciaire portant sur des informations relatives aux abonnés' },
  form: FORM,
  subtitle: {
    en: 'T-CY(2018)10 — Budapest Convention Art. 31 (with Arts. 25(3) and 27)',
    fr: 'T-CY(2018)10 — Convention de Budapest, art. 31 (avec les art. 25(3) et 27)',
  },
  legalBasis: {
    instrument: 'Budapest Convention (ETS 185)',
    articles: ['31', '25(3)', '27', '18(3)'],
    citation: 'Convention on Cybercrime (ETS No. 185), Art. 31 (mutual assistance regarding accessing of stored computer data), Arts. 25(3) and 27',
  },
  shape,
  entries,
  steps: [
    { id: 'request', title: { en: 'Request', fr: 'Demande' }, entries: ['1', '2', '3', '4'] },
    { id: 'authorities', title: { en: 'Authorities', fr: 'Autorités' }, entries: ['5', '6', '7', '8'] },
    { id: 'earlier', title: { en: 'Earlier requests and legal basis', fr: 'Demandes antérieures et base juridique' }, entries: ['9', '10', '11'] },
    { id: 'offence', title: { en: 'Offence and facts', fr: 'Infraction et faits' }, entries: ['12', '13'] },
    { id: 'data', title: { en: 'Information sought', fr: 'Informations demandées' }, entries: ['14', '15'] },
    { id: 'handling', title: { en: 'Confidentiality, urgency and channel', fr: 'Confidentialité, urgence et transmission' }, entries: ['16', '17', '18'] },
  ],
  relationPath: 'data.relationToOffence',
  periodPath: 'data.period',
  warnings,
  prefill(ctx) {
    const parent = ctx.parent;
    const carried = parent ? readEarlierBody(parent.body) : {};
    const afterPreservation = parent !== undefined && parent.type in PRESERVATION_CHANNEL;
    const afterMla = parent !== undefined && parent.type === 'mla_subscriber';
    const earlier = parent
      ? {
          reference: parent.reference,
          ...(parent.sentAt ? { date: parent.sentAt.slice(0, 10) } : carried.date ? { date: carried.date } : {}),
          ...(carried.requestingAuthority?.organisation ? { requestingAuthority: carried.requestingAuthority.organisation } : {}),
          ...((carried.requestedAuthority?.name ?? carried.provider?.name) ? { respondingAuthority: carried.requestedAuthority?.name ?? carried.provider?.name } : {}),
          channel: PRESERVATION_CHANNEL[parent.type] ?? carried.channel ?? 'Mutual legal assistance',
        }
      : undefined;
    const counterpart = ctx.counterpart && (ctx.counterpart.kind === 'central_authority' || ctx.counterpart.kind === 'judicial_authority') ? ctx.counterpart : undefined;
    const emergency = ctx.route?.id === 'p2-art10-emergency-mla' || ctx.emergency !== undefined;
    const status = afterPreservation ? ('follow_up_preservation' as const) : afterMla ? ('follow_up_mla' as const) : ('new' as const);
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      status: { kind: status },
      ...(counterpart
        ? { requestedAuthority: { name: counterpart.name, country: counterpart.country, ...(counterpart.email ? { email: counterpart.email } : {}) } }
        : {}),
      requestingAuthority: {
        ...carried.requestingAuthority,
        ...requestingAuthorityFromContext(ctx),
        ...(ctx.requestingAuthority.email ? { preferredReplyChannel: `E-mail: ${ctx.requestingAuthority.email}` } : {}),
      },
      confirmationContact: carried.confirmationContact ?? confirmationContactFromContext(ctx),
      ...(carried.investigativeAuthority ? { investigativeAuthority: carried.investigativeAuthority } : {}),
      ...(afterPreservation && earlier ? { previousPreservation: earlier } : {}),
      ...(afterMla && earlier ? { previousMla: earlier } : {}),
      offence: { categories: ctx.case.offenceCategories, ...(carried.offence?.provisions ? { provisions: carried.offence.provisions } : {}) },
      facts: carried.facts || ctx.case.summary,
      data: {
        subscriberInfo: ['service' as const, 'identity' as const, 'address' as const],
        ...(carried.data?.relationToOffence ? { relationToOffence: carried.data.relationToOffence } : {}),
        ...(carried.data?.period ? { period: carried.data.period } : {}),
        ...(carried.data?.description ? { description: carried.data.description } : {}),
      },
      identifiers: identifiersFor(ctx, carried),
      confidentiality: true,
      urgency: {
        level: emergency ? ('emergency' as const) : afterPreservation ? ('expedited' as const) : ('normal' as const),
        ...(ctx.emergency ? { emergencyFacts: ctx.emergency.facts } : {}),
      },
      channel: channelFor(ctx.route),
    };
  },
});
