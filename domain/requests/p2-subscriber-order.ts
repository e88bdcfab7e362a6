/**
 * Order issued directly to a service provider in another Party for the disclosure of subscriber
 * information (Second Additional Protocol, CETS No. 224, Art. 7), with its supplementary
 * information.
 *
 * Sources: the Protocol text could not be read in the stored copies (Eurojust/SIRIUS summary of
 * Art. 7 found: https://www.eurojust.europa.eu/publication/production-orders-disclosure-subscriber-information-under-article-7-second-additional).
 * // [unchecked] Art. 7(3)(a)–(f) (issuing authority and date; statement that the order is issued
 * under the Protocol; provider name and address; offence(s); authority seeking the data if not the
 * issuer; detailed description of the subscriber information) and Art. 7(4)(a)–(h) (domestic legal
 * grounds; provisions and penalties; return contact; time frame and manner; earlier preservation;
 * special instructions; simultaneous notification under Art. 7(5); other information) follow
 * DOMAIN.md and memory of the treaty text. Art. 7(6)–(7) (30 days or the stated time frame,
 * whichever is longer, then Art. 8 or MLA) is in DOMAIN.md.
 */
import { z } from 'zod';
import {
  country,
  date,
  email,
  identifiersFor,
  identifiersSchema,
  issuingAuthorityFields,
  issuingAuthorityShape,
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
  SUBSCRIBER_INFO_OPTIONS,
  subscriberInfoSchema,
  text,
} from './common.ts';
import { defineRequestType, formatValue, getAt, textAt, type EntrySpec, type Localised, type PrefillContext, type RequestWarning } from './definition.ts';

const art = (paragraph: string) => `Protocol Art. 7${paragraph}`;

/** Words of the Art. 7(3)(b) statement, printed when ticked. */
export const ART7_STATEMENT: Localised = {
  en: 'This order is issued pursuant to the Second Additional Protocol to the Convention on Cybercrime (Article 7).',
  fr: 'La présente injonction est émise en application du Deuxième Protocole additionnel à la Convention sur la cybercriminalité (article 7).',
};

const shape = {
  date: date(),
  reference: text(),
  issuingAuthority: z.object(issuingAuthorityShape()),
  protocolStatement: statement(),
  provider: z.object({ name: text(), address: text(), country: country(), email: optionalEmail() }),
  offence: z.object({ categories: offenceCategoriesSchema(), provisions: text() }),
  seekingAuthority: optionalText(),
  data: z.object({ subscriberInfo: subscriberInfoSchema(), description: optionalText(), period: periodSchema().optional() }),
  identifiers: identifiersSchema(),
  supplementary: z.object({
    domesticLegalGrounds: text(),
    returnContact: z.object({ name: text(), email: email() }),
    timeFrame: text(),
    manner: text(),
    preservation: optionalText(),
    instructions: optionalText(),
    notificationMade: z.boolean().optional(),
    otherInformation: optionalText(),
  }),
};

/** A complete Art. 7 order. */
export type SubscriberOrderBody = z.output<z.ZodObject<typeof shape>>;

const OPTIONAL = { en: 'Optional.', fr: 'Facultatif.' };
const LINE = {
  subscriberInfo: { en: 'Subscriber information sought', fr: 'Informations relatives aux abonnés demandées' },
  identifiers: { en: 'Identifiers (see the table)', fr: 'Identifiants (voir le tableau)' },
  description: { en: 'Further description', fr: 'Autres précisions' },
  period: { en: 'Period', fr: 'Période' },
} as const;

