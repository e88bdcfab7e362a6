/**
 * Reading and writing a draft body by the dot paths the request definitions use
 * ('requestingAuthority.timeZone'), and what kind of field each item needs. The kind is read from
 * the type's draft schema, so a new field in a definition gets the right input without UI code.
 */
import { z } from 'zod';
import type { RequestTypeDefinition, RequiredItem } from '../../../../../domain/requests/definition.ts';

/** A draft body: any JSON object. */
export type Body = Record<string, unknown>;

/** The value at a dot path, or undefined. */
export function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * A copy of `body` with `value` at `path`; `undefined` removes the key. An emptied field is
 * removed rather than stored as '' because the complete schema rejects an empty optional date or
 * country, which would hold the request back with nothing to point at.
 */
export function withValue(body: Body, path: string, value: unknown): Body {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return body;
  const copy: Body = { ...body };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  const inner = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Body) : {};
  const next = withValue(inner, rest.join('.'), value);
  if (Object.keys(next).length === 0) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** What input an item needs. */
export type FieldKind =
  | { kind: 'text'; long: boolean }
  | { kind: 'date' }
  | { kind: 'timeZone' }
  | { kind: 'country' }
  | { kind: 'select'; options: string[] }
  | { kind: 'multi'; options: string[] }
  | { kind: 'statement' }
  | { kind: 'boolean'; yesNo: boolean }
  | { kind: 'number' }
  | { kind: 'period' }
  | { kind: 'identifiers' };

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else return current;
  }
}

function schemaAt(schema: z.ZodType, path: string): z.ZodType | undefined {
  let current: z.ZodType = unwrap(schema);
  for (const segment of path.split('.')) {
    if (!(current instanceof z.ZodObject)) return undefined;
    const next = (current.shape as Record<string, z.ZodType | undefined>)[segment];
    if (next === undefined) return undefined;
    current = unwrap(next);
  }
  return current;
}

/** Free texts that take more than a line: facts, relations, descriptions, addresses. */
const LONG_TEXTS = new Set([
  'facts',
  'description',
  'relationToOffence',
  'relation',
  'necessity',
  'details',
  'provisions',
  'decisions',
  'instructions',
  'otherInformation',
  'reasonProviderHasData',
  'domesticLegalGrounds',
  'domesticLegalBasis',
  'domestic',
  'preservation',
  'otherMeans',
  'additionalInformation',
  'note',
  'text',
  'process',
  'address',
]);

/** Fields that hold a country code. */
const COUNTRY_FIELDS = new Set(['country', 'issuingState', 'enforcingState']);

/** The input an item of `definition` needs, from its draft schema and its declaration. */
export function fieldKind(definition: RequestTypeDefinition, item: RequiredItem): FieldKind {
  const last = item.path.split('.').pop() ?? item.path;
  if (item.statement) return { kind: 'statement' };
  const schema = schemaAt(definition.draftSchema, item.path);
  if (schema instanceof z.ZodArray) {
    const element = unwrap(schema.element as z.ZodType);
    if (element instanceof z.ZodObject) return { kind: 'identifiers' };
    return { kind: 'multi', options: item.options ? Object.keys(item.options) : [] };
  }
  if (schema instanceof z.ZodObject) return { kind: 'period' };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean', yesNo: item.required || item.condition !== undefined };
  if (schema instanceof z.ZodNumber) return { kind: 'number' };
  if (schema instanceof z.ZodEnum || item.options) {
    return { kind: 'select', options: item.options ? Object.keys(item.options) : schema instanceof z.ZodEnum ? schema.options.map(String) : [] };
  }
  if (last === 'timeZone') return { kind: 'timeZone' };
  if (COUNTRY_FIELDS.has(last)) return { kind: 'country' };
  if (last === 'date' || last.endsWith('Date')) return { kind: 'date' };
  return { kind: 'text', long: LONG_TEXTS.has(last) };
}

/** An element id for an item's input, so the "Before sending" list can move the focus to it. */
export function fieldDomId(path: string): string {
  return `draft-field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * The item a path from check() or the server belongs to: the item itself, the item it is inside
 * ('identifiers.0.timeZone' → 'identifiers'), or the first item under it ('confirmationContact'
 * → 'confirmationContact.name').
 */
export function itemForPath(items: readonly RequiredItem[], path: string): RequiredItem | undefined {
  const exact = items.find((item) => item.path === path);
  if (exact) return exact;
  const owner = items
    .filter((item) => path.startsWith(`${item.path}.`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (owner) return owner;
  return items.find((item) => item.path.startsWith(`${path}.`));
}
