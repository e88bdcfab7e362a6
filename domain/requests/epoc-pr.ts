/**
 * European Preservation Order Certificate (EPOC-PR), Regulation (EU) 2023/1543 Annex II: the
 * provider preserves the data for 60 days, extendable by 30 (Annex VI), and longer once a
 * subsequent request for production is confirmed (Annex V).
 *
 * Sources checked:
 * - Annex II preamble (stored copy on fantasticsearch.net, CELEX 32023R1543 annex_II): preserve
 *   "without undue delay"; preservation ceases after 60 days unless extended by 30 days or a
 *   subsequent request for production is confirmed; Section A "Issuing/validating authority" with
 *   details in later sections. // [unchecked] the letters and titles of the other sections were cut
 *   off; the layout below mirrors Annex I and must be checked against the Official Journal.
 * - Art. 4(3) (who may issue a European Preservation Order: judge, court, investigating judge,
 *   prosecutor, or another competent authority with validation) // [unchecked] taken from the
 *   structure of Art. 4(1) (fantasticsearch.net copy) and DOMAIN.md.
 * - Art. 6 (preservation in view of a subsequent request for production via MLA, a European
 *   Investigation Order or a European Production Order) // [unchecked] from memory.
 */
import { z } from 'zod';
import { readEarlierBody, identifiersFor, keepCategories, requestingAuthorityFromContext, optionalText } from './common.ts';
import { defineRequestType, getAt, type EntrySpec, type ItemCondition } from './definition.ts';
import {
  EU_DATA_CATEGORIES,
  dataFields,
  euShape,
  euWarnings,
  issuingDetailsEntry,
  offenceFields,
  renderData,
  renderOffence,
  sectionA,
  sectionB,
  validatingDetailsEntry,
  validationNeeded,
} from './epoc.ts';

const SUBSEQUENT_OPTIONS = {
  epoc: { en: 'European Production Order (Reg. 2023/1543)', fr: 'Injonction européenne de production (règlement (UE) 2023/1543)' },
  eio: { en: 'European Investigation Order (Directive 2014/41/EU)', fr: 'Décision d’enquête européenne (directive 2014/41/UE)' },
  mla: { en: 'Request for mutual legal assistance', fr: 'Demande d’entraide judiciaire' },
} as const;

const shape = {
  ...euShape(),
  emergency: z.object({ isEmergency: z.boolean().optional() }).optional(),
  subsequentRequest: z.object({ kind: z.enum(['epoc', 'eio', 'mla']), note: optionalText() }),
};

/** A complete EPOC-PR. */
export type EpocPrBody = z.output<z.ZodObject<typeof shape>>;

const validationCondition: ItemCondition = {
  when: { en: 'when the issuing authority is not a judge, court, investigating judge or prosecutor', fr: 'lorsque l’autorité d’émission n’est ni un juge, ni une juridiction, ni un juge d’instruction, ni un procureur' },
  test: (body) => validationNeeded(body, false) && getAt(body, 'emergency.isEmergency') !== true,
};

const entries: EntrySpec[] = [
  sectionA('II', validationCondition),
  sectionB('II'),
  {
    // [unchecked] section letter and title
    number: 'C',
    label: { en: 'Section C: User and data to be preserved', fr: 'Section C : Utilisateur et données à conserver' },
    source: 'Reg. 2023/1543 Annex II Section C',
    fields: dataFields({ en: 'Say which categories of data are to be preserved.', fr: 'Indiquez les catégories de données à conserver.' }),
    render: renderData,
  },
  {
    // [unchecked] section letter and title
    number: 'D',
    label: { en: 'Section D: Criminal offence', fr: 'Section D : Infraction pénale' },
    source: 'Reg. 2023/1543 Annex II Section D',
    fields: offenceFields(),
    render: renderOffence,
  },
  {
    // [unchecked] section letter and title
    number: 'E',
    label: { en: 'Section E: Subsequent request for production', fr: 'Section E : Demande ultérieure de production' },
    source: 'Reg. 2023/1543 Art. 6',
    fields: [
      { path: 'subsequentRequest.kind', label: { en: 'Instrument', fr: 'Instrument' }, why: { en: 'Preservation is ordered in view of a subsequent request for production.', fr: 'La conservation est ordonnée en vue d’une demande ultérieure de production.' }, required: true, options: SUBSEQUENT_OPTIONS },
      { path: 'subsequentRequest.note', label: { en: 'Details', fr: 'Précisions' }, why: { en: 'Optional: when it will be sent.', fr: 'Facultatif : quand elle sera envoyée.' }, required: false },
      { path: 'emergency.isEmergency', label: { en: 'Emergency (validation may follow)', fr: 'Urgence (la validation peut suivre)' }, why: { en: 'In an emergency, an order may be issued before validation.', fr: 'En cas d’urgence, l’injonction peut être émise avant validation.' }, required: false, article: 'Reg. 2023/1543 Art. 4(5)' },
    ],
  },
  issuingDetailsEntry('F', 'II'),
  validatingDetailsEntry('G', 'II'),
];

/** European Preservation Order Certificate (Reg. 2023/1543 Annex II). */
export const epocPr = defineRequestType({
  type: 'epoc_pr',
  title: { en: 'European Preservation Order Certificate (EPOC-PR)', fr: 'Certificat d’injonction européenne de conservation (EPOC-PR)' },
  form: 'Reg. 2023/1543 Annex II',
  subtitle: {
    en: 'Regulation (EU) 2023/1543, Annex II — preservation of electronic evidence (60 days, extendable by 30)',
    fr: 'Règlement (UE) 2023/1543, annexe II — conservation de preuves électroniques (60 jours, prolongeables de 30)',
  },
  legalBasis: {
    instrument: 'Regulation (EU) 2023/1543',
    articles: ['4', '6', '11'],
    citation: 'Regulation (EU) 2023/1543 on European Production Orders and European Preservation Orders for electronic evidence, Arts. 4, 6 and 11 and Annex II',
  },
  shape,
  entries,
  steps: [
    { id: 'issuer', title: { en: 'Issuing authority and addressee', fr: 'Autorité d’émission et destinataire' }, entries: ['A', 'B'] },
    { id: 'data', title: { en: 'Data and offence', fr: 'Données et infraction' }, entries: ['C', 'D', 'E'] },
    { id: 'details', title: { en: 'Authorities’ details', fr: 'Coordonnées des autorités' }, entries: ['F', 'G'] },
  ],
  periodPath: 'data.period',
  warnings: (body) => euWarnings(body, false),
  prefill(ctx) {
    const carried = ctx.parent ? readEarlierBody(ctx.parent.body) : {};
    const provider = ctx.counterpart?.kind === 'provider' ? ctx.counterpart : undefined;
    return {
      reference: ctx.case.reference,
      date: ctx.date,
      issuingAuthority: { ...carried.issuingAuthority, ...requestingAuthorityFromContext(ctx) },
      ...(provider ? { addressee: { name: provider.name, kind: 'designated_establishment' as const, country: provider.country, ...(provider.address ? { address: provider.address } : {}) } } : {}),
      identifiers: identifiersFor(ctx, carried),
      data: { categories: keepCategories(carried.data?.categories, EU_DATA_CATEGORIES) },
      offence: { categories: ctx.case.offenceCategories, byInformationSystem: true },
      subsequentRequest: { kind: 'epoc' as const },
      ...(ctx.emergency ? { emergency: { isEmergency: true } } : {}),
    };
  },
});
