/**
 * Properties every request type must have, table-driven over REQUEST_TYPES: a complete body passes;
 * removing each required item makes check() name exactly that item and its article; drafts take
 * anything half-typed but not wrong types; items, schema and steps cannot drift apart; prefill
 * gives a valid draft; outlines come out in both languages.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveSchemaPath, type RequestTypeDefinition } from './definition.ts';
import { REQUEST_DEFINITIONS, getRequestDefinition } from './index.ts';
import { buildOutlineContext, buildPrefillContext, COMPLETE_BODIES, IDENTIFIERS } from './test-fixtures.ts';
import { REQUEST_TYPES } from './types.ts';

/** Dot paths of the fields of an object schema that are not objects themselves. */
function leafPaths(schema: z.ZodType, prefix = ''): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return [prefix];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key));
}

/** A deep copy of the body without the value at a dot path. */
function without(body: unknown, path: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const segments = path.split('.');
  const last = segments.pop() as string;
  let parent: Record<string, unknown> | undefined = copy;
  for (const segment of segments) parent = parent?.[segment] as Record<string, unknown> | undefined;
  if (parent) delete parent[last];
  return copy;
}

function setAt(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const segments = path.split('.');
  const last = segments.pop() as string;
  let parent = copy;
  for (const segment of segments) {
    parent[segment] ??= {};
    parent = parent[segment] as Record<string, unknown>;
  }
  parent[last] = value;
  return copy;
}

