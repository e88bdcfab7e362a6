/**
 * Emergency request for the expedited disclosure of stored data: through the 24/7 network under
 * the Second Additional Protocol (CETS No. 224, Art. 9), or directly to a provider under its
 * emergency procedure (for US providers, 18 U.S.C. §2702(b)(8) and (c)(4)). The facts that show
 * the emergency have a field of their own.
 *
 * Sources checked:
 * - 18 U.S.C. §2702(b)(8) (contents) and (c)(4) (records): a provider may disclose "if the
 *   provider, in good faith, believes that an emergency involving danger of death or serious
 *   physical injury to any person requires disclosure without delay" (stored US Code copy,
 *   codexstanford/markdonw-chunck-of-the-usa-code, chuncks/title-18/chunck-1539.md and -1540.md).
 * - Protocol Art. 9 and the definition of "emergency" (Art. 3(2)(c), "significant and imminent
 *   risk to the life or safety of any natural person"): // [unchecked] not found in the stored
 *   copies; items 3–12 follow Art. 9(3)(a)–(h) as remembered (authority and date, statement,
 *   provider, offence with provisions and penalties, facts showing the emergency and how the data
 *   relate to it, detailed description of the data, special instructions, other information).
 * - UNODC SHERLOC model form for emergency disclosure (https://sherloc.unodc.org/cld/en/st/evidence/model-forms.html):
 *   only its description was found. // [unchecked]
 */
import { z } from 'zod';
import {
  country,
  dataCategoryOptions,
  date,
  dateEntry,
  identifiersFor,
  readEarlierBody,
  identifiersSchema,
  issuingAuthorityFields,
  issuingAuthorityShape,
  OFFENCE_OPTIONS,
  offenceCategoriesSchema,
  optionalText,
  periodSchema,
  referenceEntry,
  renderIdentifiers,
  renderLines,
  renderOffences,
  renderPeriod,
  requestingAuthorityFromContext,
  text,
} from './common.ts';
import { defineRequestType, emergencyFactsWarning, formatValue, getAt, textAt, type EntrySpec, type Localised } from './definition.ts';

const DATA_CATEGORIES = ['subscriber', 'traffic', 'content'] as const;
const EMERGENCY_ARTICLE = 'Protocol Art. 9(3)(e); 18 U.S.C. §2702(b)(8), (c)(4)';

const BASIS_OPTIONS = {
  protocol_art9: { en: 'Second Additional Protocol, Art. 9, through the 24/7 network', fr: 'Deuxième Protocole additionnel, art. 9, par le réseau 24/7' },
  provider_policy: { en: 'The provider’s emergency disclosure procedure', fr: 'La procédure de divulgation d’urgence du fournisseur' },
  us_2702: { en: '18 U.S.C. §2702(b)(8) and (c)(4) (United States providers)', fr: '18 U.S.C. §2702(b)(8) et (c)(4) (fournisseurs établis aux États-Unis)' },
} as const;

/** Words of the Art. 9(3)(b) statement, printed when ticked. */
export const ART9_STATEMENT: Localised = {
  en: 'This request is issued pursuant to the Second Additional Protocol to the Convention on Cybercrime (Article 9).',
  fr: 'La présente demande est émise en application du Deuxième Protocole additionnel à la Convention sur la cybercriminalité (article 9).',
};

const underProtocol = (body: Readonly<Record<string, unknown>>) => getAt(body, 'basis') === 'protocol_art9';
const PROTOCOL_CONDITION = { when: { en: 'when the request is made under Protocol Art. 9', fr: 'lorsque la demande est fondée sur l’art. 9 du Protocole' }, test: underProtocol };

const shape = {
  date: date(),
  reference: text(),
  basis: z.enum(['protocol_art9', 'provider_policy', 'us_2702']),
  requestedAuthority: z.object({ name: optionalText(), country: country().optional() }).optional(),
  issuingAuthority: z.object({ ...issuingAuthorityShape(), phone: text() }),
  protocolStatement: z.boolean().optional(),
  provider: z.object({ name: text(), address: optionalText(), country: country() }),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: optionalText() }),
  emergency: z.object({ facts: text(), relation: text() }),
  data: z.object({
    categories: z.array(z.enum(DATA_CATEGORIES)).min(1, { error: 'choose at least one category of data' }),
    description: text(),
    period: periodSchema().optional(),
  }),
  identifiers: identifiersSchema(),
  instructions: optionalText(),
  otherInformation: optionalText(),
};

/** A complete emergency disclosure request. */
export type EmergencyDisclosureBody = z.output<z.ZodObject<typeof shape>>;

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };
const LINE = {
  categories: { en: 'Categories of data', fr: 'Catégories de données' },
  description: { en: 'Description', fr: 'Description' },
  identifiers: { en: 'Identifiers (see the table)', fr: 'Identifiants (voir le tableau)' },
  period: { en: 'Period', fr: 'Période' },
  facts: { en: 'Facts showing the emergency', fr: 'Faits établissant l’urgence' },
  relation: { en: 'How the data relate to the emergency', fr: 'Lien entre les données et l’urgence' },
} as const;

