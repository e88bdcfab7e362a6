/**
 * The common defects check() warns about: an identifier with a time but no zone, an IP address
 * without a time, no link between data and offence, no statement that legal process will follow,
 * an emergency without facts, traffic or content data in an EPOC without notifying the enforcing
 * State, no data period, and the type-specific reminders.
 */
import { describe, expect, it } from 'vitest';
import type { RequestTypeDefinition } from './definition.ts';
import { REQUEST_DEFINITIONS } from './index.ts';
import { COMPLETE_BODIES } from './test-fixtures.ts';
import type { RequestType } from './types.ts';

function codes(definition: RequestTypeDefinition, body: unknown): string[] {
  return definition.check(body).warnings.map((w) => w.code);
}

function changed(type: RequestType, change: (body: Record<string, unknown>) => void): unknown {
  const body = structuredClone(COMPLETE_BODIES[type]) as Record<string, unknown>;
  change(body);
  return body;
}

const get = (body: Record<string, unknown>, key: string) => body[key] as Record<string, unknown>;

describe('identifier warnings', () => {
  const withIdentifiers = (Object.keys(COMPLETE_BODIES) as RequestType[]).filter((type) => type !== 'p2_domain_registration');
  it.each(withIdentifiers)('%s: a time without a zone, an IP address without a time', (type) => {
    const definition = REQUEST_DEFINITIONS[type];
    const body = changed(type, (b) => {
      b.identifiers = [
        { kind: 'email', value: 'lune.bleue@example.com', observedAt: '2026-11-20T13:45:12Z' },
        { kind: 'ip', value: '2001:db8::1', timeZone: 'Europe/Paris' },
      ];
    });
    const warnings = definition.check(body).warnings;
    expect(warnings.map((w) => [w.code, w.path])).toEqual(
      expect.arrayContaining([
        ['identifier_time_without_zone', 'identifiers.0.timeZone'],
        ['ip_without_time', 'identifiers.1.observedAt'],
      ]),
    );
    expect(warnings.find((w) => w.code === 'ip_without_time')?.message.fr).toContain('2001:db8::1');
    // Warnings do not make the request incomplete.
    expect(definition.check(body).ok).toBe(true);
  });
});

describe('relation between data and offence', () => {
  it.each([
    ['preservation_247', 'data'],
    ['preservation_provider', 'data'],
    ['mla_subscriber', 'data'],
    ['voluntary_disclosure', 'data'],
    ['p2_order_given_effect', 'data'],
    ['emergency_disclosure', 'emergency'],
  ] as [RequestType, string][])('%s warns when the relation is too short or absent', (type, key) => {
    const definition = REQUEST_DEFINITIONS[type];
    const field = key === 'emergency' ? 'relation' : 'relationToOffence';
    expect(codes(definition, changed(type, (b) => (get(b, key)[field] = 'Linked.')))).toContain('relation_too_short');
    if (type === 'preservation_provider') expect(codes(definition, changed(type, (b) => delete get(b, key)[field]))).toContain('relation_too_short');
  });
});

describe('statement that legal process will follow', () => {
  it('preservation_247: missing item 12(f) and a warning', () => {
    const definition = REQUEST_DEFINITIONS.preservation_247;
    const body = changed('preservation_247', (b) => delete b.mlaToFollow);
    expect(codes(definition, body)).toContain('mla_statement_missing');
    expect(definition.check(body).missing[0]?.message.en).toBe(
      "Item 12(f) 'Statement that a request for mutual assistance will follow' is required by Budapest Art. 29(2)(f)",
    );
  });

  it('preservation_provider: a warning only', () => {
    const definition = REQUEST_DEFINITIONS.preservation_provider;
    const body = changed('preservation_provider', (b) => delete b.followUp);
    expect(codes(definition, body)).toEqual(['mla_statement_missing']);
    expect(definition.check(body).ok).toBe(true);
  });
});

describe('emergencies', () => {
  it('emergency_disclosure: thin facts', () => {
    const definition = REQUEST_DEFINITIONS.emergency_disclosure;
    const warnings = definition.check(changed('emergency_disclosure', (b) => (get(b, 'emergency').facts = 'Urgent.'))).warnings;
    expect(warnings.map((w) => w.code)).toEqual(['emergency_without_facts']);
    expect(warnings[0]?.message.en).toContain('imminent risk to the life or safety');
  });

  it('emergency_disclosure: no facts at all is a missing item, with its own field', () => {
    const definition = REQUEST_DEFINITIONS.emergency_disclosure;
    const result = definition.check(changed('emergency_disclosure', (b) => delete get(b, 'emergency').facts));
    expect(result.missing.map((m) => m.path)).toEqual(['emergency.facts']);
    expect(result.warnings.map((w) => w.code)).toContain('emergency_without_facts');
  });

  it('mla_subscriber: emergency urgency without facts', () => {
    const definition = REQUEST_DEFINITIONS.mla_subscriber;
    expect(codes(definition, changed('mla_subscriber', (b) => (b.urgency = { level: 'emergency', emergencyFacts: 'Urgent.' })))).toContain('emergency_without_facts');
  });

  it('epoc: emergency flag without facts', () => {
    const definition = REQUEST_DEFINITIONS.epoc;
    expect(codes(definition, changed('epoc', (b) => (b.emergency = { isEmergency: true })))).toContain('emergency_without_facts');
  });
});

