/**
 * The only way a directory row becomes JSON, and the only way validated input becomes a row.
 * Absent optional text is NULL in the database and an absent key in JSON; an empty string is
 * stored as NULL, so what an export writes, an import reads back unchanged.
 */
import {
  authorityInputSchema, providerInputSchema, type Authority, type Provider,
} from '../../../domain/directory.ts';
import type { z } from 'zod';
import type { AuthorityRow, AuthorityValues, ProviderRow, ProviderValues } from './directory.store.ts';

export type AuthorityFields = z.output<typeof authorityInputSchema>;
export type ProviderFields = z.output<typeof providerInputSchema>;

const text = (value: string | undefined | null): string | null => (value === undefined || value === null || value === '' ? null : value);
/** Only keys with a value: `{ unit: undefined }` would still be a key for toEqual and Object.keys. */
const optional = <K extends string>(key: K, value: string | null): Partial<Record<K, string>> =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, string>>;

export function presentAuthority(r: AuthorityRow): Authority {
  return {
    id: r.id,
    country: r.country,
    kind: r.kind,
    name: r.name,
    ...optional('unit', r.unit),
    availability: r.availability,
    ...optional('officeHours', r.office_hours),
    timeZone: r.time_zone,
    channels: r.channels.map((c) => ({ type: c.type, value: c.value })),
    languages: r.languages,
    encryptionRequired: r.encryption_required,
    eSignatureRequired: r.e_signature_required,
    ...optional('requirements', r.requirements),
    ...optional('notes', r.notes),
    fictitious: r.fictitious,
    ...optional('source', r.source),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function presentProvider(r: ProviderRow): Provider {
  return {
    id: r.id,
    name: r.name,
    aliases: r.aliases,
    legalEntity: r.legal_entity,
    country: r.country,
    ...optional('lawEnforcementPortal', r.law_enforcement_portal),
    ...optional('address', r.address),
    ...optional('emergencyProcedure', r.emergency_procedure),
    ...optional('emergencyContact', r.emergency_contact),
    dataHeld: r.data_held.map((d) => ({ category: d.category, retention: d.retention })),
    preservationDays: r.preservation_days,
    acceptsDirectPreservation: r.accepts_direct_preservation,
    disclosesNonContentVoluntarily: r.discloses_non_content_voluntarily,
    ...optional('directRequestsFrom', r.direct_requests_from),
    ...optional('userNotificationPolicy', r.user_notification_policy),
    euEstablishmentCountry: r.eu_establishment_country,
    ...optional('euEstablishmentName', r.eu_establishment_name),
    fictitious: r.fictitious,
    ...optional('source', r.source),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Validated authority input → the columns it writes. */
export function authorityValues(f: AuthorityFields): AuthorityValues {
  return {
    country: f.country,
    kind: f.kind,
    name: f.name,
    unit: text(f.unit),
    availability: f.availability,
    office_hours: text(f.officeHours),
    time_zone: f.timeZone,
    channels: f.channels.map((c) => ({ type: c.type, value: c.value })),
    languages: f.languages,
    encryption_required: f.encryptionRequired,
    e_signature_required: f.eSignatureRequired,
    requirements: text(f.requirements),
    notes: text(f.notes),
    fictitious: f.fictitious,
    source: text(f.source),
  };
}

/** Validated provider input → the columns it writes. */
export function providerValues(f: ProviderFields): ProviderValues {
  return {
    name: f.name,
    aliases: f.aliases,
    legal_entity: f.legalEntity,
    country: f.country,
    law_enforcement_portal: text(f.lawEnforcementPortal),
    address: text(f.address),
    emergency_procedure: text(f.emergencyProcedure),
    emergency_contact: text(f.emergencyContact),
    data_held: f.dataHeld.map((d) => ({ category: d.category, retention: d.retention })),
    preservation_days: f.preservationDays,
    accepts_direct_preservation: f.acceptsDirectPreservation,
    discloses_non_content_voluntarily: f.disclosesNonContentVoluntarily,
    direct_requests_from: text(f.directRequestsFrom),
    user_notification_policy: text(f.userNotificationPolicy),
    eu_establishment_country: f.euEstablishmentCountry,
    eu_establishment_name: text(f.euEstablishmentName),
    fictitious: f.fictitious,
    source: text(f.source),
  };
}
