import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDeadlines, DEFAULT_EMERGENCY_TARGET_HOURS, formatInZone, nextDeadline, type Deadline, type DeadlineInput } from './deadlines.ts';
import type { RequestType } from './requests/types.ts';

type Events = DeadlineInput['events'];

function run(type: RequestType, events: Events, zone: string, now: string | Date, extra: Partial<DeadlineInput> = {}) {
  return computeDeadlines({ type, direction: 'outgoing', emergency: false, events, addresseeTimeZone: zone, now, ...extra });
}

function only(type: RequestType, events: Events, zone: string, now: string | Date, extra: Partial<DeadlineInput> = {}): Deadline {
  const { deadlines } = run(type, events, zone, now, extra);
  expect(deadlines).toHaveLength(1);
  const [deadline] = deadlines;
  if (!deadline) throw new Error('no deadline');
  return deadline;
}

/** One millisecond before, at, and after an ISO instant. */
function around(isoUtc: string): [string, string, string] {
  const t = Date.parse(isoUtc);
  return [new Date(t - 1).toISOString(), new Date(t).toISOString(), new Date(t + 1).toISOString()];
}

/** The states a deadline takes at warnAt − 1 ms, warnAt, dueAt − 1 ms, dueAt and dueAt + 1 ms. */
function statesAcross(compute: (now: string) => Deadline, warnAt: string, dueAt: string): string[] {
  const [beforeWarn, atWarn] = around(warnAt);
  const [beforeDue, atDue, afterDue] = around(dueAt);
  return [beforeWarn, atWarn, beforeDue, atDue, afterDue].map((now) => compute(now).state);
}

const BOUNDARY_STATES = ['pending', 'due_soon', 'due_soon', 'due_soon', 'overdue'];