const entries: EntrySpec[] = [
  {
    number: '7(3)(a)',
    label: { en: 'Issuing authority and date of issue', fr: 'Autorité d’émission et date d’émission' },
    source: art('(3)(a)'),
    fields: [
      { path: 'date', label: { en: 'Date of issue', fr: 'Date d’émission' }, why: { en: 'The 30-day period of Art. 7(6) runs from the order.', fr: 'Le délai de 30 jours de l’art. 7(6) court à compter de l’injonction.' }, required: true },
      { path: 'reference', label: { en: 'Reference', fr: 'Référence' }, why: { en: 'Lets the provider and your authority match the reply to the order.', fr: 'Permet au fournisseur et à votre autorité de rattacher la réponse à l’injonction.' }, required: true },
      ...issuingAuthorityFields('issuingAuthority', { en: 'Only a competent authority of a Party may issue the order (Art. 7(2)).', fr: 'Seule une autorité compétente d’une Partie peut émettre l’injonction (art. 7(2)).' }),
    ],
  },
  {
    number: '7(3)(b)',
    label: { en: 'Statement that the order is issued pursuant to the Protocol', fr: 'Déclaration selon laquelle l’injonction est émise en application du Protocole' },
    source: art('(3)(b)'),
    fields: [{ path: 'protocolStatement', why: { en: 'The provider relies on the Protocol to disclose.', fr: 'Le fournisseur s’appuie sur le Protocole pour divulguer.' }, required: true, statement: ART7_STATEMENT }],
  },
  {
    number: '7(3)(c)',
    label: { en: 'Service provider to be served', fr: 'Fournisseur de services destinataire' },
    source: art('(3)(c)'),
    fields: [
      { path: 'provider.name', label: { en: 'Name', fr: 'Nom' }, why: { en: 'The provider in the territory of the other Party.', fr: 'Le fournisseur situé sur le territoire de l’autre Partie.' }, required: true },
      { path: 'provider.address', label: { en: 'Address', fr: 'Adresse' }, why: { en: 'The order names the provider and its address.', fr: 'L’injonction indique le nom et l’adresse du fournisseur.' }, required: true },
      { path: 'provider.country', label: { en: 'Country', fr: 'Pays' }, why: { en: 'The Party where the provider is; it may require notification (Art. 7(5)).', fr: 'La Partie où se trouve le fournisseur ; elle peut exiger une notification (art. 7(5)).' }, required: true },
      { path: 'provider.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: OPTIONAL, required: false },
    ],
  },
  {
    number: '7(3)(d)',
    label: { en: 'Offence(s) under investigation or prosecution', fr: 'Infraction(s) faisant l’objet de l’enquête ou des poursuites' },
    source: art('(3)(d)'),
    fields: [{ path: 'offence.categories', why: { en: 'Name the offence that is the subject of the investigation or proceeding.', fr: 'Indiquez l’infraction qui fait l’objet de l’enquête ou de la procédure.' }, required: true, options: OFFENCE_OPTIONS }],
    render: (body, language) => renderOffences(body, 'offence.categories', language),
  },
  {
    number: '7(3)(e)',
    label: { en: 'Authority seeking the information, if not the issuing authority', fr: 'Autorité qui demande les informations, si elle n’est pas l’autorité d’émission' },
    source: art('(3)(e)'),
    fields: [{ path: 'seekingAuthority', why: OPTIONAL, required: false }],
  },
  {
    number: '7(3)(f)',
    label: { en: 'Detailed description of the subscriber information sought', fr: 'Description détaillée des informations relatives aux abonnés demandées' },
    source: art('(3)(f)'),
    fields: [
      { path: 'data.subscriberInfo', label: LINE.subscriberInfo, why: { en: 'Only subscriber information (Budapest Art. 18(3)) may be ordered under Art. 7.', fr: 'Seules des informations relatives aux abonnés (art. 18(3) de la Convention) peuvent être demandées au titre de l’art. 7.' }, required: true, options: SUBSCRIBER_INFO_OPTIONS },
      { path: 'identifiers', label: LINE.identifiers, why: { en: 'The provider finds the subscriber through the identifiers, with time and time zone.', fr: 'Le fournisseur retrouve l’abonné grâce aux identifiants, avec heure et fuseau horaire.' }, required: true },
      { path: 'data.description', label: LINE.description, why: OPTIONAL, required: false },
      { path: 'data.period', label: LINE.period, why: OPTIONAL, required: false },
    ],
    render: (body, language) =>
      renderLines(
        [
          [LINE.subscriberInfo, formatValue(getAt(body, 'data.subscriberInfo'), { options: SUBSCRIBER_INFO_OPTIONS }, language)],
          [LINE.identifiers, renderIdentifiers(body, language)],
          [LINE.description, textAt(body, 'data.description')],
          [LINE.period, renderPeriod(body, 'data.period', language)],
        ],
        language,
      ),
  },
  {
    number: '7(4)(a)',
    label: { en: 'Domestic legal grounds empowering the authority to issue the order', fr: 'Fondements juridiques nationaux habilitant l’autorité à émettre l’injonction' },
    source: art('(4)(a)'),
    fields: [{ path: 'supplementary.domesticLegalGrounds', why: { en: 'The provider, and the Party it is in, can check the order was lawfully issued.', fr: 'Le fournisseur, et la Partie où il se trouve, peuvent vérifier la régularité de l’injonction.' }, required: true }],
  },
  {
    number: '7(4)(b)',
    label: { en: 'Legal provisions and applicable penalties for the offence', fr: 'Dispositions légales et peines applicables à l’infraction' },
    source: art('(4)(b)'),
    fields: [{ path: 'offence.provisions', why: { en: 'Quote the provisions and the penalties of the offence investigated.', fr: 'Citez les dispositions et les peines applicables à l’infraction poursuivie.' }, required: true }],
  },
  {
    number: '7(4)(c)',
    label: { en: 'Authority to which the information is returned', fr: 'Autorité à laquelle les informations sont transmises' },
    source: art('(4)(c)'),
    fields: [
      { path: 'supplementary.returnContact.name', label: { en: 'Authority or person', fr: 'Autorité ou personne' }, why: { en: 'Where the provider returns the information and asks its questions.', fr: 'Là où le fournisseur transmet les informations et pose ses questions.' }, required: true },
      { path: 'supplementary.returnContact.email', label: { en: 'E-mail address', fr: 'Adresse électronique' }, why: { en: 'The contact details the provider uses.', fr: 'Les coordonnées qu’utilise le fournisseur.' }, required: true },
    ],
  },
  {
    number: '7(4)(d)',
    label: { en: 'Time frame and manner of return', fr: 'Délai et modalités de transmission' },
    source: art('(4)(d)'),
    fields: [
      { path: 'supplementary.timeFrame', label: { en: 'Time frame', fr: 'Délai' }, why: { en: 'The provider has 30 days or the stated time frame, whichever is longer (Art. 7(6)).', fr: 'Le fournisseur dispose de 30 jours ou du délai indiqué, le plus long des deux étant retenu (art. 7(6)).' }, required: true },
      { path: 'supplementary.manner', label: { en: 'Manner', fr: 'Modalités' }, why: { en: 'Say how the information should be sent.', fr: 'Indiquez comment les informations doivent être transmises.' }, required: true },
    ],
  },
  {
    number: '7(4)(e)',
    label: { en: 'Earlier preservation (date and reference)', fr: 'Conservation antérieure (date et référence)' },
    source: art('(4)(e)'),
    fields: [{ path: 'supplementary.preservation', why: { en: 'If preservation was sought, the provider finds the preserved data faster.', fr: 'Si une conservation a été demandée, le fournisseur retrouve plus vite les données conservées.' }, required: false }],
  },
  {
    number: '7(4)(f)',
    label: { en: 'Special procedural instructions', fr: 'Instructions procédurales particulières' },
    source: art('(4)(f)'),
    fields: [{ path: 'supplementary.instructions', why: OPTIONAL, required: false }],
  },
  {
    number: '7(4)(g)',
    label: { en: 'Simultaneous notification made (Art. 7(5))', fr: 'Notification simultanée effectuée (art. 7(5))' },
    source: art('(4)(g)'),
    fields: [{ path: 'supplementary.notificationMade', why: { en: 'Some Parties require to be notified of orders sent to providers in their territory.', fr: 'Certaines Parties exigent d’être informées des injonctions adressées aux fournisseurs situés sur leur territoire.' }, required: false }],
  },
  {
    number: '7(4)(h)',
    label: { en: 'Other information that may aid disclosure', fr: 'Autres informations susceptibles de faciliter la divulgation' },
    source: art('(4)(h)'),
    fields: [{ path: 'supplementary.otherInformation', why: OPTIONAL, required: false }],
  },
];

function warnings(body: Readonly<Record<string, unknown>>): RequestWarning[] {
  if (getAt(body, 'supplementary.notificationMade') === true) return [];
  return [
    {
      code: 'notification_not_confirmed',
      path: 'supplementary.notificationMade',
      message: {
        en: 'Check whether the provider’s Party requires simultaneous notification of Art. 7 orders (Protocol Art. 7(5)); if it does, notify it and say so in item 7(4)(g).',
        fr: 'Vérifiez si la Partie du fournisseur exige la notification simultanée des injonctions de l’art. 7 (art. 7(5) du Protocole) ; le cas échéant, notifiez-la et indiquez-le à la rubrique 7(4)(g).',
      },
    },
  ];
}

/** The earlier preservation of a follow-up, as Art. 7(4)(e) wants it. */
export function describeEarlierPreservation(parent: PrefillContext['parent']): string | undefined {
  if (!parent || !['preservation_247', 'preservation_provider', 'epoc_pr'].includes(parent.type)) return undefined;
  return parent.sentAt ? `${parent.reference} (${parent.sentAt.slice(0, 10)})` : parent.reference;
}

/** Direct order to a provider for subscriber information (Protocol Art. 7). */
export const p2SubscriberOrder = defineRequestType({
  type: 'p2_subscriber_order',
  title: { en: 'Order for the disclosure of subscriber information', fr: 'Injonction de divulgation d’informations relatives aux abonnés' },
  form: 'CETS 224 Art. 7',
  subtitle: {
    en: 'Second Additional Protocol to the Convention on Cybercrime (CETS No. 224), Art. 7',
    fr: 'Deuxième Protocole additionnel à la Convention sur la cybercriminalité (STCE n° 224), art. 7',
  },
  legalBasis: {
    instrument: 'Second Additional Protocol (CETS 224)',
    articles: ['7'],
    citation: 'Second Additional Protocol to the Convention on Cybercrime (CETS No. 224), Art. 7 (disclosure of subscriber information)',
  },
  shape,
  entries,
  steps: [
    { id: 'order', title: { en: 'Order', fr: 'Injonction' }, entries: ['7(3)(a)', '7(3)(b)', '7(3)(c)'] },
    { id: 'offence', title: { en: 'Offence and information sought', fr: 'Infraction et informations demandées' }, entries: ['7(3)(d)', '7(3)(e)', '7(3)(f)'] },
    { id: 'supplementary', title: { en: 'Supplementary information', fr: 'Informations complémentaires' }, entries: ['7(4)(a)', '7(4)(b)', '7(4)(c)', '7(4)(d)', '7(4)(e)', '7(4)(f)', '7(4)(g)', '7(4)(h)'] },
  ],
  periodPath: 'data.period',
  warnings,
  prefill(ctx) {
    const carried = ctx.parent ? readEarlierBody(ctx.parent.body) : {};
    const provider = ctx.counterpart?.kind === 'provider' ? ctx.counterpart : undefined;
    const preservation = describeEarlierPreservation(ctx.parent);
    return {
      date: ctx.date,
      reference: ctx.case.reference,
      issuingAuthority: requestingAuthorityFromContext(ctx),
      ...(provider ? { provider: { name: provider.name, country: provider.country, ...(provider.address ? { address: provider.address } : {}), ...(provider.email ? { email: provider.email } : {}) } } : {}),
      offence: { categories: ctx.case.offenceCategories, ...(carried.offence?.provisions ? { provisions: carried.offence.provisions } : {}) },
      data: { subscriberInfo: ['service' as const, 'identity' as const, 'address' as const], ...(carried.data?.period ? { period: carried.data.period } : {}) },
      identifiers: identifiersFor(ctx, carried),
      supplementary: {
        returnContact: { name: ctx.requestingAuthority.organisation, ...(ctx.requestingAuthority.email ? { email: ctx.requestingAuthority.email } : {}) },
        ...(preservation ? { preservation } : {}),
      },
    };
  },
});
