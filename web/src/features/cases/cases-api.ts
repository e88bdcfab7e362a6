/** Queries and mutations of cases: the list, one case, its team, notes, timeline and identifiers. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  addedIdentifierSchema,
  caseIdentifierListSchema,
  caseNoteListSchema,
  caseNoteSchema,
  casePageSchema,
  caseSchema,
  colleagueListSchema,
  teamMemberSchema,
  timelineSchema,
  type CaseInput,
  type CasePatch,
  type CaseStatus,
  type TeamRole,
} from '../../../../domain/cases.ts';
import type { IdentifierInput } from '../../../../domain/identifiers.ts';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, toQueryString } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** Filters and page of the cases list. */
export interface CaseFilters {
  q?: string;
  status?: CaseStatus;
  limit: number;
  offset: number;
}

/** What the identifier form sends: the parser's input plus the investigator's note. */
export type IdentifierBody = IdentifierInput & { note?: string };

/** Timeline events per page ("load more" asks for the next ones). */
const TIMELINE_PAGE_SIZE = 50;

const teamSchema = z.object({ items: z.array(teamMemberSchema) });

function casePath(id: string, rest = ''): string {
  return `/cases/${encodeURIComponent(id)}${rest}`;
}

/** One page of the cases the user may see; the previous page stays on screen while the next loads. */
export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: [...queryKeys.cases, 'list', filters],
    queryFn: () => apiGet(`/cases${toQueryString({ ...filters })}`, casePageSchema),
    placeholderData: keepPreviousData,
  });
}

/** One case with its team, counts and what the user may do with it. */
export function useCase(id: string) {
  return useQuery({ queryKey: [...queryKeys.cases, id], queryFn: () => apiGet(casePath(id), caseSchema) });
}

/** The case's identifiers, each with its links to other cases the user may see. */
export function useCaseIdentifiers(id: string) {
  return useQuery({
    queryKey: [...queryKeys.cases, id, 'identifiers'],
    queryFn: () => apiGet(casePath(id, '/identifiers'), caseIdentifierListSchema),
  });
}

/** The case notes, newest first. */
export function useCaseNotes(id: string) {
  return useQuery({ queryKey: [...queryKeys.cases, id, 'notes'], queryFn: () => apiGet(casePath(id, '/notes'), caseNoteListSchema) });
}

/** The case's timeline, newest first, a page at a time ("load more"). */
export function useCaseTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.cases, id, 'timeline'],
    queryFn: ({ pageParam }) =>
      apiGet(casePath(id, `/timeline${toQueryString({ limit: TIMELINE_PAGE_SIZE, before: pageParam })}`), timelineSchema),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
  });
}

/** Users of the organisation who can join a case team (only asked for by those who manage one). */
export function useColleagues(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.colleagues, queryFn: () => apiGet('/colleagues', colleagueListSchema), enabled });
}

/**
 * Any change to a case shows in its page, its timeline and the list (last change), so every
 * query about cases is read again.
 */
function useInvalidateCases() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.cases });
}

/** Opens a case; the user becomes its lead. */
export function useCreateCase() {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CaseInput) => apiPost('/cases', caseSchema, body),
    onSuccess: invalidate,
  });
}

/** Changes a case's title, summary, offences, handling code or status. */
export function useUpdateCase(id: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CasePatch) => apiPatch(casePath(id), caseSchema, body),
    onSuccess: invalidate,
  });
}

/** Adds someone to the case team, or changes their team role. */
export function useSetMember(caseId: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: ({ userId, teamRole }: { userId: string; teamRole: TeamRole }) =>
      apiPut(casePath(caseId, `/team/${encodeURIComponent(userId)}`), teamSchema, { teamRole }),
    onSuccess: invalidate,
  });
}

/** Removes someone from the case team. */
export function useRemoveMember(caseId: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (userId: string) => apiDelete(casePath(caseId, `/team/${encodeURIComponent(userId)}`)),
    onSuccess: invalidate,
  });
}

/** Adds a note to the case. */
export function useAddNote(caseId: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: { body: string }) => apiPost(casePath(caseId, '/notes'), caseNoteSchema, body),
    onSuccess: invalidate,
  });
}

/** Adds an identifier; the answer says whether it merged with one already in the case. */
export function useAddIdentifier(caseId: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: IdentifierBody) => apiPost(casePath(caseId, '/identifiers'), addedIdentifierSchema, body),
    onSuccess: invalidate,
  });
}

/** Removes an identifier from the case. */
export function useRemoveIdentifier(caseId: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (identifierId: string) => apiDelete(casePath(caseId, `/identifiers/${encodeURIComponent(identifierId)}`)),
    onSuccess: invalidate,
  });
}