describe('EPOC (Reg. 2023/1543 Art. 10)', () => {
  const paris = { receivedAt: '2026-03-20T15:00:00+01:00' };

  it('is due 10 days after receipt, at the end of the day in the addressee’s zone, after the spring-forward', () => {
    const d = only('epoc', paris, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(d).toMatchObject({
      kind: 'production_due',
      dueAt: '2026-03-30T21:59:59.999Z',
      warnAt: '2026-03-27T22:59:59.999Z',
      startedAt: '2026-03-20T14:00:00.000Z',
      source: 'Reg. (EU) 2023/1543 Art. 10(2)',
      binding: true,
      state: 'pending',
    });
    expect(d.rule).toMatch(/10 days.*Art\. 10\(2\)/);
  });

  it('turns due soon and overdue exactly at its boundaries', () => {
    const states = statesAcross((now) => only('epoc', paris, 'Europe/Paris', now), '2026-03-27T22:59:59.999Z', '2026-03-30T21:59:59.999Z');
    expect(states).toEqual(BOUNDARY_STATES);
    expect(only('epoc', paris, 'Europe/Paris', '2026-03-30T22:00:00.000Z').actions).toEqual(['chase']);
  });

  it('is met once the data are produced, even late', () => {
    const d = only('epoc', { ...paris, respondedAt: '2026-04-02T09:00:00Z' }, 'Europe/Paris', '2026-05-01T00:00:00Z');
    expect(d).toMatchObject({ state: 'met', completedAt: '2026-04-02T09:00:00.000Z' });
    expect(d.actions).toBeUndefined();
  });

  it('is due 8 hours after receipt in an emergency, counted in elapsed time across the spring-forward night', () => {
    const compute = (now: string) => only('epoc', { receivedAt: '2026-03-29T00:30:00Z' }, 'Europe/Paris', now, { emergency: true });
    const d = compute('2026-03-29T01:00:00Z');
    expect(d).toMatchObject({ dueAt: '2026-03-29T08:30:00.000Z', warnAt: '2026-03-29T06:30:00.000Z', source: 'Reg. (EU) 2023/1543 Art. 10(4)' });
    expect(statesAcross(compute, d.warnAt ?? '', d.dueAt)).toEqual(BOUNDARY_STATES);
  });

  it('ends on the local calendar across the EU fall-back', () => {
    expect(only('epoc', { receivedAt: '2026-10-20T08:00:00Z' }, 'Europe/Paris', '2026-10-21T00:00:00Z').dueAt).toBe('2026-10-30T22:59:59.999Z');
  });

  it('follows the southern-hemisphere changes (Australia/Sydney)', () => {
    // DST ends 5 April 2026: received in AEDT (+11), due in AEST (+10).
    const autumn = only('epoc', { receivedAt: '2026-03-30T02:00:00Z' }, 'Australia/Sydney', '2026-03-31T00:00:00Z');
    expect(autumn).toMatchObject({ dueAt: '2026-04-09T13:59:59.999Z', warnAt: '2026-04-06T13:59:59.999Z' });
    // DST starts 4 October 2026: received in AEST, due in AEDT.
    expect(only('epoc', { receivedAt: '2026-09-30T02:00:00Z' }, 'Australia/Sydney', '2026-10-01T00:00:00Z').dueAt).toBe('2026-10-10T12:59:59.999Z');
  });

  it('counts days on a half-hour zone’s calendar (Asia/Kolkata), where the local day differs from the UTC day', () => {
    expect(only('epoc', { receivedAt: '2026-03-20T18:29:59.999Z' }, 'Asia/Kolkata', '2026-03-21T00:00:00Z').dueAt).toBe('2026-03-30T18:29:59.999Z');
    expect(only('epoc', { receivedAt: '2026-03-20T18:30:00.000Z' }, 'Asia/Kolkata', '2026-03-21T00:00:00Z').dueAt).toBe('2026-03-31T18:29:59.999Z');
  });

  it('counts days on the calendar of a +14 zone across the date line (Pacific/Kiritimati)', () => {
    // 23:59:59.999 on 20 March local → due at the end of 30 March local.
    expect(only('epoc', { receivedAt: '2026-03-20T09:59:59.999Z' }, 'Pacific/Kiritimati', '2026-03-21T00:00:00Z').dueAt).toBe('2026-03-30T09:59:59.999Z');
    // One millisecond later it is 21 March there: one more day.
    expect(only('epoc', { receivedAt: '2026-03-20T10:00:00.000Z' }, 'Pacific/Kiritimati', '2026-03-21T00:00:00Z').dueAt).toBe('2026-03-31T09:59:59.999Z');
  });
});

describe('preservation via the 24/7 network (Budapest Art. 29)', () => {
  const ny = { receivedAt: '2026-01-15T20:00:00Z' };
  const DUE = '2026-03-17T03:59:59.999Z'; // end of 16 March, EDT (after the 8 March change)
  const WARN = '2026-03-02T04:59:59.999Z'; // end of 1 March, EST: 15 days before

  it('lasts 60 days from receipt, warning 15 days before, across the US spring-forward', () => {
    const d = only('preservation_247', ny, 'America/New_York', '2026-02-01T00:00:00Z');
    expect(d).toMatchObject({ kind: 'preservation_expiry', dueAt: DUE, warnAt: WARN, source: 'Budapest Convention Art. 29(7)', state: 'pending' });
    expect(d.rule).toBe('Preservation lasts not less than 60 days from receipt (Budapest Art. 29(7))');
    expect(d.actions).toEqual(['extend', 'follow_up_mla']);
  });

  it('changes state at the millisecond and offers a new request once ended', () => {
    const compute = (now: string) => only('preservation_247', ny, 'America/New_York', now);
    expect(statesAcross(compute, WARN, DUE)).toEqual(BOUNDARY_STATES);
    expect(compute(WARN).actions).toEqual(['extend', 'follow_up_mla']);
    expect(compute(around(DUE)[2]).actions).toEqual(['new_preservation']);
  });

  it('counts across the US fall-back', () => {
    const d = only('preservation_247', { receivedAt: '2026-09-10T16:00:00Z' }, 'America/New_York', '2026-09-11T00:00:00Z');
    expect(d).toMatchObject({ dueAt: '2026-11-10T04:59:59.999Z', warnAt: '2026-10-26T03:59:59.999Z' });
  });

  it('uses the period the requested Party states (domestic 90 days, Art. 16(2)) and flags one under 60', () => {
    const d = only('preservation_247', { receivedAt: '2026-03-20T14:00:00Z', preservationDays: 90 }, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(d.dueAt).toBe('2026-06-18T21:59:59.999Z');
    expect(d.rule).toMatch(/90 days.*Art\. 16\(2\)/);
    const short = only('preservation_247', { receivedAt: '2026-03-20T14:00:00Z', preservationDays: 30 }, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(short.notes?.join(' ')).toMatch(/less than the 60 days/);
  });

  it('adds a full period from the previous expiry for each extension, in time order', () => {
    const d = only('preservation_247', { ...ny, extensions: ['2026-05-01T00:00:00Z', '2026-03-10T12:00:00Z'] }, 'America/New_York', '2026-03-20T00:00:00Z');
    expect(d.dueAt).toBe('2026-07-15T03:59:59.999Z'); // 16 Mar + 60 = 15 May, + 60 = 14 Jul (EDT)
    expect(d.rule).toMatch(/extended twice by 60 days from each previous expiry/);
    expect(only('preservation_247', { ...ny, extensions: ['2026-03-10T12:00:00Z'] }, 'America/New_York', '2026-03-20T00:00:00Z').dueAt).toBe('2026-05-16T03:59:59.999Z');
  });

  it('accepts an extension granted at the last millisecond but not one granted after the end', () => {
    const [, atDue, afterDue] = around(DUE);
    expect(only('preservation_247', { ...ny, extensions: [atDue] }, 'America/New_York', '2026-03-20T00:00:00Z').dueAt).toBe('2026-05-16T03:59:59.999Z');
    const late = only('preservation_247', { ...ny, extensions: [afterDue] }, 'America/New_York', '2026-03-20T00:00:00Z');
    expect(late.dueAt).toBe(DUE);
    expect(late.state).toBe('overdue');
    expect(late.notes?.join(' ')).toMatch(/came after the preservation ended.*new preservation request/);
  });

  it('is suspended while a follow-up MLA request received in time is pending', () => {
    const [, atDue, afterDue] = around(DUE);
    const kept = only('preservation_247', { ...ny, followUpReceivedAt: atDue }, 'America/New_York', '2027-01-01T00:00:00Z');
    expect(kept.state).toBe('suspended');
    expect(kept.rule).toMatch(/MLA request was received.*until it is decided \(Budapest Art\. 29\(7\)\)/);
    expect(kept.actions).toBeUndefined();
    const tooLate = only('preservation_247', { ...ny, followUpReceivedAt: afterDue }, 'America/New_York', '2027-01-01T00:00:00Z');
    expect(tooLate.state).toBe('overdue');
    expect(tooLate.notes?.join(' ')).toMatch(/after the preservation ended/);
  });

  it('notes a missing confirmation of preservation', () => {
    expect(only('preservation_247', ny, 'America/New_York', '2026-02-01T00:00:00Z').notes).toContain('The addressee has not confirmed the preservation yet.');
    expect(only('preservation_247', { ...ny, preservationConfirmedAt: '2026-01-16T09:00:00Z' }, 'America/New_York', '2026-02-01T00:00:00Z').notes).toBeUndefined();
  });

  it('offers the receiving office a reminder to the requester on incoming preservations', () => {
    const incoming = (now: string) => only('preservation_247', ny, 'America/New_York', now, { direction: 'incoming' });
    expect(incoming(WARN).actions).toEqual(['notify_requester']);
    expect(incoming(around(DUE)[2]).actions).toBeUndefined();
    expect(incoming(WARN).notes).toBeUndefined();
  });
});

describe('preservation by a provider (18 U.S.C. §2703(f))', () => {
  const ny = { receivedAt: '2026-01-15T20:00:00Z' };

  it('lasts 90 days, renewable once for 90 more', () => {
    const d = only('preservation_provider', ny, 'America/New_York', '2026-02-01T00:00:00Z');
    expect(d).toMatchObject({ dueAt: '2026-04-16T03:59:59.999Z', source: '18 U.S.C. §2703(f); provider policy' });
    expect(d.actions).toEqual(['extend', 'follow_up_mla']);
    const renewed = only('preservation_provider', { ...ny, extensions: ['2026-04-01T00:00:00Z'] }, 'America/New_York', '2026-04-02T00:00:00Z');
    expect(renewed.dueAt).toBe('2026-07-15T03:59:59.999Z');
    expect(renewed.actions).toEqual(['follow_up_mla']);
    const twice = only('preservation_provider', { ...ny, extensions: ['2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z'] }, 'America/New_York', '2026-07-02T00:00:00Z');
    expect(twice.dueAt).toBe('2026-07-15T03:59:59.999Z');
    expect(twice.notes?.join(' ')).toMatch(/renewed once \(18 U\.S\.C\. §2703\(f\)\(2\)\)/);
  });

  it('is not prolonged by a follow-up request', () => {
    const d = only('preservation_provider', { ...ny, followUpReceivedAt: '2026-03-01T00:00:00Z' }, 'America/New_York', '2026-05-01T00:00:00Z');
    expect(d.state).toBe('overdue');
    expect(d.notes?.join(' ')).toMatch(/does not prolong/);
  });
});

describe('European Preservation Order (Reg. 2023/1543 Art. 11)', () => {
  const paris = { receivedAt: '2026-03-20T14:00:00Z' };

  it('lasts 60 days, extendable once by 30 (Annex VI)', () => {
    const d = only('epoc_pr', paris, 'Europe/Paris', '2026-04-01T00:00:00Z');
    expect(d).toMatchObject({ dueAt: '2026-05-19T21:59:59.999Z', warnAt: '2026-05-04T21:59:59.999Z' });
    expect(d.actions).toEqual(['extend', 'follow_up_production']);
    const extended = only('epoc_pr', { ...paris, extensions: ['2026-05-10T00:00:00Z'] }, 'Europe/Paris', '2026-05-11T00:00:00Z');
    expect(extended.dueAt).toBe('2026-06-18T21:59:59.999Z');
    expect(extended.actions).toEqual(['follow_up_production']);
    const twice = only('epoc_pr', { ...paris, extensions: ['2026-05-10T00:00:00Z', '2026-06-10T00:00:00Z'] }, 'Europe/Paris', '2026-06-11T00:00:00Z');
    expect(twice.dueAt).toBe('2026-06-18T21:59:59.999Z');
  });

  it('ignores a preservation period stated by the provider: the Regulation fixes it', () => {
    expect(only('epoc_pr', { ...paris, preservationDays: 90 }, 'Europe/Paris', '2026-04-01T00:00:00Z').dueAt).toBe('2026-05-19T21:59:59.999Z');
  });

  it('continues until production once the Annex V confirmation is received', () => {
    const d = only('epoc_pr', { ...paris, followUpReceivedAt: '2026-05-01T08:00:00Z' }, 'Europe/Paris', '2026-09-01T00:00:00Z');
    expect(d.state).toBe('suspended');
    expect(d.rule).toMatch(/Annex V.*until produced/);
  });
});

describe('Second Additional Protocol', () => {
  const paris = { receivedAt: '2026-03-20T14:00:00Z' };

  it('Art. 7: 30 days or the stated time frame, whichever is longer, then Art. 8 or MLA', () => {
    const d = only('p2_subscriber_order', paris, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(d).toMatchObject({ kind: 'response_due', dueAt: '2026-04-19T21:59:59.999Z', source: 'Second Additional Protocol Art. 7(7)' });
    expect(only('p2_subscriber_order', { ...paris, statedTimeFrameDays: 45 }, 'Europe/Paris', '2026-03-21T00:00:00Z').dueAt).toBe('2026-05-04T21:59:59.999Z');
    expect(only('p2_subscriber_order', { ...paris, statedTimeFrameDays: 10 }, 'Europe/Paris', '2026-03-21T00:00:00Z').dueAt).toBe('2026-04-19T21:59:59.999Z');
    const [, atDue, afterDue] = around('2026-04-19T21:59:59.999Z');
    expect(only('p2_subscriber_order', paris, 'Europe/Paris', atDue).state).toBe('due_soon');
    expect(only('p2_subscriber_order', paris, 'Europe/Paris', afterDue).actions).toEqual(['follow_up_order_given_effect', 'follow_up_mla']);
  });

  it('Art. 8: serve within 45 days of receipt; subscriber information 20 days and traffic data 45 days after service', () => {
    const before = run('p2_order_given_effect', paris, 'Europe/Paris', '2026-03-21T00:00:00Z').deadlines;
    expect(before.map((d) => [d.kind, d.dueAt])).toEqual([['service_due', '2026-05-04T21:59:59.999Z']]);

    const served = { ...paris, servedAt: '2026-04-01T08:00:00Z' };
    const subscriber = run('p2_order_given_effect', { ...served, dataCategory: 'subscriber' }, 'Europe/Paris', '2026-04-02T00:00:00Z').deadlines;
    expect(subscriber.map((d) => [d.kind, d.state, d.dueAt])).toEqual([
      ['service_due', 'met', '2026-05-04T21:59:59.999Z'],
      ['production_due', 'pending', '2026-04-21T21:59:59.999Z'],
    ]);
    expect(subscriber[1]?.startedAt).toBe('2026-04-01T08:00:00.000Z');
    const traffic = run('p2_order_given_effect', { ...served, dataCategory: 'traffic' }, 'Europe/Paris', '2026-04-02T00:00:00Z').deadlines;
    expect(traffic[1]).toMatchObject({ dueAt: '2026-05-16T21:59:59.999Z', source: 'Second Additional Protocol Art. 8(7)(b)' });
    const unknown = run('p2_order_given_effect', served, 'Europe/Paris', '2026-04-02T00:00:00Z').deadlines;
    expect(unknown[1]?.dueAt).toBe('2026-04-21T21:59:59.999Z');
    expect(unknown[1]?.notes?.join(' ')).toMatch(/shorter limit/);
  });

  it('Art. 6: the time frame stated by the requester, or no deadline and a note', () => {
    const d = only('p2_domain_registration', { ...paris, statedTimeFrameDays: 5 }, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(d).toMatchObject({ dueAt: '2026-03-25T22:59:59.999Z', warnAt: '2026-03-22T22:59:59.999Z', source: 'Second Additional Protocol Art. 6' });
    // A period shorter than the warning lead is "due soon" from the start.
    const short = only('p2_domain_registration', { ...paris, statedTimeFrameDays: 2 }, 'Europe/Paris', '2026-03-20T14:00:00Z');
    expect(short).toMatchObject({ warnAt: '2026-03-20T14:00:00.000Z', state: 'due_soon' });
    const none = run('p2_domain_registration', paris, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(none.deadlines).toEqual([]);
    expect(none.notes.join(' ')).toMatch(/Art\. 6 sets no time limit/);
  });
});

describe('emergency disclosure', () => {
  const received = { receivedAt: '2026-11-01T05:00:00Z' }; // New York falls back at 06:00Z

  it('has a configurable target, not a legal limit, in elapsed hours across the US fall-back', () => {
    expect(DEFAULT_EMERGENCY_TARGET_HOURS).toBe(8);
    const compute = (now: string) => only('emergency_disclosure', received, 'America/New_York', now, { emergency: true });
    const d = compute('2026-11-01T06:00:00Z');
    expect(d).toMatchObject({ kind: 'response_due', dueAt: '2026-11-01T13:00:00.000Z', warnAt: '2026-11-01T11:00:00.000Z', binding: false });
    expect(d.rule).toMatch(/Not a legal limit/);
    expect(statesAcross(compute, '2026-11-01T11:00:00.000Z', '2026-11-01T13:00:00.000Z')).toEqual(BOUNDARY_STATES);
    expect(compute('2026-11-01T13:00:00.001Z').actions).toEqual(['escalate']);
    expect(only('emergency_disclosure', received, 'America/New_York', '2026-11-01T06:00:00Z', { emergencyTargetHours: 24 }).dueAt).toBe('2026-11-02T05:00:00.000Z');
  });
});

describe('requests without a fixed term', () => {
  it('tracks the time elapsed on an MLA request instead of inventing a deadline', () => {
    const report = run('mla_subscriber', { sentAt: '2026-01-10T10:00:00Z', receivedAt: '2026-01-12T09:00:00Z' }, 'Europe/Paris', '2026-03-01T08:59:59.999Z');
    expect(report.deadlines).toEqual([]);
    expect(report.elapsed).toEqual({ since: '2026-01-12T09:00:00.000Z', until: '2026-03-01T08:59:59.999Z', days: 47 });
    expect(report.notes.join(' ')).toMatch(/no fixed term/);
    const answered = run('mla_subscriber', { receivedAt: '2026-01-12T09:00:00Z', respondedAt: '2026-02-11T09:00:00Z' }, 'Europe/Paris', '2026-06-01T00:00:00Z');
    expect(answered.elapsed?.days).toBe(30);
    expect(run('mla_subscriber', { receivedAt: '2026-01-12T09:00:00Z' }, 'Europe/Paris', '2026-06-01T00:00:00Z', { emergency: true }).notes.join(' ')).toMatch(/Art\. 10/);
  });

  it('tracks voluntary disclosure the same way', () => {
    const report = run('voluntary_disclosure', { sentAt: '2026-01-10T10:00:00Z' }, 'America/Los_Angeles', '2026-01-20T10:00:00Z');
    expect(report.deadlines).toEqual([]);
    expect(report.elapsed?.days).toBe(10);
  });
});

describe('inputs', () => {
  it('runs no deadline before the request is sent', () => {
    const report = run('epoc', {}, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(report).toEqual({ deadlines: [], notes: ['No deadline runs yet: periods start when the addressee receives the request.'] });
  });

  it('counts from sending when receipt is not recorded, and says so', () => {
    const report = run('epoc', { sentAt: '2026-03-20T15:00:00+01:00' }, 'Europe/Paris', '2026-03-21T00:00:00Z');
    expect(report.deadlines[0]?.dueAt).toBe('2026-03-30T21:59:59.999Z');
    expect(report.notes.join(' ')).toMatch(/counted from sending/);
  });

  it('takes `now` as a Date or an ISO string, and rejects unknown zones and instants without an offset', () => {
    const a = run('epoc', { receivedAt: '2026-03-20T14:00:00Z' }, 'Europe/Paris', new Date('2026-03-30T22:00:00Z'));
    const b = run('epoc', { receivedAt: '2026-03-20T14:00:00Z' }, 'Europe/Paris', '2026-03-30T22:00:00Z');
    expect(a).toEqual(b);
    expect(() => run('epoc', { receivedAt: '2026-03-20T14:00:00Z' }, 'Europe/Atlantis', '2026-03-21T00:00:00Z')).toThrow(/IANA time zone/);
    expect(() => run('epoc', { receivedAt: '2026-03-20T14:00:00' }, 'Europe/Paris', '2026-03-21T00:00:00Z')).toThrow();
  });
});

describe('nextDeadline and formatInZone', () => {
  it('returns the open deadline due first, overdue ones included, and nothing when all are met or suspended', () => {
    const { deadlines } = run('p2_order_given_effect', { receivedAt: '2026-03-20T14:00:00Z', servedAt: '2026-04-01T08:00:00Z' }, 'Europe/Paris', '2026-04-25T00:00:00Z');
    expect(nextDeadline(deadlines)).toMatchObject({ kind: 'production_due', state: 'overdue' });
    const base = deadlines[0];
    if (!base) throw new Error('no deadline');
    const list: Deadline[] = [
      { ...base, dueAt: '2026-05-01T00:00:00.000Z', state: 'pending' },
      { ...base, dueAt: '2026-04-01T00:00:00.000Z', state: 'overdue' },
      { ...base, dueAt: '2026-03-01T00:00:00.000Z', state: 'met' },
    ];
    expect(nextDeadline(list)?.dueAt).toBe('2026-04-01T00:00:00.000Z');
    expect(nextDeadline([{ ...base, state: 'met' }, { ...base, state: 'suspended' }])).toBeUndefined();
    expect(nextDeadline([])).toBeUndefined();
  });

  it('shows a deadline in both parties’ zones', () => {
    const due = only('epoc', { receivedAt: '2026-03-20T14:00:00Z' }, 'Europe/Paris', '2026-03-21T00:00:00Z').dueAt;
    expect(formatInZone(due, 'Europe/Paris', 'en-GB')).toBe('30 Mar 2026, 23:59 CEST (UTC+02:00)');
    expect(formatInZone(due, 'Asia/Kolkata', 'fr')).toBe('31 mars 2026, 03:29 UTC+5:30');
  });
});

describe('properties', () => {
  const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Kiritimati'];
  const START = Date.UTC(2000, 0, 1);
  const END = Date.UTC(2040, 0, 1);
  const scenario = fc.record({
    type: fc.constantFrom<RequestType>('epoc', 'epoc_pr', 'preservation_247', 'preservation_provider', 'p2_subscriber_order', 'p2_order_given_effect', 'p2_domain_registration', 'emergency_disclosure'),
    emergency: fc.boolean(),
    zone: fc.constantFrom(...ZONES),
    stated: fc.integer({ min: 1, max: 120 }),
  });

  it('never moves a deadline earlier when the start moves later (dueAt is monotonic in the start instant)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: START, max: END }), fc.integer({ min: 0, max: 5 * 86_400_000 }), (s, t1, delta) => {
        const dues = (start: number) =>
          run(
            s.type,
            { receivedAt: new Date(start).toISOString(), statedTimeFrameDays: s.stated, extensions: [new Date(t1 + 50 * 86_400_000).toISOString()] },
            s.zone,
            new Date(t1).toISOString(),
            { emergency: s.emergency },
          ).deadlines.map((d) => Date.parse(d.dueAt));
        const early = dues(t1);
        const late = dues(t1 + delta);
        expect(late).toHaveLength(early.length);
        early.forEach((due, i) => expect(late[i]).toBeGreaterThanOrEqual(due));
      }),
      { numRuns: 300 },
    );
  });

  it('never shortens a preservation by granting an extension', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RequestType>('preservation_247', 'preservation_provider', 'epoc_pr'),
        fc.constantFrom(...ZONES),
        fc.integer({ min: START, max: END }),
        fc.array(fc.integer({ min: 0, max: 400 * 86_400_000 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        (type, zone, start, offsets, extra) => {
          const due = (list: number[]) =>
            Date.parse(
              only(type, { receivedAt: new Date(start).toISOString(), extensions: list.map((o) => new Date(start + o).toISOString()) }, zone, new Date(start).toISOString()).dueAt,
            );
          expect(due([...offsets, extra])).toBeGreaterThanOrEqual(due(offsets));
          expect(due(offsets)).toBeGreaterThanOrEqual(due([]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with its own dueAt: overdue exactly after it, never before (frozen clock)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: START, max: END }), fc.integer({ min: -200 * 86_400_000, max: 200 * 86_400_000 }), (s, start, offset) => {
        const now = new Date(start + Math.max(0, offset)).toISOString();
        for (const d of run(s.type, { receivedAt: new Date(start).toISOString(), statedTimeFrameDays: s.stated }, s.zone, now, { emergency: s.emergency }).deadlines) {
          const overdue = Date.parse(now) > Date.parse(d.dueAt);
          expect(d.state === 'overdue').toBe(overdue);
          if (d.warnAt !== undefined) expect(Date.parse(d.warnAt)).toBeLessThanOrEqual(Date.parse(d.dueAt));
        }
      }),
      { numRuns: 300 },
    );
  });
});
