/**
 * Chains of requests: an Art. 8 request after an Art. 7 order that was not complied with, an EPOC
 * after an EPOC-PR, an Art. 7 order after a preservation, and a domain request from a case URL.
 */
import { describe, expect, it } from 'vitest';
import { epoc } from './epoc.ts';
import { p2DomainRegistration } from './p2-domain-registration.ts';
import { p2OrderGivenEffect } from './p2-order-given-effect.ts';
import { p2SubscriberOrder } from './p2-subscriber-order.ts';
import { buildPrefillContext, EPOC_PR_BODY, PRESERVATION_247_BODY, SUBSCRIBER_ORDER_BODY } from './test-fixtures.ts';

describe('follow-ups', () => {
  it('Art. 8 after an Art. 7 order: provider, offence and the order not complied with', () => {
    const draft = p2OrderGivenEffect.prefill(buildPrefillContext({ parent: { type: 'p2_subscriber_order', reference: 'ORD-1', sentAt: '2027-03-01T09:00:00Z', body: SUBSCRIBER_ORDER_BODY } }));
    expect(draft.provider).toEqual({ name: SUBSCRIBER_ORDER_BODY.provider.name, address: SUBSCRIBER_ORDER_BODY.provider.address, country: 'JP' });
    expect(draft.offence?.provisions).toBe(SUBSCRIBER_ORDER_BODY.offence.provisions);
    expect(draft.data?.categories).toEqual(['subscriber']);
    expect(draft.supporting?.domesticLegalGrounds).toBe(SUBSCRIBER_ORDER_BODY.supplementary.domesticLegalGrounds);
    expect(draft.supporting?.otherMeans).toBe('Order under Protocol Art. 7, reference ORD-1 of 2027-03-01, not complied with');
  });

  it('Art. 7 after a preservation names it in item 7(4)(e)', () => {
    const draft = p2SubscriberOrder.prefill(buildPrefillContext({ parent: { type: 'preservation_247', reference: 'REQ-0007', sentAt: '2026-11-21T10:05:00Z', body: PRESERVATION_247_BODY } }));
    expect(draft.supplementary?.preservation).toBe('REQ-0007 (2026-11-21)');
  });

  it('EPOC after an EPOC-PR refers to it and keeps its data categories', () => {
    const draft = epoc.prefill(buildPrefillContext({ parent: { type: 'epoc_pr', reference: 'PR-2', body: EPOC_PR_BODY } }));
    expect(draft.relatedRequest).toBe('EPOC-PR PR-2');
    expect(draft.issuingState).toBe('FR');
    expect(draft.data?.categories).toEqual(['subscriber', 'traffic', 'content']);
    expect(draft.emergency).toEqual({ isEmergency: false });
  });

  it('a domain request takes the domain from a case URL and the registrar from the counterpart', () => {
    const draft = p2DomainRegistration.prefill(
      buildPrefillContext({
        identifiers: [{ kind: 'url', value: 'https://lune-bleue.example/gallery?id=3' }],
        counterpart: { kind: 'registrar', name: 'Beispiel-Registrar GmbH (fictitious)', country: 'DE' },
      }),
    );
    expect(draft.domainName).toBe('lune-bleue.example');
    expect(draft.registrar).toEqual({ name: 'Beispiel-Registrar GmbH (fictitious)', country: 'DE' });
    expect(p2DomainRegistration.check({ ...draft, domainName: 'not a domain' }).missing.map((m) => m.path)).toContain('domainName');
  });
});