const entries: EntrySpec[] = [
  dateEntry('1', 'Protocol Art. 9(3)(a)'),
  referenceEntry('2', 'Protocol Art. 9(3)(a)'),
  {
    number: '3',
    label: { en: 'Legal basis', fr: 'Base juridique' },
    source: 'Protocol Art. 9(1); 18 U.S.C. §2702',
    fields: [{ path: 'basis', why: { en: 'Under the Protocol the request goes through the 24/7 network; otherwise directly to the provider’s emergency channel.', fr: 'Au titre du Protocole, la demande passe par le réseau 24/7 ; sinon elle est adressée directement au canal d’urgence du fournisseur.' }, required: true, options: BASIS_OPTIONS }],
  },
  {
    number: '4',
    label: { en: '24/7 point of contact of the requested Party', fr: 'Point de contact 24/7 de la Partie requise' },
    source: 'Protocol Art. 9(1)',
    fields: [
      { path: 'requestedAuthority.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'Under Art. 9 the request is sent to the other Party’s 24/7 point of contact.', fr: 'Au titre de l’art. 9, la demande est adressée au point de contact 24/7 de l’autre Partie.' }, required: false, condition: PROTOCOL_CONDITION },
      { path: 'requestedAuthority.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party where the provider is.', fr: 'La Partie où se trouve le fournisseur.' }, required: false, condition: PROTOCOL_CONDITION },
    ],
  },
  {
    number: '5',
    label: { en: 'Competent authority seeking the data', fr: 'Autorité compétente qui demande les données' },
    source: 'Protocol Art. 9(3)(a)',
    fields: issuingAuthorityFields('issuingAuthority', { en: 'The provider or the 24/7 point of contact must know who asks.', fr: 'Le fournisseur ou le point de contact 24/7 doit savoir qui demande.' }).map((field) =>
      field.path === 'issuingAuthority.phone'
        ? { ...field, required: true, why: { en: 'In an emergency the provider calls back: give a number answered at any hour.', fr: 'En urgence, le fournisseur rappelle : indiquez un numéro joignable à toute heure.' } }
        : field,
    ),
  },
  {
    number: '6',
    label: { en: 'Statement that the request is issued pursuant to the Protocol', fr: 'Déclaration selon laquelle la demande est émise en application du Protocole' },
    source: 'Protocol Art. 9(3)(b)',
    fields: [{ path: 'protocolStatement', why: { en: 'Required when the Protocol is the basis.', fr: 'Exigée lorsque le Protocole sert de fondement.' }, required: false, condition: PROTOCOL_CONDITION, statement: ART9_STATEMENT }],
  },
  {
    number: '7',
    label: { en: 'Service provider holding the data', fr: 'Fournisseur de services détenant les données' },
    source: 'Protocol Art. 9(3)(c)',
    fields: [
      { path: 'provider.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The provider in possession or control of the data.', fr: 'Le fournisseur qui possède ou contrôle les données.' }, required: true },
      { path: 'provider.address', label: { en: 'Address', fr: 'Adresse' }, why: { en: 'Required under the Protocol.', fr: 'Exigée au titre du Protocole.' }, required: false, condition: PROTOCOL_CONDITION },
      { path: 'provider.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'Decides which law and which channel apply.', fr: 'Détermine le droit et le canal applicables.' }, required: true },
    ],
  },
  {
    number: '8',
    label: { en: 'Offence(s), legal provisions and penalties', fr: 'Infraction(s), dispositions légales et peines' },
    source: 'Protocol Art. 9(3)(d)',
    fields: [
      { path: 'offence.categories', label: { en: 'Offence', fr: 'Infraction' }, why: { en: 'Name the offence investigated.', fr: 'Indiquez l’infraction faisant l’objet de l’enquête.' }, required: true, options: OFFENCE_OPTIONS },
      { path: 'offence.provisions', label: { en: 'Legal provisions and penalties', fr: 'Dispositions légales et peines' }, why: { en: 'Required under the Protocol.', fr: 'Exigées au titre du Protocole.' }, required: false, condition: PROTOCOL_CONDITION },
    ],
    render: (body, language) =>
      renderLines(
        [
          [{ en: 'Offence', fr: 'Infraction' }, renderOffences(body, 'offence.categories', language)],
          [{ en: 'Legal provisions and penalties', fr: 'Dispositions légales et peines' }, textAt(body, 'offence.provisions')],
        ],
        language,
      ),
  },
  {
    number: '9',
    label: { en: 'The emergency', fr: 'L’urgence' },
    source: EMERGENCY_ARTICLE,
    fields: [
      { path: 'emergency.facts', label: LINE.facts, why: { en: 'Facts showing a significant and imminent risk to the life or safety of a person (danger of death or serious physical injury).', fr: 'Faits établissant un risque important et imminent pour la vie ou la sécurité d’une personne (danger de mort ou de blessure grave).' }, required: true },
      { path: 'emergency.relation', label: LINE.relation, why: { en: 'Say how the data sought relate to the emergency and why they are needed without delay.', fr: 'Indiquez le lien entre les données demandées et l’urgence, et pourquoi elles sont nécessaires sans délai.' }, required: true },
    ],
  },
  {
    number: '10',
    label: { en: 'Detailed description of the data sought', fr: 'Description détaillée des données demandées' },
    source: 'Protocol Art. 9(3)(f)',
    fields: [
      { path: 'data.categories', label: LINE.categories, why: { en: 'Ask only what the emergency requires.', fr: 'Ne demandez que ce que l’urgence exige.' }, required: true, options: dataCategoryOptions(DATA_CATEGORIES) },
      { path: 'data.description', label: LINE.description, why: { en: 'Describe the data precisely (e.g. last login IP addresses, location).', fr: 'Décrivez précisément les données (p. ex. dernières adresses IP de connexion, localisation).' }, required: true },
      { path: 'identifiers', label: LINE.identifiers, why: { en: 'The account or number concerned, with times and time zones.', fr: 'Le compte ou le numéro concerné, avec heures et fuseaux horaires.' }, required: true },
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
    number: '11',
    label: { en: 'Special procedural instructions', fr: 'Instructions procédurales particulières' },
    source: 'Protocol Art. 9(3)(g)',
    fields: [{ path: 'instructions', why: OPTIONAL, required: false }],
  },
  {
    number: '12',
    label: { en: 'Other information that may aid disclosure', fr: 'Autres informations susceptibles de faciliter la divulgation' },
    source: 'Protocol Art. 9(3)(h)',
    fields: [{ path: 'otherInformation', why: OPTIONAL, required: false }],
  },
];

/** Emergency disclosure (Protocol Art. 9 or the provider's emergency procedure). */
export const emergencyDisclosure = defineRequestType({
  type: 'emergency_disclosure',
  title: { en: 'Emergency request for the disclosure of stored data', fr: 'Demande de divulgation de données stockées en cas d’urgence' },
  form: 'CETS 224 Art. 9 / provider emergency procedure',
  subtitle: {
    en: 'Second Additional Protocol (CETS No. 224), Art. 9, or the provider’s emergency procedure (18 U.S.C. §2702(b)(8), (c)(4))',
    fr: 'Deuxième Protocole additionnel (STCE n° 224), art. 9, ou procédure d’urgence du fournisseur (18 U.S.C. §2702(b)(8), (c)(4))',
  },
  legalBasis: {
    instrument: 'Second Additional Protocol (CETS 224) / provider emergency procedure',
    articles: ['Protocol Art. 9', '18 U.S.C. §2702(b)(8)', '18 U.S.C. §2702(c)(4)'],
    citation: 'Second Additional Protocol (CETS No. 224), Art. 9 (expedited disclosure of stored computer data in an emergency); for US providers 18 U.S.C. §2702(b)(8) and (c)(4)',
  },
  shape,
  entries,
  steps: [
    { id: 'request', title: { en: 'Request', fr: 'Demande' }, entries: ['1', '2', '3', '4'] },
    { id: 'parties', title: { en: 'Authority and provider', fr: 'Autorité et fournisseur' }, entries: ['5', '6', '7'] },
    { id: 'emergency', title: { en: 'Offence and emergency', fr: 'Infraction et urgence' }, entries: ['8', '9'] },
    { id: 'data', title: { en: 'Data sought', fr: 'Données demandées' }, entries: ['10', '11', '12'] },
  ],
  relationPath: 'emergency.relation',
  warnings: (body) => emergencyFactsWarning(body, 'emergency.facts', EMERGENCY_ARTICLE),
  prefill(ctx) {
    const counterpart = ctx.counterpart;
    const provider = counterpart?.kind === 'provider' ? counterpart : undefined;
    const basis = ctx.route?.id === 'p2-art9-emergency-disclosure' || counterpart?.kind === 'contact_point_24_7' ? ('protocol_art9' as const) : provider?.country === 'US' ? ('us_2702' as const) : ('provider_policy' as const);
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      basis,
      ...(counterpart?.kind === 'contact_point_24_7' ? { requestedAuthority: { name: counterpart.name, country: counterpart.country } } : {}),
      issuingAuthority: requestingAuthorityFromContext(ctx),
      ...(provider ? { provider: { name: provider.name, country: provider.country, ...(provider.address ? { address: provider.address } : {}) } } : {}),
      offence: { categories: ctx.case.offenceCategories },
      ...(ctx.emergency ? { emergency: { facts: ctx.emergency.facts } } : {}),
      identifiers: identifiersFor(ctx, ctx.parent ? readEarlierBody(ctx.parent.body) : {}),
    };
  },
});