describe.each(REQUEST_TYPES.map((type) => [type, REQUEST_DEFINITIONS[type]] as [string, RequestTypeDefinition]))('%s', (type, definition) => {
  const body = COMPLETE_BODIES[definition.type];
  const hasIdentifiers = resolveSchemaPath(definition.schema, 'identifiers');

  it('is registered under its own type', () => {
    expect(definition.type).toBe(type);
    expect(getRequestDefinition(definition.type)).toBe(definition);
    expect(definition.title.en && definition.title.fr && definition.form && definition.legalBasis.citation).toBeTruthy();
  });

  it('accepts a complete body in schema and check(), without warnings', () => {
    expect(definition.schema.safeParse(body).error?.issues ?? []).toEqual([]);
    const result = definition.check(body);
    expect(result.missing).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  const required = definition.items.filter((item) => item.required);
  it('has required items', () => {
    expect(required.length).toBeGreaterThan(3);
  });

  it.each(required.map((item) => [item.path, item] as const))('lists exactly %s, with its article, when it is removed', (path, item) => {
    const result = definition.check(without(body, path));
    expect(result.ok).toBe(false);
    expect(result.missing.map((m) => m.path)).toEqual([path]);
    const [missing] = result.missing;
    expect(missing?.article).toBe(item.article);
    expect(missing?.message.en).toBe(`Item ${item.number} '${item.label.en}' is required by ${item.article}`);
    expect(missing?.message.fr).toContain(item.label.fr);
    expect(definition.schema.safeParse(without(body, path)).success).toBe(false);
  });

  it('lists every required item for an empty body, and for a body that is not an object', () => {
    for (const input of [{}, null, 'text', 42]) {
      const result = definition.check(input);
      expect(result.ok).toBe(false);
      expect(result.missing.map((m) => m.path)).toEqual(required.map((item) => item.path));
    }
  });

  it('reports an invalid value under the item that holds it', () => {
    const result = definition.check(setAt(body, 'date', '2026-13-45'));
    expect(result.ok).toBe(false);
    expect(result.missing.map((m) => m.path)).toEqual(['date']);
    expect(result.missing[0]?.message.en).toMatch(/is invalid \(.+\)/);
    if (!hasIdentifiers) return;
    const badZone = structuredClone(body) as { identifiers: { timeZone?: string }[] };
    if (badZone.identifiers[0]) badZone.identifiers[0].timeZone = 'Mars/Olympus';
    const zoneResult = definition.check(badZone);
    expect(zoneResult.missing.map((m) => m.path)).toEqual(['identifiers']);
    expect(zoneResult.missing[0]?.message.en).toContain('0.timeZone: must be an IANA time zone');
  });

  it('accepts an empty draft, half-typed drafts, and rejects wrong types', () => {
    const draft = definition.draftSchema;
    expect(draft.safeParse({}).success).toBe(true);
    expect(draft.safeParse({ date: '2026-1', reference: '' }).success).toBe(true);
    expect(draft.safeParse({ identifiers: [{ kind: 'ip' }, { value: '203.0' }] }).success).toBe(true);
    // Each top-level part of the complete body, on its own and with its free texts cut short, is a valid draft.
    const choices = new Set(definition.items.filter((item) => item.options).map((item) => item.path));
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      expect(draft.safeParse({ [key]: value }).success, key).toBe(true);
      if (typeof value === 'string' && !choices.has(key)) expect(draft.safeParse({ [key]: value.slice(0, 2) }).success, key).toBe(true);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const partial = Object.fromEntries(Object.entries(value).slice(0, 1));
        expect(draft.safeParse({ [key]: partial }).success, key).toBe(true);
      }
    }
    expect(draft.safeParse({ date: 20261121 }).success).toBe(false);
    expect(draft.safeParse({ reference: 5 }).success).toBe(false);
    if (hasIdentifiers) {
      expect(draft.safeParse({ identifiers: 'none' }).success).toBe(false);
      expect(draft.safeParse({ identifiers: [{ kind: 'telepathy' }] }).success).toBe(false);
      expect(draft.safeParse({ identifiers: [{ port: '443' }] }).success).toBe(false);
    }
    expect(draft.safeParse(null).success).toBe(false);
  });

  it('points every item at a field of the schema', () => {
    for (const item of definition.items) expect(resolveSchemaPath(definition.schema, item.path), item.path).toBe(true);
    expect(resolveSchemaPath(definition.schema, 'no.such.field')).toBe(false);
  });

  it('covers every field of the schema with an item, so every error has a label and an article', () => {
    for (const leaf of leafPaths(definition.schema)) {
      expect(definition.items.some((item) => leaf === item.path || leaf.startsWith(`${item.path}.`)), leaf).toBe(true);
    }
  });

  it('puts every item in exactly one step, and every step has items', () => {
    for (const item of definition.items) {
      const steps = definition.steps.filter((step) => step.paths.includes(item.path));
      expect(steps.map((step) => step.id), item.path).toHaveLength(1);
    }
    const paths = definition.steps.flatMap((step) => step.paths);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.every((path) => definition.items.some((item) => item.path === path))).toBe(true);
    expect(definition.steps.every((step) => step.paths.length > 0)).toBe(true);
  });

  it('gives every item a label, an article and a reason in both languages', () => {
    for (const item of definition.items) {
      expect(item.label.en && item.label.fr && item.why.en && item.why.fr && item.article && item.number, item.path).toBeTruthy();
    }
  });

  it('prefills a draft the draft schema accepts, from the context alone and as a follow-up', () => {
    const ctx = buildPrefillContext({
      counterpart: { kind: 'provider', name: 'Examplemail Inc. (fictitious)', country: 'US', email: 'lert@example.com' },
      emergency: { facts: 'A child is in imminent danger tonight.' },
    });
    const draft = definition.prefill(ctx);
    expect(definition.draftSchema.safeParse(draft).error?.issues ?? []).toEqual([]);
    expect(JSON.stringify(draft)).toContain('OFMIN-2026-0042');
    const followUp = definition.prefill(buildPrefillContext({ identifiers: [], parent: { type: definition.type, reference: 'REQ-0001', sentAt: '2026-11-21T10:05:00Z', body } }));
    expect(definition.draftSchema.safeParse(followUp).error?.issues ?? []).toEqual([]);
    // With no identifiers in the case, a follow-up takes those of the earlier request.
    if (hasIdentifiers) expect((followUp as { identifiers?: unknown }).identifiers).toEqual(IDENTIFIERS);
  });

  it.each(['en', 'fr'] as const)('outlines the complete body in %s', (language) => {
    const outline = definition.outline(buildOutlineContext(definition, body, language));
    expect(outline.language).toBe(language);
    expect(outline.title).toBe(definition.title[language]);
    expect(outline.reference).toBe('OFMIN-2026-0042 / REQ-0007');
    expect(outline.footer).toBe(language === 'en' ? 'H2 — no onward sharing without permission' : 'H2 — pas de transmission sans autorisation');
    expect(outline.version).toBe(2);
    expect(outline.sections.length).toBe(definition.steps.length);
    const items = outline.sections.flatMap((section) => section.items);
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) {
      expect(typeof item.label).toBe('string');
      expect(item.label).not.toBe('');
      expect(JSON.stringify(item.value)).not.toMatch(/undefined|\[object Object\]/);
    }
    expect(outline.identifiers.rows).toHaveLength(hasIdentifiers ? 2 : 0);
    const signature = JSON.stringify(outline.signature);
    expect(signature).toContain('Claire Martin');
    expect(signature).toContain('Anne Leroy');
  });

  it('prints the French outline in French', () => {
    const en = definition.outline(buildOutlineContext(definition, body, 'en'));
    const fr = definition.outline(buildOutlineContext(definition, body, 'fr'));
    const frText = JSON.stringify(fr);
    // What Liaison writes (headings, labels, the labels inside values), not what the user typed.
    const lineLabels = (value: string | string[]) => (Array.isArray(value) ? value : [value]).map((line) => (line.includes(' : ') ? (line.split(' : ')[0] ?? '') : ''));
    const frStructure = JSON.stringify([fr.sections.map((section) => [section.heading, section.items.map((item) => [item.label, item.source, lineLabels(item.value)])]), fr.identifiers.columns, fr.signature]);
    const enLabels = [
      en.title,
      en.subtitle,
      en.footer,
      ...en.sections.flatMap((section) => [section.heading, ...section.items.map((item) => item.label)]),
      ...en.identifiers.columns,
      ...en.signature.items.map((item) => item.label),
    ];
    const frLabels = new Set([
      fr.title,
      fr.subtitle,
      fr.footer,
      ...fr.sections.flatMap((section) => [section.heading, ...section.items.map((item) => item.label)]),
      ...fr.identifiers.columns,
      ...fr.signature.items.map((item) => item.label),
    ]);
    for (const label of enLabels) if (!frLabels.has(label) && label.length > 4) expect(frStructure, label).not.toContain(label);
    expect(frText).not.toMatch(/\b(Yes|No|Identifier|Requesting authority|Drafted by|required by)\b/);
  });

  it('leaves empty values empty in the outline of an empty draft', () => {
    const outline = definition.outline(buildOutlineContext(definition, {}, 'en'));
    for (const item of outline.sections.flatMap((section) => section.items)) {
      expect(item.value === '' || (Array.isArray(item.value) && item.value.length === 0), item.number).toBe(true);
    }
    expect(outline.identifiers.rows).toEqual([]);
  });
});

