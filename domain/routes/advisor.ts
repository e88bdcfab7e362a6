/**
 * The route advisor: for a (from, target, data, purpose, emergency, date) it ranks every legal
 * route that is open and says, for every other route, why not. Pure: treaty facts come in as
 * data, the date is an input, nothing is read from the clock. Sources: ../shared/DOMAIN.md.
 */
import type { TreatyFacts } from '../countries/treaties.ts';
import {
  routeQuerySchema,
  type AvailableRoute,
  type ParsedRouteQuery,
  type RouteAdvice,
  type RouteQuery,
  type UnavailableRoute,
} from './types.ts';

/** Collects the facts for and against one route. */
class Check {
  readonly reasons: string[] = [];
  readonly blockers: string[] = [];
  need(ok: boolean, because: string, otherwise: string): this {
    const list = ok ? this.reasons : this.blockers;
    const text = ok ? because : otherwise;
    if (!list.includes(text)) list.push(text);
    return this;
  }
  binding(b: { bound: boolean; reason: string }): this {
    return this.need(b.bound, b.reason, b.reason);
  }
  get ok(): boolean {
    return this.blockers.length === 0;
  }
}

interface Context {
  q: ParsedRouteQuery;
  facts: TreatyFacts;
  /** The State whose authorities or territory hold the data: the provider's country if known. */
  held: string;
  emergency: boolean;
  crossBorder: boolean;
}

type Offer = Omit<AvailableRoute, 'id' | 'title' | 'reasons' | 'rank'> & { rank: number };

interface RouteDefinition {
  id: string;
  title: string;
  evaluate(ctx: Context, check: Check): Offer | null;
}

const NON_CONTENT = new Set(['subscriber', 'traffic', 'domain_registration']);

function bothBound(ctx: Context, check: Check, instrument: Parameters<TreatyFacts['bound']>[1]) {
  check.binding(ctx.facts.bound(ctx.q.from, instrument, ctx.q.date));
  check.binding(ctx.facts.bound(ctx.held, instrument, ctx.q.date));
}

function crossBorder(ctx: Context, check: Check) {
  check.need(ctx.crossBorder, `the data are held in ${ctx.held}, another State`, `the data are held in ${ctx.q.from} itself: use a domestic order`);
}


