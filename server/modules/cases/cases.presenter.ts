/** The only way case rows become API objects (domain/cases.ts). */
import type { CaseIdentifier, CaseNote, CaseSummary, TeamMember, TimelineEvent } from '../../../domain/cases.ts';
import type { CaseRow, IdentifierRow, LinkRow, MemberRow, NoteRow, TimelineRow } from './cases.store.ts';

export function presentCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    handlingCode: row.handling_code,
    offenceCategories: row.offence_categories,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentMember(row: MemberRow): TeamMember {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles,
    teamRole: row.team_role,
    addedAt: row.added_at.toISOString(),
  };
}

export function presentNote(row: NoteRow): CaseNote {
  return { id: row.id, body: row.body, author: row.author, createdAt: row.created_at.toISOString() };
}

export function presentIdentifier(row: IdentifierRow, links: LinkRow[]): CaseIdentifier {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    display: row.display,
    observedAt: row.observed_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    localTime: row.local_time,
    port: row.port,
    platform: row.platform,
    network: row.network,
    details: row.details,
    note: row.note,
    occurrences: row.occurrences,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_label,
    links: links
      .filter((l) => l.link_key === row.link_key)
      .map((l) => ({ caseId: l.case_id, reference: l.reference, title: l.title, identifierId: l.identifier_id })),
  };
}

export function presentTimelineEvent(row: TimelineRow): TimelineEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  };
}
