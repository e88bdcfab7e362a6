/**
 * HTTP for the training catalogue: search and read (every signed-in user), create, replace,
 * delete and files (trainers of the owning organisation), and the public entries without an
 * account. Files are uploaded as the raw request body (application/octet-stream) with the file
 * name in the X-File-Name header, percent-encoded: no multipart parser, a progress bar in any
 * client that can count bytes sent, and the same call from curl (`--data-binary @file`).
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { okSchema } from '../../../domain/api.ts';
import {
  FILE_NAME_HEADER, publicTrainingItemSchema, trainingInputSchema, trainingItemSchema, trainingPageSchema, trainingQuerySchema,
  trainingUpdateSchema, trainingUploadPolicySchema, trainingUploadResultSchema,
} from '../../../domain/training.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import { contentDisposition } from './sniff.ts';
import * as training from './training.service.ts';

const itemParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });
const fileParams = z.object({ id: z.uuid({ error: 'must be a UUID' }), fileId: z.uuid({ error: 'must be a UUID' }) });

/** Anonymous readers: enough for a person browsing, not for scraping the instance. */
const PUBLIC_RATE = { max: 120, timeWindow: 60_000 };
const PUBLIC_DOWNLOAD_RATE = { max: 30, timeWindow: 60_000 };

/**
 * Sends a file as a download, never as a page: its sniffed type, `attachment`, `nosniff`, and a
 * sandboxing CSP, so even a text file holding HTML cannot run in Liaison's origin.
 */
function sendFile(reply: FastifyReply, download: training.TrainingDownload, cache: 'private' | 'public'): void {
  void reply
    .header('content-type', download.file.contentType)
    .header('content-length', String(download.content.length))
    .header('content-disposition', contentDisposition(download.file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('x-content-sha256', download.file.sha256)
    .header('cache-control', cache === 'public' ? 'no-cache' : 'private, no-store')
    .send(download.content);
}

export function trainingRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/training', summary: 'Search the training catalogue (full text over title, provider, summary, description; filters by audience, topic, language, format, level, upcoming/past)', tags: ['training'],
      access: 'user', permission: 'training.read', query: trainingQuerySchema, response: trainingPageSchema,
      handler: ({ actor, query }) => training.searchTraining(deps, actor, query),
    });
    route({
      method: 'GET', url: '/api/v1/training/upload-policy', summary: 'The largest file accepted and the accepted file types (check before sending a large file)', tags: ['training'],
      access: 'user', permission: 'training.read', response: trainingUploadPolicySchema,
      handler: async ({ actor }) => training.uploadPolicy(deps, actor),
    });
    route({
      method: 'POST', url: '/api/v1/training', summary: 'Add a course or material to the catalogue, owned by your organisation', tags: ['training'],
      access: 'user', permission: 'training.manage', body: trainingInputSchema, response: trainingItemSchema, status: 201,
      handler: ({ actor, body }) => training.createTraining(deps, actor, body),
    });
    route({
      method: 'GET', url: '/api/v1/training/:id', summary: 'One catalogue entry with its links and files', tags: ['training'],
      access: 'user', permission: 'training.read', params: itemParams, response: trainingItemSchema,
      handler: ({ actor, params }) => training.getTraining(deps, actor, params.id),
    });
    route({
      method: 'PUT', url: '/api/v1/training/:id', summary: 'Replace an entry of your organisation (send the version you read to be protected from overwriting a colleague’s change)', tags: ['training'],
      access: 'user', permission: 'training.manage', params: itemParams, body: trainingUpdateSchema, response: trainingItemSchema,
      handler: ({ actor, params, body }) => training.updateTraining(deps, actor, params.id, body),
    });
    route({
      method: 'DELETE', url: '/api/v1/training/:id', summary: 'Remove an entry of your organisation with its files', tags: ['training'],
      access: 'user', permission: 'training.manage', params: itemParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await training.deleteTraining(deps, actor, params.id);
        return { ok: true as const };
      },
    });
    route({
      method: 'POST', url: '/api/v1/training/:id/files', summary: 'Upload a file to an entry (PDF, DOCX, XLSX, PPTX, MP4, PNG, JPEG or UTF-8 text, recognised by content; size limit LIAISON_TRAINING_UPLOAD_MAX_MB)', tags: ['training'],
      access: 'user', permission: 'training.manage', params: itemParams, response: trainingUploadResultSchema, status: 201,
      bodyLimit: deps.config.trainingUploadMaxBytes,
      rawBody: {
        description: 'The file’s bytes, sent as application/octet-stream. Its type is read from the content, not from any header.',
        headers: [{ name: FILE_NAME_HEADER, required: true, description: 'The file name, percent-encoded UTF-8 (encodeURIComponent); its extension must match the content' }],
      },
      handler: ({ actor, params, request }) => {
        const header = request.headers[FILE_NAME_HEADER];
        return training.uploadTrainingFile(deps, actor, params.id, {
          fileName: Array.isArray(header) ? header[0] : header,
          content: request.body as Buffer,
        });
      },
    });
    route({
      method: 'GET', url: '/api/v1/training/:id/files/:fileId', summary: 'Download a file of an entry (as an attachment; x-content-sha256 names its hash)', tags: ['training'],
      access: 'user', permission: 'training.read', params: fileParams, response: null,
      handler: async ({ actor, params, reply }) => sendFile(reply, await training.readTrainingFile(deps, actor, params.id, params.fileId), 'private'),
    });
    route({
      method: 'DELETE', url: '/api/v1/training/:id/files/:fileId', summary: 'Remove a file from an entry of your organisation', tags: ['training'],
      access: 'user', permission: 'training.manage', params: fileParams, response: okSchema,
      handler: async ({ actor, params }) => {
        await training.deleteTrainingFile(deps, actor, params.id, params.fileId);
        return { ok: true as const };
      },
    });

    // ---- without an account: what trainers marked public, and nothing else (404 alike)
    route({
      method: 'GET', url: '/api/v1/public/training', summary: 'The public training entries, with the same search and filters (no account needed)', tags: ['training', 'public'],
      access: 'public', query: trainingQuerySchema, response: trainingPageSchema, rateLimit: PUBLIC_RATE,
      handler: ({ query }) => training.searchPublicTraining(deps, query),
    });
    route({
      method: 'GET', url: '/api/v1/public/training/:id', summary: 'One public training entry (404 for an entry that is not public)', tags: ['training', 'public'],
      access: 'public', params: itemParams, response: publicTrainingItemSchema, rateLimit: PUBLIC_RATE,
      handler: ({ params }) => training.getPublicTraining(deps, params.id),
    });
    route({
      method: 'GET', url: '/api/v1/public/training/:id/files/:fileId', summary: 'Download a file of a public training entry (no account needed)', tags: ['training', 'public'],
      access: 'public', params: fileParams, response: null, rateLimit: PUBLIC_DOWNLOAD_RATE,
      handler: async ({ params, reply }) => sendFile(reply, await training.readPublicTrainingFile(deps, params.id, params.fileId), 'public'),
    });
  });
}
