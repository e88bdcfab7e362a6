import { describe, expect, it } from 'vitest';
import {
  answerErrors, durationMs, EVENT_ROUTES, EVENT_WEB_PATHS, eventInputSchema, eventPatchSchema, eventPath, registrationInputSchema, reminderOffsetSchema,
  slugify, type Question,
} from './events.ts';

const base = {
  kind: 'webinar', title: 'OCSEA webinar', timeZone: 'Europe/Paris', startsAt: '2026-12-01T13:00:00Z', durationMinutes: 90, language: 'EN', capacity: 300,
  registrationOpensAt: '2026-11-01T00:00:00Z', registrationClosesAt: '2026-12-01T12:00:00Z',
};

describe('event input', () => {
  it('takes the defaults: one reminder a day before, a 48-hour offer window, no approval', () => {
    expect(eventInputSchema.parse(base)).toMatchObject({ language: 'en', reminderOffsets: ['P1D'], offerWindowHours: 48, requiresApproval: false, questions: [], contactEmail: null });
  });

  it('names each broken rule with its field', () => {
    const result = eventInputSchema.safeParse({
      ...base, capacity: 10_001, timeZone: 'Mars/Olympus', registrationClosesAt: '2026-10-01T00:00:00Z', reminderOffsets: ['P1D', 'P1D', 'yesterday'],
      questions: [{ id: 'q', label: 'A', kind: 'choice', options: ['only one'] }, { id: 'q', label: 'B', kind: 'text' }],
      programme: [{ title: 'Late', startsAt: '2026-12-02T13:00:00Z', endsAt: '2026-12-02T12:00:00Z' }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['capacity', 'timeZone', 'reminderOffsets.2', 'reminderOffsets', 'questions.0.options', 'programme.0.endsAt']));
  });

  it('checks the registration window and the programme against the event times, and question ids are unique', () => {
    const result = eventInputSchema.safeParse({
      ...base, registrationClosesAt: '2026-10-01T00:00:00Z',
      questions: [{ id: 'q', label: 'A', kind: 'text' }, { id: 'q', label: 'B', kind: 'text' }],
      programme: [{ title: 'Late', startsAt: '2026-12-02T13:00:00Z', endsAt: '2026-12-02T14:00:00Z' }],
    });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['programme.0.startsAt', 'questions.1.id', 'registrationClosesAt']);
  });

  it('a patch keeps what it omits (no defaults) and must change something', () => {
    expect(eventPatchSchema.parse({ capacity: 5 })).toEqual({ capacity: 5 });
    expect(eventPatchSchema.safeParse({}).success).toBe(false);
  });
});

describe('reminder offsets', () => {
  it('reads days, hours, minutes and weeks', () => {
    expect(durationMs('P1D')).toBe(86_400_000);
    expect(durationMs('PT2H')).toBe(7_200_000);
    expect(durationMs('P1DT12H30M')).toBe(86_400_000 + 12.5 * 3_600_000);
    expect(durationMs('P1W')).toBe(7 * 86_400_000);
    for (const bad of ['P', 'PT', '1D', 'P1Y', 'P1M', 'PT1S', '-P1D', 'P1DT']) expect(durationMs(bad), bad).toBeNull();
  });

  it('between 5 minutes and 30 days', () => {
    expect(reminderOffsetSchema.parse('pt5m')).toBe('PT5M');
    expect(reminderOffsetSchema.safeParse('PT4M').success).toBe(false);
    expect(reminderOffsetSchema.safeParse('P31D').success).toBe(false);
  });
});

describe('registration input', () => {
  const form = { name: 'Ana Bell', organisation: 'Police (fictitious)', country: 'fr', role: 'law_enforcement', email: ' Ana@Police.Example.org ', consent: true };

  it('normalises the address and the country, and defaults language, answers and honeypot', () => {
    expect(registrationInputSchema.parse(form)).toMatchObject({ email: 'ana@police.example.org', country: 'FR', language: 'en', answers: {}, website: '', joinWaitingList: false, organisationType: null });
  });

  it('keeps markup as text but refuses control characters and line breaks in one-line fields', () => {
    expect(registrationInputSchema.parse({ ...form, name: '<script>alert(1)</script>' }).name).toBe('<script>alert(1)</script>');
    for (const name of ['Ana\nBell', 'Ana\u0000', 'Ana\u0085', 'Ana\u202e']) expect(registrationInputSchema.safeParse({ ...form, name }).success, JSON.stringify(name)).toBe(false);
    expect(registrationInputSchema.parse({ ...form, answers: { note: 'line one\nline two' } }).answers).toEqual({ note: 'line one\nline two' });
  });
});

describe('answers', () => {
  const questions: Question[] = [
    { id: 'track', label: 'Track', kind: 'choice', required: true, options: ['A', 'B'], multiple: false },
    { id: 'topics', label: 'Topics', kind: 'choice', required: false, options: ['x', 'y', 'z'], multiple: true },
    { id: 'ok', label: 'Recording', kind: 'checkbox', required: true, options: [], multiple: false },
    { id: 'note', label: 'Note', kind: 'text', required: false, options: [], multiple: false },
  ];
  it('accepts complete answers', () => {
    expect(answerErrors(questions, { track: 'A', topics: ['x', 'z'], ok: true, note: 'hi' })).toEqual([]);
  });
  it('names each problem', () => {
    expect(answerErrors(questions, { track: ['A'], topics: ['x', 'x'], ok: false, note: true, extra: 'x' })).toEqual([
      { path: 'answers.extra', message: 'is not a question of this event' },
      { path: 'answers.track', message: 'takes one option only' },
      { path: 'answers.topics', message: 'lists an option twice' },
      { path: 'answers.ok', message: 'must be ticked' },
      { path: 'answers.note', message: 'must be text' },
    ]);
  });
  it('an organiser adding someone need not answer required questions', () => {
    expect(answerErrors(questions, {}, { requireAnswers: false })).toEqual([]);
    expect(answerErrors(questions, {})).toHaveLength(2);
  });
});

describe('paths', () => {
  it('fills route parameters and builds the web links e-mails carry', () => {
    expect(eventPath(EVENT_ROUTES.approve.path, { id: 'e1', registrationId: 'r1' })).toBe('/api/v1/events/e1/registrations/r1/approve');
    expect(() => eventPath(EVENT_ROUTES.get.path, {})).toThrow('missing path parameter id');
    expect(EVENT_WEB_PATHS.verify('ocsea-2026', 'tok')).toBe('/e/ocsea-2026/verify?token=tok');
    expect(EVENT_WEB_PATHS.manage('ocsea-2026', 'tok', 'cancel')).toBe('/e/ocsea-2026/registration?token=tok&action=cancel');
  });
  it('slugs titles', () => {
    expect(slugify('Webinaire : enquêtes OCSEA — décembre 2026')).toBe('webinaire-enquetes-ocsea-decembre-2026');
    expect(slugify('!!')).toBe('event-x');
  });
});
