/**
 * Queries and mutations of the training catalogue, signed in and public, and the file upload
 * (an XMLHttpRequest: unlike fetch, it reports how much of the body has been sent).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorBodySchema, type ErrorCode } from '../../../../domain/api.ts';
import {
  FILE_NAME_HEADER,
  publicTrainingItemSchema,
  trainingItemSchema,
  trainingPageSchema,
  trainingUploadPolicySchema,
  trainingUploadResultSchema,
  type TrainingInput,
  type TrainingQueryInput,
  type TrainingUpdate,
  type TrainingUploadResult,
} from '../../../../domain/training.ts';
import { API_BASE, ApiError, apiDelete, apiGet, apiPost, apiPut, toQueryString } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** Filters, order and page of a catalogue list, as the API reads them. */
export type TrainingFilters = TrainingQueryInput;

function queryString(filters: TrainingFilters): string {
  const flat: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (Array.isArray(value)) flat[key] = value.length ? value.join(',') : undefined;
    else if (typeof value === 'string' || typeof value === 'number') flat[key] = value;
  }
  return toQueryString(flat);
}

const itemPath = (id: string, rest = '') => `/training/${encodeURIComponent(id)}${rest}`;

/** Where a file of an entry is downloaded (signed in). */
export function trainingFileUrl(itemId: string, fileId: string): string {
  return `${API_BASE}${itemPath(itemId, `/files/${encodeURIComponent(fileId)}`)}`;
}

/** Where a file of a public entry is downloaded, without an account. */
export function publicTrainingFileUrl(itemId: string, fileId: string): string {
  return `${API_BASE}/public/training/${encodeURIComponent(itemId)}/files/${encodeURIComponent(fileId)}`;
}

/** One page of the catalogue; the previous page stays on screen while the next loads. */
export function useTrainingList(filters: TrainingFilters) {
  return useQuery({
    queryKey: [...queryKeys.training, 'list', filters],
    queryFn: () => apiGet(`/training${queryString(filters)}`, trainingPageSchema),
    placeholderData: keepPreviousData,
  });
}

/** One page of the public entries (no session needed). */
export function usePublicTrainingList(filters: TrainingFilters) {
  return useQuery({
    queryKey: [...queryKeys.training, 'public', 'list', filters],
    queryFn: () => apiGet(`/public/training${queryString(filters)}`, trainingPageSchema),
    placeholderData: keepPreviousData,
  });
}

/** One entry with its links, files and whether the user may edit it. */
export function useTrainingItem(id: string) {
  return useQuery({ queryKey: [...queryKeys.training, id], queryFn: () => apiGet(itemPath(id), trainingItemSchema) });
}

/** One public entry. */
export function usePublicTrainingItem(id: string) {
  return useQuery({
    queryKey: [...queryKeys.training, 'public', id],
    queryFn: () => apiGet(`/public/training/${encodeURIComponent(id)}`, publicTrainingItemSchema),
  });
}

/** The largest file the server accepts and the accepted types (they rarely change). */
export function useUploadPolicy(enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.training, 'upload-policy'],
    queryFn: () => apiGet('/training/upload-policy', trainingUploadPolicySchema),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** A change to one entry shows in its page, in every list and on the public page. */
function useInvalidateTraining() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.training });
}

export function useCreateTraining() {
  const invalidate = useInvalidateTraining();
  return useMutation({
    mutationFn: (body: TrainingInput) => apiPost('/training', trainingItemSchema, body),
    onSuccess: invalidate,
  });
}

/** Replaces an entry; the body carries the version the editor read (409 if it moved on). */
export function useUpdateTraining(id: string) {
  const invalidate = useInvalidateTraining();
  return useMutation({
    mutationFn: (body: TrainingUpdate) => apiPut(itemPath(id), trainingItemSchema, body),
    onSuccess: invalidate,
  });
}

export function useDeleteTraining() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(itemPath(id)),
    // The entry's own query is dropped, not refetched: it would answer 404.
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: [...queryKeys.training, id] });
      return queryClient.invalidateQueries({ queryKey: queryKeys.training });
    },
  });
}

export function useDeleteTrainingFile(itemId: string) {
  const invalidate = useInvalidateTraining();
  return useMutation({
    mutationFn: (fileId: string) => apiDelete(itemPath(itemId, `/files/${encodeURIComponent(fileId)}`)),
    onSuccess: invalidate,
  });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return status >= 400 && status < 500 ? 'validation_failed' : 'internal_error';
}

/** The upload was stopped by the user. */
export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/**
 * Sends a file's bytes as the request body (application/octet-stream, its name percent-encoded
 * in X-File-Name) and reports progress as bytes leave the browser. Rejects with an ApiError for
 * a refusal, a TypeError when the server cannot be reached, UploadCancelled when aborted.
 */
export function uploadTrainingFile(
  itemId: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<TrainingUploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${itemPath(itemId, '/files')}`);
    xhr.setRequestHeader('accept', 'application/json');
    // The server reads the type from the content; this only says "bytes, not JSON".
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = trainingUploadResultSchema.safeParse(payload);
        if (parsed.success) return resolve(parsed.data);
        return reject(new ApiError(xhr.status, { error: { code: 'internal_error', message: '', fields: [] } }));
      }
      const error = errorBodySchema.safeParse(payload);
      reject(new ApiError(xhr.status, error.success ? error.data : { error: { code: codeForStatus(xhr.status), message: '', fields: [] } }));
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new UploadCancelled());
    if (signal) {
      if (signal.aborted) return xhr.abort();
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}

/** Re-reads everything about the catalogue after an upload (its new file, its version). */
export function useRefreshTraining() {
  return useInvalidateTraining();
}