describe('EPOC notification of the enforcing State (Reg. 2023/1543 Art. 8)', () => {
  const definition = REQUEST_DEFINITIONS.epoc;
  it('warns for traffic or content data without notification', () => {
    expect(codes(definition, changed('epoc', (b) => delete b.notification))).toEqual(['enforcing_state_notification_missing']);
    expect(codes(definition, changed('epoc', (b) => ((get(b, 'data').categories = ['content']), delete b.notification)))).toEqual(['enforcing_state_notification_missing']);
  });

  it('does not warn for subscriber or identification data only', () => {
    expect(codes(definition, changed('epoc', (b) => ((get(b, 'data').categories = ['subscriber', 'identification']), delete b.notification)))).toEqual([]);
  });

  it('does not warn when both exemptions of Art. 8(2) apply, and warns when only one does', () => {
    expect(codes(definition, changed('epoc', (b) => (b.notification = { offenceInIssuingState: true, personResidesInIssuingState: true })))).toEqual([]);
    expect(codes(definition, changed('epoc', (b) => (b.notification = { offenceInIssuingState: true })))).toEqual(['enforcing_state_notification_missing']);
  });

  it('warns when traffic or content data are sought without the Art. 5(4) threshold shown', () => {
    expect(codes(definition, changed('epoc', (b) => (b.offence = { categories: ['csam_possession'], provisions: 'Code pénal', maxPenaltyYears: 2 })))).toEqual(['sensitive_data_threshold_unclear']);
    expect(codes(definition, changed('epoc', (b) => (b.offence = { categories: ['csam_possession'], provisions: 'Code pénal', maxPenaltyYears: 2, byInformationSystem: true })))).toEqual([]);
  });

  it('reminds of ex-post validation for an emergency order issued without it', () => {
    const body = changed('epoc', (b) => {
      get(b, 'issuingAuthority').role = 'other';
      b.emergency = { isEmergency: true, facts: 'The suspect announced he will abuse the child again tonight; the child lives with him.' };
    });
    expect(codes(definition, body)).toEqual(['ex_post_validation']);
    expect(definition.check(body).ok).toBe(true);
  });
});

describe('other reminders', () => {
  it('data period missing', () => {
    for (const type of ['preservation_247', 'mla_subscriber', 'epoc', 'epoc_pr', 'voluntary_disclosure'] as RequestType[]) {
      expect(codes(REQUEST_DEFINITIONS[type], changed(type, (b) => delete get(b, 'data').period)), type).toEqual(['data_period_missing']);
    }
  });

  it('direct judicial channel: copy to the central authority (Budapest Art. 27(9)(a))', () => {
    expect(codes(REQUEST_DEFINITIONS.mla_subscriber, changed('mla_subscriber', (b) => (b.channel = 'direct_judicial')))).toEqual(['copy_to_central_authority']);
    expect(codes(REQUEST_DEFINITIONS.mla_subscriber, changed('mla_subscriber', (b) => (b.channel = 'expedited_means')))).toEqual(['formal_confirmation']);
  });

  it('Art. 30 disclosure without traffic data; no way to call back', () => {
    const definition = REQUEST_DEFINITIONS.preservation_247;
    expect(codes(definition, changed('preservation_247', (b) => ((b.partialDisclosure = { requested: true, details: 'The upload of 20 November 13:45 UTC' }), (get(b, 'data').categories = ['subscriber']))))).toEqual([
      'partial_disclosure_without_traffic',
    ]);
    expect(
      codes(
        definition,
        changed('preservation_247', (b) => {
          for (const key of ['phone', 'mobile', 'email']) {
            delete get(b, 'requestingAuthority')[key];
            delete get(b, 'confirmationContact')[key];
          }
        }),
      ),
    ).toEqual(['contact_unreachable']);
  });

  it('§2703(f) period and Art. 7(5) notification', () => {
    expect(codes(REQUEST_DEFINITIONS.preservation_provider, changed('preservation_provider', (b) => (b.preservationDays = 180)))).toEqual(['preservation_period_exceeds_2703f']);
    expect(codes(REQUEST_DEFINITIONS.p2_subscriber_order, changed('p2_subscriber_order', (b) => delete get(b, 'supplementary').notificationMade))).toEqual(['notification_not_confirmed']);
  });
});