/** Every route the advisor knows, in no particular order (ranking is per answer). */
export const ROUTES: RouteDefinition[] = [
  {
    id: 'domestic-order',
    title: 'Domestic order under national law',
    evaluate(ctx, check) {
      check.need(!ctx.crossBorder, `requesting State and the State holding the data are both ${ctx.held}`, 'the data are held abroad');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'National law', articles: ['Budapest Art. 16–18 (domestic measures)'], citation: 'National procedural law implementing Budapest Convention Arts. 16–18' },
        channel: 'Domestic production or preservation order',
        addressee: { kind: 'domestic_authority', country: ctx.held, ...(ctx.q.target.provider ? { providerId: ctx.q.target.provider.id } : {}) },
        form: 'National order',
        timeLimit: { text: 'As national law provides (expedited preservation up to 90 days, Art. 16(2))', days: ctx.q.purpose === 'preserve' ? 90 : undefined },
        prerequisites: ['Judicial or prosecutorial authorisation as national law requires'],
        rank: 1,
      } as Offer;
    },
  },
  {
    id: 'budapest-29-preservation',
    title: 'Expedited preservation through the 24/7 network (Budapest Art. 29, 35)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'preserve', 'the purpose is to preserve data', 'Art. 29 preserves data; it does not disclose them (use Art. 30/31)');
      bothBound(ctx, check, 'budapest');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Budapest Convention (ETS 185)', articles: ['29', '35'], citation: 'Art. 29 expedited preservation of stored computer data; Art. 35 24/7 network' },
        channel: '24/7 point of contact of the requested Party',
        addressee: { kind: 'contact_point_24_7', country: ctx.held },
        form: 'T-CY(2018)11 preservation request',
        timeLimit: { text: 'Preserved for at least 60 days; continues once the MLA request is received until it is decided (Art. 29(7))', days: 60 },
        prerequisites: [
          'State the items of Art. 29(2): authority, offence and facts, data and their link to the offence, custodian or location, necessity, and that an MLA request will follow',
          'Send the MLA request (Art. 31) before the 60 days run out',
          'No dual criminality required for preservation (Art. 29(3))',
        ],
        rank: 20,
      };
    },
  },
  {
    id: 'budapest-30-partial-disclosure',
    title: 'Expedited disclosure of preserved traffic data (Budapest Art. 30)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain' && ctx.q.data === 'traffic', 'traffic data are sought', 'Art. 30 covers only traffic data showing the path of a communication');
      bothBound(ctx, check, 'budapest');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Budapest Convention (ETS 185)', articles: ['30', '35'], citation: 'Art. 30 expedited disclosure of preserved traffic data to identify other providers and the path' },
        channel: '24/7 point of contact of the requested Party',
        addressee: { kind: 'contact_point_24_7', country: ctx.held },
        form: 'Request for partial disclosure (with the Art. 29 preservation reference)',
        timeLimit: { text: 'Expedited; no fixed term' },
        prerequisites: ['Data preserved under Art. 29 first', 'Only enough traffic data to identify other providers and the path'],
        rank: 25,
      };
    },
  },
  {
    id: 'p2-art7-direct-subscriber',
    title: 'Direct order to the provider for subscriber information (Second Protocol Art. 7)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain' && ctx.q.data === 'subscriber', 'subscriber information is sought', 'Art. 7 covers subscriber information only');
      check.need(!!ctx.q.target.provider, 'a provider is named', 'Art. 7 is addressed to a named service provider');
      bothBound(ctx, check, 'budapest-p2');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Second Additional Protocol (CETS 224)', articles: ['7'], citation: 'Art. 7 disclosure of subscriber information directly by a provider in another Party' },
        channel: 'Order sent directly to the provider',
        addressee: { kind: 'provider', country: ctx.held, providerId: ctx.q.target.provider!.id },
        form: 'Art. 7 order with supplementary information',
        timeLimit: { text: '30 days or the stated time frame, whichever is longer; then Art. 8 or MLA', days: 30 },
        prerequisites: ['Issued under the Protocol and relevant to a specific investigation', 'Notify the provider’s Party where it requires (Art. 7(5))'],
        rank: 12,
      };
    },
  },
  {
    id: 'p2-art8-giving-effect',
    title: 'Order given effect by the provider’s Party (Second Protocol Art. 8)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain' && (ctx.q.data === 'subscriber' || ctx.q.data === 'traffic'), `${ctx.q.data} data are sought`, 'Art. 8 covers subscriber information and traffic data only');
      bothBound(ctx, check, 'budapest-p2');
      if (!check.ok) return null;
      const days = ctx.q.data === 'subscriber' ? 20 : 45;
      return {
        legalBasis: { instrument: 'Second Additional Protocol (CETS 224)', articles: ['8'], citation: 'Art. 8 giving effect to orders from another Party for expedited production' },
        channel: 'Order transmitted to the authority designated by the provider’s Party',
        addressee: { kind: 'central_authority', country: ctx.held },
        form: 'Art. 8 order with supporting information',
        timeLimit: { text: `Served on the provider within 45 days; ${ctx.q.data === 'subscriber' ? 'subscriber information within 20 days' : 'traffic data within 45 days'}`, days: 45 + days },
        prerequisites: ['Supporting information: legal grounds, offence, facts'],
        rank: 30,
      };
    },
  },
  {
    id: 'p2-art6-domain',
    title: 'Direct request to the registrar for domain registration data (Second Protocol Art. 6)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain' && ctx.q.data === 'domain_registration', 'domain name registration data are sought', 'Art. 6 covers domain name registration data only');
      bothBound(ctx, check, 'budapest-p2');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Second Additional Protocol (CETS 224)', articles: ['6'], citation: 'Art. 6 request for domain name registration information' },
        channel: 'Request sent directly to the registrar',
        addressee: { kind: 'registrar', country: ctx.held, ...(ctx.q.target.provider ? { providerId: ctx.q.target.provider.id } : {}) },
        form: 'Art. 6 request',
        timeLimit: { text: 'Time frame set by the requesting authority' },
        prerequisites: ['State that the request is issued under the Protocol and relevant to a specific investigation'],
        rank: 10,
      };
    },
  },
  {
    id: 'p2-art9-emergency-disclosure',
    title: 'Emergency disclosure through the 24/7 network (Second Protocol Art. 9)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.emergency, 'an emergency (imminent risk to life or safety) is stated', 'only for an emergency: a significant and imminent risk to the life or safety of a person (Art. 3)');
      check.need(ctx.q.purpose === 'obtain', 'disclosure is sought', 'Art. 9 discloses data; to preserve, use Art. 29');
      bothBound(ctx, check, 'budapest-p2');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Second Additional Protocol (CETS 224)', articles: ['3', '9'], citation: 'Art. 9 expedited disclosure of stored computer data in an emergency' },
        channel: '24/7 point of contact of the requested Party (orally possible, confirmed electronically)',
        addressee: { kind: 'contact_point_24_7', country: ctx.held },
        form: 'Emergency disclosure request',
        timeLimit: { text: 'Hours: as fast as the emergency requires' },
        prerequisites: ['Describe the facts that show the emergency'],
        rank: 3,
      };
    },
  },
  {
    id: 'p2-art10-emergency-mla',
    title: 'Emergency mutual assistance (Second Protocol Art. 10)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.emergency, 'an emergency is stated', 'only for an emergency (Art. 3)');
      check.need(ctx.q.purpose === 'obtain', 'disclosure is sought', 'to preserve, use Art. 29');
      bothBound(ctx, check, 'budapest-p2');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Second Additional Protocol (CETS 224)', articles: ['10'], citation: 'Art. 10 emergency mutual assistance' },
        channel: 'Central authority, rapidly expedited (electronic transmission accepted)',
        addressee: { kind: 'central_authority', country: ctx.held },
        form: 'Emergency MLA request',
        timeLimit: { text: 'Rapidly expedited' },
        prerequisites: ['Describe the facts that show the emergency'],
        rank: 6,
      };
    },
  },
  {
    id: 'eu-epoc-pr',
    title: 'European Preservation Order (EPOC-PR, Regulation (EU) 2023/1543)',
    evaluate(ctx, check) {
      return evaluateEu(ctx, check, 'preserve');
    },
  },
  {
    id: 'eu-epoc',
    title: 'European Production Order (EPOC, Regulation (EU) 2023/1543)',
    evaluate(ctx, check) {
      return evaluateEu(ctx, check, 'obtain');
    },
  },
  {
    id: 'eu-eio',
    title: 'European Investigation Order (Directive 2014/41/EU)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain', 'evidence is to be obtained', 'to preserve, use an EPOC-PR or Art. 29');
      bothBound(ctx, check, 'eio');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Directive 2014/41/EU', articles: ['Annex A'], citation: 'European Investigation Order in criminal matters' },
        channel: 'Executing judicial authority of the other Member State',
        addressee: { kind: 'judicial_authority', country: ctx.held },
        form: 'EIO (Annex A)',
        timeLimit: { text: 'Recognition within 30 days, execution within 90 days [check against Art. 12]', days: 120 },
        prerequisites: ['Issued or validated by a judge, court, investigating judge or public prosecutor'],
        rank: 35,
      };
    },
  },
  {
    id: 'budapest-31-mla',
    title: 'Mutual legal assistance for stored data (Budapest Art. 31)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain', 'data are to be obtained', 'to preserve, use Art. 29 first; the MLA request follows');
      bothBound(ctx, check, 'budapest');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Budapest Convention (ETS 185)', articles: ['25', '27', '31'], citation: 'Art. 31 mutual assistance regarding accessing of stored computer data; Art. 27 where no treaty applies' },
        channel: 'Central authority of the requested Party',
        addressee: { kind: 'central_authority', country: ctx.held },
        form: ctx.q.data === 'subscriber' ? 'T-CY(2018)10 MLA request for subscriber information' : 'MLA request (Art. 31)',
        timeLimit: { text: 'No fixed term; expedited where data are vulnerable to loss (Art. 31(3)): track the response time' },
        prerequisites: ['Dual criminality may be required for coercive measures', 'Refusal grounds of Art. 27(4)/Art. 25(4) may apply'],
        rank: 40,
      };
    },
  },
  {
    id: 'budapest-25-3-expedited',
    title: 'Urgent request by expedited means (Budapest Art. 25(3))',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.emergency, 'the matter is urgent', 'for urgent circumstances only');
      check.need(ctx.q.purpose === 'obtain', 'data are to be obtained', 'to preserve, use Art. 29');
      bothBound(ctx, check, 'budapest');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Budapest Convention (ETS 185)', articles: ['25(3)'], citation: 'Art. 25(3) expedited means of communication (fax, e-mail) with security and authentication' },
        channel: 'Central authority by e-mail or fax, formal confirmation to follow if required',
        addressee: { kind: 'central_authority', country: ctx.held },
        form: 'MLA request sent by expedited means',
        timeLimit: { text: 'Expedited; no fixed term' },
        prerequisites: ['Appropriate security and authentication (encryption)', 'Formal confirmation afterwards where the requested Party requires it'],
        rank: 8,
      };
    },
  },
  {
    id: 'budapest-27-9-direct-judicial',
    title: 'Urgent direct judicial channel (Budapest Art. 27(9))',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.emergency, 'the matter is urgent', 'for urgent cases only');
      check.need(ctx.q.purpose === 'obtain', 'data are to be obtained', 'to preserve, use Art. 29');
      bothBound(ctx, check, 'budapest');
      if (!check.ok) return null;
      const interpol = ctx.facts.bound(ctx.q.from, 'interpol', ctx.q.date).bound && ctx.facts.bound(ctx.held, 'interpol', ctx.q.date).bound;
      return {
        legalBasis: { instrument: 'Budapest Convention (ETS 185)', articles: ['27(9)'], citation: 'Art. 27(9) urgent requests directly between judicial authorities, copy to the central authority' },
        channel: interpol ? 'Judicial authority to judicial authority, or through Interpol' : 'Judicial authority to judicial authority',
        addressee: { kind: 'judicial_authority', country: ctx.held },
        form: 'Urgent MLA request',
        timeLimit: { text: 'Urgent; no fixed term' },
        prerequisites: ['Send a copy to the central authority of both Parties', 'Applies where no MLA treaty governs (Art. 27(1)); check the Party’s Art. 27(9)(e) declaration'],
        rank: 9,
      };
    },
  },
  {
    id: 'provider-preservation',
    title: 'Preservation request directly to the provider',
    evaluate(ctx, check) {
      const p = ctx.q.target.provider;
      check.need(ctx.q.purpose === 'preserve', 'the purpose is to preserve data', 'providers preserve on request; disclosure needs another route');
      check.need(!!p, 'a provider is named', 'name the provider');
      if (p) check.need(p.acceptsDirectPreservation, `${p.name} accepts preservation requests from foreign authorities`, `${p.name} does not accept direct preservation requests`);
      if (!check.ok || !p) return null;
      const days = p.preservationDays ?? null;
      return {
        legalBasis: { instrument: p.country === 'US' ? '18 U.S.C. §2703(f) / provider policy' : 'Provider policy (Budapest Art. 16 in the provider’s State)', articles: p.country === 'US' ? ['18 U.S.C. §2703(f)'] : [], citation: 'Voluntary preservation at the request of a foreign authority' },
        channel: 'Provider’s law-enforcement portal or address',
        addressee: { kind: 'provider', country: p.country, providerId: p.id },
        form: 'Preservation request to a provider',
        timeLimit: { text: days ? `Preserved ${days} days${p.country === 'US' ? ', renewable once for 90 more' : ''}` : 'As the provider’s policy says', ...(days ? { days } : {}) },
        prerequisites: ['Follow with a disclosure route before the period ends'],
        rank: 15,
      };
    },
  },
  {
    id: 'provider-voluntary-disclosure',
    title: 'Voluntary disclosure by the provider (direct request)',
    evaluate(ctx, check) {
      const p = ctx.q.target.provider;
      check.need(ctx.q.purpose === 'obtain', 'data are to be obtained', 'to preserve, ask the provider for preservation');
      check.need(!!p, 'a provider is named', 'name the provider');
      check.need(NON_CONTENT.has(ctx.q.data), 'non-content data are sought', 'content data needs MLA (or an EPOC/Protocol route): providers do not disclose content voluntarily (e.g. 18 U.S.C. §2702)');
      if (p) check.need(p.disclosesNonContentVoluntarily, `${p.name} answers direct requests for non-content data`, `${p.name} does not disclose on direct requests`);
      if (!check.ok || !p) return null;
      return {
        legalBasis: { instrument: p.country === 'US' ? '18 U.S.C. §2702(c)(6) / provider policy' : 'Provider policy', articles: [], citation: 'Voluntary disclosure of non-content data to a foreign authority' },
        channel: 'Provider’s law-enforcement portal or address',
        addressee: { kind: 'provider', country: p.country, providerId: p.id },
        form: 'Direct request to a provider',
        timeLimit: { text: 'Typically days to weeks; not binding' },
        prerequisites: ['The provider decides; it may notify the user (check its notification policy)'],
        rank: 14,
      };
    },
  },
  {
    id: 'provider-emergency-disclosure',
    title: 'Emergency disclosure by the provider (its emergency procedure)',
    evaluate(ctx, check) {
      const p = ctx.q.target.provider;
      check.need(ctx.emergency, 'an emergency is stated', 'only for an imminent risk to life or safety');
      check.need(ctx.q.purpose === 'obtain', 'disclosure is sought', 'to preserve, ask for preservation');
      check.need(!!p, 'a provider is named', 'name the provider');
      if (p) check.need(p.hasEmergencyProcedure, `${p.name} has an emergency disclosure procedure`, `${p.name} has no emergency procedure on record`);
      if (!check.ok || !p) return null;
      return {
        legalBasis: { instrument: p.country === 'US' ? '18 U.S.C. §2702(b)(8), (c)(4)' : 'Provider emergency policy', articles: [], citation: 'Emergency disclosure where danger of death or serious physical injury requires it' },
        channel: 'Provider’s emergency contact',
        addressee: { kind: 'provider', country: p.country, providerId: p.id },
        form: 'Emergency disclosure request',
        timeLimit: { text: 'Hours: track the response against the provider’s stated SLA' },
        prerequisites: ['Describe the facts that show the emergency'],
        rank: 2,
      };
    },
  },
  {
    id: 'eurojust-coordination',
    title: 'Coordination through Eurojust',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      bothBound(ctx, check, 'eurojust');
      const multi = ctx.q.otherCountries.filter((c) => c !== ctx.q.from && c !== ctx.held).length > 0;
      const euFrom = ctx.facts.bound(ctx.q.from, 'eu', ctx.q.date).bound;
      check.need(multi || euFrom, multi ? 'several States are involved' : `${ctx.q.from} is an EU Member State`, 'Eurojust assists cases involving at least one Member State');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Regulation (EU) 2018/1727 (Eurojust)', articles: [], citation: 'Eurojust coordination of judicial cooperation; liaison prosecutors for third States' },
        channel: 'National desk at Eurojust (or liaison prosecutor)',
        addressee: { kind: 'eurojust_national_desk', country: ctx.q.from },
        form: 'Request for assistance / coordination meeting',
        timeLimit: { text: 'Supports the other routes; does not replace them' },
        prerequisites: ['Use alongside a legal basis above; useful to speed up execution or coordinate several States'],
        rank: multi ? 45 : 60,
      };
    },
  },
  {
    id: 'joint-investigation-team',
    title: 'Joint Investigation Team',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      const others = ctx.q.otherCountries.filter((c) => c !== ctx.q.from && c !== ctx.held);
      check.need(others.length > 0, `the case also involves ${others.join(', ')}`, 'suggested when a case involves several States (name the other States)');
      const eu = ctx.facts.bound(ctx.q.from, 'eu', ctx.q.date).bound && ctx.facts.bound(ctx.held, 'eu', ctx.q.date).bound;
      const p2 = ctx.facts.bound(ctx.q.from, 'budapest-p2', ctx.q.date).bound && ctx.facts.bound(ctx.held, 'budapest-p2', ctx.q.date).bound;
      check.need(eu || p2, eu ? 'both States are EU Member States (JIT model agreement)' : 'both States are bound by the Second Protocol (Art. 12)', 'no JIT framework binds both States on that date (EU, or Second Protocol Art. 12)');
      if (!check.ok) return null;
      return {
        legalBasis: eu
          ? { instrument: 'Council Framework Decision 2002/465/JHA; JIT model agreement (2017/C 18/01)', articles: [], citation: 'Joint investigation teams between Member States' }
          : { instrument: 'Second Additional Protocol (CETS 224)', articles: ['12'], citation: 'Art. 12 joint investigation teams and joint investigations' },
        channel: 'Agreement between the competent authorities (Eurojust can assist and fund)',
        addressee: { kind: 'judicial_authority', country: ctx.held },
        form: 'JIT agreement (EU model)',
        timeLimit: { text: 'Period set in the agreement; extensions by appendix' },
        prerequisites: ['Agreement on purpose, period, members and evidence handling'],
        rank: 50,
      };
    },
  },
  {
    id: 'bilateral-mla',
    title: 'Bilateral MLA treaty or letters rogatory (fallback)',
    evaluate(ctx, check) {
      crossBorder(ctx, check);
      check.need(ctx.q.purpose === 'obtain', 'data are to be obtained', 'letters rogatory are too slow to preserve data: ask for preservation by another route');
      if (!check.ok) return null;
      return {
        legalBasis: { instrument: 'Bilateral MLA treaty, or comity (letters rogatory)', articles: [], citation: 'General mutual legal assistance outside the multilateral instruments' },
        channel: 'Central authority (treaty) or diplomatic channel (letters rogatory)',
        addressee: { kind: 'central_authority', country: ctx.held },
        form: 'MLA request / letter rogatory',
        timeLimit: { text: 'Months; the slowest route' },
        prerequisites: ['Check whether a bilateral treaty applies; dual criminality usually required'],
        rank: 90,
      };
    },
  },
];

