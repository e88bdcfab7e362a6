/**
 * The MLA request that follows a preservation: prefill carries the requesting authority, the
 * offence, the facts, the identifiers and the earlier preservation (T-CY(2018)10 item 10) over,
 * and marks the status "follow-up to preservation".
 */
import { describe, expect, it } from 'vitest';
import { mlaSubscriber } from './mla-subscriber.ts';
import { buildPrefillContext, MLA_SUBSCRIBER_BODY, PRESERVATION_247_BODY, PRESERVATION_PROVIDER_BODY } from './test-fixtures.ts';

const preservationParent = { type: 'preservation_247' as const, reference: 'REQ-0007', sentAt: '2026-11-21T10:05:00Z', body: PRESERVATION_247_BODY };

describe('mla_subscriber prefill', () => {
  it('follows up a preservation through the 24/7 network, carrying everything relevant', () => {
    const draft = mlaSubscriber.prefill(
      buildPrefillContext({
        identifiers: [],
        counterpart: { kind: 'central_authority', name: 'Ruritania Ministry of Justice, central authority (fictitious)', country: 'NL' },
        parent: preservationParent,
      }),
    );
    expect(draft.status).toEqual({ kind: 'follow_up_preservation' });
    expect(draft.previousPreservation).toEqual({
      reference: 'REQ-0007',
      date: '2026-11-21',
      requestingAuthority: PRESERVATION_247_BODY.requestingAuthority.organisation,
      respondingAuthority: PRESERVATION_247_BODY.requestedAuthority.name,
      channel: '24/7 network (Budapest Art. 35)',
    });
    expect(draft.previousMla).toBeUndefined();
    expect(draft.requestedAuthority).toEqual({ name: 'Ruritania Ministry of Justice, central authority (fictitious)', country: 'NL' });
    expect(draft.requestingAuthority).toMatchObject({
      organisation: PRESERVATION_247_BODY.requestingAuthority.organisation,
      person: PRESERVATION_247_BODY.requestingAuthority.person,
      timeZone: 'Europe/Paris',
      officeHours: PRESERVATION_247_BODY.requestingAuthority.officeHours,
    });
    expect(draft.confirmationContact).toEqual(PRESERVATION_247_BODY.confirmationContact);
    expect(draft.offence).toEqual({ categories: ['csam_distribution'], provisions: PRESERVATION_247_BODY.offence.provisions });
    expect(draft.facts).toBe(PRESERVATION_247_BODY.facts);
    expect(draft.identifiers).toEqual(PRESERVATION_247_BODY.identifiers);
    expect(draft.data?.relationToOffence).toBe(PRESERVATION_247_BODY.data.relationToOffence);
    expect(draft.data?.period).toEqual(PRESERVATION_247_BODY.data.period);
    expect(draft.urgency?.level).toBe('expedited');
    expect(draft.channel).toBe('central_authority');
    expect(mlaSubscriber.draftSchema.safeParse(draft).success).toBe(true);
    // What is left to the requester: the reasons for urgency and the reply channel are the only gaps.
    expect(mlaSubscriber.check(draft).missing.map((m) => m.path)).toEqual(['urgency.reasons']);
  });

  it('prefers the identifiers of the case when it has some', () => {
    const case_identifiers = [{ kind: 'phone' as const, value: '+31 6 00000000' }];
    const draft = mlaSubscriber.prefill(buildPrefillContext({ identifiers: case_identifiers, parent: preservationParent }));
    expect(draft.identifiers).toEqual(case_identifiers);
  });

  it('follows up a preservation made directly with a provider', () => {
    const draft = mlaSubscriber.prefill(buildPrefillContext({ parent: { type: 'preservation_provider', reference: 'PRES-9', body: PRESERVATION_PROVIDER_BODY } }));
    expect(draft.status).toEqual({ kind: 'follow_up_preservation' });
    expect(draft.previousPreservation).toMatchObject({ reference: 'PRES-9', respondingAuthority: PRESERVATION_PROVIDER_BODY.provider.name, channel: 'Direct request to the provider' });
  });

  it('follows up an earlier MLA request under item 9', () => {
    const draft = mlaSubscriber.prefill(buildPrefillContext({ parent: { type: 'mla_subscriber', reference: 'MLA-3', sentAt: '2026-12-01T08:00:00Z', body: MLA_SUBSCRIBER_BODY } }));
    expect(draft.status).toEqual({ kind: 'follow_up_mla' });
    expect(draft.previousMla).toMatchObject({ reference: 'MLA-3', date: '2026-12-01', respondingAuthority: MLA_SUBSCRIBER_BODY.requestedAuthority.name });
    expect(draft.previousPreservation).toBeUndefined();
  });

  it('takes the channel and the emergency from the route', () => {
    expect(mlaSubscriber.prefill(buildPrefillContext({ route: { id: 'budapest-27-9-direct-judicial', citation: 'Budapest Art. 27(9)' } })).channel).toBe('direct_judicial');
    expect(mlaSubscriber.prefill(buildPrefillContext({ route: { id: 'budapest-25-3-expedited', citation: 'Budapest Art. 25(3)' } })).channel).toBe('expedited_means');
    const emergency = mlaSubscriber.prefill(buildPrefillContext({ route: { id: 'p2-art10-emergency-mla', citation: 'Protocol Art. 10' }, emergency: { facts: 'A child is held by the suspect now.' } }));
    expect(emergency.urgency).toEqual({ level: 'emergency', emergencyFacts: 'A child is held by the suspect now.' });
    expect(mlaSubscriber.prefill(buildPrefillContext()).status).toEqual({ kind: 'new' });
  });
});
