/** Queries and mutations of the directory: authorities, providers, import and export. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  authorityPageSchema,
  authoritySchema,
  importResultSchema,
  providerPageSchema,
  providerSchema,
  type AuthorityInput,
  type AuthorityKind,
  type ProviderInput,
} from '../../../../domain/directory.ts';
import { API_BASE, apiDelete, apiGet, apiPost, apiPut, toQueryString } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { useCan } from '../auth/session.ts';

/** The two kinds of directory entries, as the API names them. */
export type DirectoryKind = 'authorities' | 'providers';
/** The file formats of import and export. */
export type DirectoryFormat = 'csv' | 'json';

/** Whether the user may create, edit, delete and import entries (coordinators). */
export function useCanManageDirectory(): boolean {
  return useCan('directory.manage');
}

/** Filters and page of the authorities list. */
export interface AuthorityFilters {
  q?: string;
  country?: string;
  kind?: AuthorityKind;
  treaty?: string;
  available247?: boolean;
  limit: number;
  offset: number;
}

/** Filters and page of the providers list. */
export interface ProviderFilters {
  q?: string;
  country?: string;
  limit: number;
  offset: number;
}

/** One page of authorities; the previous page stays on screen while the next one loads. */
export function useAuthorities(filters: AuthorityFilters) {
  return useQuery({
    queryKey: [...queryKeys.directory, 'authorities', filters],
    queryFn: () =>
      apiGet(
        `/directory/authorities${toQueryString({
          ...filters,
          available247: filters.available247 === undefined ? undefined : String(filters.available247),
        })}`,
        authorityPageSchema,
      ),
    placeholderData: keepPreviousData,
  });
}

/** One page of providers. */
export function useProviders(filters: ProviderFilters) {
  return useQuery({
    queryKey: [...queryKeys.directory, 'providers', filters],
    queryFn: () => apiGet(`/directory/providers${toQueryString({ ...filters })}`, providerPageSchema),
    placeholderData: keepPreviousData,
  });
}

/** One provider, for its profile page. */
export function useProvider(id: string | undefined) {
  return useQuery({
    queryKey: [...queryKeys.directory, 'provider', id],
    queryFn: () => apiGet(`/directory/providers/${encodeURIComponent(id ?? '')}`, providerSchema),
    enabled: id !== undefined && id !== '',
  });
}

/** After any change, every list and profile built from the directory is read again. */
function useInvalidateDirectory() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.directory });
}

/** Creates an authority (no `id`) or replaces one. */
export function useSaveAuthority() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AuthorityInput }) =>
      id === undefined
        ? apiPost('/directory/authorities', authoritySchema, body)
        : apiPut(`/directory/authorities/${encodeURIComponent(id)}`, authoritySchema, body),
    onSuccess: invalidate,
  });
}

/** Creates a provider (no `id`) or replaces one. */
export function useSaveProvider() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProviderInput }) =>
      id === undefined
        ? apiPost('/directory/providers', providerSchema, body)
        : apiPut(`/directory/providers/${encodeURIComponent(id)}`, providerSchema, body),
    onSuccess: invalidate,
  });
}

/** Deletes an authority or a provider. */
export function useDeleteEntry() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: DirectoryKind; id: string }) =>
      apiDelete(`/directory/${kind}/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}

/** Imports a CSV or JSON file: all rows or none. */
export function useImportDirectory() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (body: { kind: DirectoryKind; format: DirectoryFormat; content: string }) =>
      apiPost('/directory/import', importResultSchema, body),
    onSuccess: invalidate,
  });
}

/** Address of the export file; the server sends it as a download. */
export function directoryExportUrl(kind: DirectoryKind, format: DirectoryFormat): string {
  return `${API_BASE}/directory/export${toQueryString({ kind, format })}`;
}