function evaluateEu(ctx: Context, check: Check, purpose: 'preserve' | 'obtain'): Offer | null {
  const p = ctx.q.target.provider;
  const establishment = p?.euEstablishment ?? null;
  check.need(ctx.q.purpose === purpose, purpose === 'preserve' ? 'the purpose is to preserve data' : 'data are to be obtained', purpose === 'preserve' ? 'an EPOC-PR preserves; to obtain, use an EPOC' : 'an EPOC obtains; to preserve, use an EPOC-PR');
  check.need(!!p, 'a provider is named', 'orders under Regulation 2023/1543 go to a service provider: name it');
  check.need(!!establishment, `the provider’s designated establishment or legal representative is in ${establishment}`, 'the provider has no designated establishment or legal representative in the EU on record');
  check.binding(ctx.facts.bound(ctx.q.from, 'e-evidence', ctx.q.date));
  if (establishment) {
    check.binding(ctx.facts.bound(establishment, 'e-evidence', ctx.q.date));
    check.need(establishment !== ctx.q.from, `the establishment is in another Member State (${establishment})`, `the establishment is in ${ctx.q.from} itself: use a domestic order`);
  }
  if (!check.ok || !p || !establishment) return null;
  const authority = ctx.q.data === 'subscriber' || ctx.q.data === 'domain_registration'
    ? 'Issued or validated by a judge, court, investigating judge or public prosecutor (Art. 4(1))'
    : 'Issued or validated by a judge, court or investigating judge (Art. 4(2)); offence punishable by ≥ 3 years or under Arts. 3–7 of Directive 2011/93/EU (Art. 5(4))';
  const prerequisites = [authority];
  if (purpose === 'obtain' && (ctx.q.data === 'traffic' || ctx.q.data === 'content'))
    prerequisites.push('Notify the enforcing State (Art. 8) unless the offence was committed, and the person lives, in the issuing State');
  if (ctx.emergency) prerequisites.push('Emergency: an order issued without prior validation must be validated within 48 hours');
  return purpose === 'preserve'
    ? {
        legalBasis: { instrument: 'Regulation (EU) 2023/1543', articles: ['6', 'Annex II'], citation: 'European Preservation Order Certificate (EPOC-PR)' },
        channel: 'Decentralised IT system (e-CODEX) to the provider’s designated establishment',
        addressee: { kind: 'provider', country: establishment, providerId: p.id },
        form: 'EPOC-PR (Annex II)',
        timeLimit: { text: '60 days, extendable by 30 (Annex VI); continues until production once a production request is confirmed (Annex V)', days: 60 },
        prerequisites,
        rank: 5,
      }
    : {
        legalBasis: { instrument: 'Regulation (EU) 2023/1543', articles: ['5', '10', 'Annex I'], citation: 'European Production Order Certificate (EPOC)' },
        channel: 'Decentralised IT system (e-CODEX) to the provider’s designated establishment',
        addressee: { kind: 'provider', country: establishment, providerId: p.id },
        form: 'EPOC (Annex I)',
        timeLimit: ctx.emergency ? { text: 'Emergency: within 8 hours (Art. 10(4))', hours: 8 } : { text: 'Within 10 days (Art. 10(2))', days: 10 },
        prerequisites,
        rank: ctx.emergency ? 1 : 10,
      };
}

/** Ranks the open routes and explains the closed ones. Throws a ZodError on a malformed query. */
export function adviseRoutes(query: RouteQuery, facts: TreatyFacts): RouteAdvice {
  const q = routeQuerySchema.parse(query);
  const held = q.target.provider?.country ?? q.target.country;
  const ctx: Context = { q, facts, held, emergency: !!q.emergency, crossBorder: held !== q.from };
  const routes: AvailableRoute[] = [];
  const unavailable: UnavailableRoute[] = [];
  for (const def of ROUTES) {
    const check = new Check();
    const offer = def.evaluate(ctx, check);
    if (offer && check.ok) routes.push({ id: def.id, title: def.title, reasons: check.reasons, ...offer });
    else unavailable.push({ id: def.id, title: def.title, reasons: check.blockers });
  }
  routes.sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  return { query: q, routes, unavailable };
}