describe('conditional items', () => {
  const cases: { type: keyof typeof COMPLETE_BODIES; change: [string, unknown][]; path: string }[] = [
    { type: 'preservation_247', change: [['status.kind', 'extension']], path: 'previousPreservation.reference' },
    { type: 'preservation_247', change: [['partialDisclosure', { requested: true }]], path: 'partialDisclosure.details' },
    { type: 'preservation_provider', change: [['status.kind', 'extension']], path: 'previousRequest.reference' },
    { type: 'mla_subscriber', change: [['status.kind', 'follow_up_mla']], path: 'previousMla.reference' },
    { type: 'mla_subscriber', change: [['urgency', { level: 'emergency' }]], path: 'urgency.emergencyFacts' },
    { type: 'emergency_disclosure', change: [['protocolStatement', false]], path: 'protocolStatement' },
    { type: 'epoc', change: [['issuingAuthority.role', 'prosecutor']], path: 'validation.authority' },
    { type: 'epoc', change: [['emergency', { isEmergency: true }]], path: 'emergency.facts' },
    { type: 'epoc_pr', change: [['issuingAuthority.role', 'other']], path: 'validation.authority' },
  ];
  it.each(cases.map((c) => [`${c.type}: ${c.path}`, c] as const))('%s', (_name, { type, change, path }) => {
    const definition = REQUEST_DEFINITIONS[type];
    let body: unknown = COMPLETE_BODIES[type];
    for (const [at, value] of change) body = setAt(body, at, value);
    const result = definition.check(body);
    expect(result.missing.map((m) => m.path)).toEqual([path]);
    const item = definition.items.find((i) => i.path === path);
    expect(item?.required).toBe(false);
    expect(result.missing[0]?.message.en).toContain(`(${item?.condition?.when.en})`);
    expect(definition.schema.safeParse(body).success).toBe(false);
  });

  it('does not require them when the condition does not hold', () => {
    expect(REQUEST_DEFINITIONS.epoc.check(setAt(setAt(COMPLETE_BODIES.epoc, 'issuingAuthority.role', 'prosecutor'), 'data.categories', ['subscriber'])).ok).toBe(true);
    expect(REQUEST_DEFINITIONS.emergency_disclosure.check(setAt(setAt(COMPLETE_BODIES.emergency_disclosure, 'basis', 'us_2702'), 'protocolStatement', false)).ok).toBe(true);
  });
});
