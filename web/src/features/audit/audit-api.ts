/** Queries of the audit log (`/audit`). */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { auditPageSchema, auditVerifySchema, type AuditQuery } from '../../../../domain/api.ts';
import { API_BASE, apiGet, toQueryString } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** The filters an auditor can set; paging (`limit`, `before`) is handled here. */
export type AuditFilters = Omit<AuditQuery, 'limit' | 'before'>;

/** Events per page: enough to scan a working session, small enough to load fast. */
const PAGE_SIZE = 100;

/** Audit events matching `filters`, newest first, a page at a time ("load older"). */
export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit, filters],
    queryFn: ({ pageParam }) =>
      apiGet(`/audit${toQueryString({ ...filters, limit: PAGE_SIZE, before: pageParam })}`, auditPageSchema),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
  });
}

/**
 * Address of the export file for `filters`. Used as a plain link: the browser downloads it with
 * the session cookie, streaming large exports straight to disk.
 */
export function auditExportUrl(filters: AuditFilters, format: 'csv' | 'json'): string {
  return `${API_BASE}/audit/export${toQueryString({ ...filters, format })}`;
}

/** Recomputes the hash chain on the server; run on request since it reads every event. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => apiGet('/audit/verify', auditVerifySchema) });
}
