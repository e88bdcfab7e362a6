/**
 * The HTTP API contract: one zod schema per payload, shared by the server (validation and the
 * generated OpenAPI document), the web app and the CLI. Types are inferred, never written twice.
 */
import { z } from 'zod';
import { roleSchema, PERMISSIONS } from './roles.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const email = z.email({ error: 'must be a valid e-mail address' }).max(254).transform((v) => v.toLowerCase());
const uuid = z.uuid({ error: 'must be a UUID' });
const isoDate = z.string().describe('ISO 8601 date-time in UTC');

/** `{ error: { code, message, fields } }`: the only error shape the API ever returns. */
export const errorCodeSchema = z.enum([
  'validation_failed',
  'unauthenticated',
  'mfa_required',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
  // Event registration (domain/events.ts EVENT_ERROR_CODES), all 409.
  'registration_not_open',
  'registration_closed',
  'event_full',
  'event_cancelled',
  'offer_expired',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;
export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---------------------------------------------------------------------------------- auth

export const bannerSchema = z.object({ text: z.string() });

export const loginBodySchema = z.object({
  email,
  password: z.string().min(1, { error: 'is required' }).max(MAX_PASSWORD_LENGTH),
  acknowledgeBanner: z.literal(true, { error: 'the monitoring notice must be acknowledged' }),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** What the signed-in (or half signed-in) client must do next. */
export const authStageSchema = z.enum(['change_password', 'enrol_mfa', 'verify_mfa', 'done']);
export type AuthStage = z.infer<typeof authStageSchema>;

export const organisationSchema = z.object({
  id: uuid,
  name: z.string(),
  country: z.string().length(2),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const userSchema = z.object({
  id: uuid,
  organisationId: uuid,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: isoDate,
  lastLoginAt: isoDate.nullable(),
  /** The user's line supervisor, who sees the cases of the people they supervise. */
  supervisorId: uuid.nullable(),
  /** A judge or court: validates what only a judge may (an EPOC for traffic or content data). */
  judge: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  organisation: organisationSchema,
  stage: authStageSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  session: z.object({ idleExpiresAt: isoDate, absoluteExpiresAt: isoDate }),
});
export type Me = z.infer<typeof meSchema>;

export const loginResultSchema = z.object({ stage: authStageSchema });
export type LoginResult = z.infer<typeof loginResultSchema>;

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, { error: 'is required' }).max(MAX_PASSWORD_LENGTH),
  newPassword: newPasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const totpSetupSchema = z.object({
  secret: z.string().describe('base32 key for manual entry'),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string().describe('PNG data URL of the otpauth QR code'),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

const totpCode = z.string().regex(/^\d{6}$/, { error: 'must be 6 digits' });

export const totpEnableBodySchema = z.object({ code: totpCode });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const mfaVerifyBodySchema = z.union([
  z.object({ code: totpCode }),
  z.object({ recoveryCode: z.string().min(8).max(32) }),
]);
export type MfaVerifyBody = z.infer<typeof mfaVerifyBodySchema>;

// ---------------------------------------------------------------------------- sessions

export const sessionSchema = z.object({
  id: uuid,
  createdAt: isoDate,
  lastSeenAt: isoDate,
  absoluteExpiresAt: isoDate,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });

// ------------------------------------------------------------------------------ tokens

export const apiTokenSchema = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const tokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const createTokenBodySchema = z.object({
  name: z.string().trim().min(1, { error: 'is required' }).max(100),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;
export const createdTokenSchema = z.object({
  token: apiTokenSchema,
  secret: z.string().describe('shown once; send as Authorization: Bearer <secret>'),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

// ------------------------------------------------------------------------------- users

export const createUserBodySchema = z.object({
  email,
  displayName: z.string().trim().min(1, { error: 'is required' }).max(200),
  roles: z.array(roleSchema).min(1, { error: 'at least one role is required' }),
  organisationId: uuid.optional().describe('operator only; defaults to the actor’s organisation'),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
export const createdUserSchema = z.object({
  user: userSchema,
  oneTimePassword: z.string().describe('shown once; the user must change it at first login'),
});
export type CreatedUser = z.infer<typeof createdUserSchema>;

export const updateRolesBodySchema = z.object({
  roles: z.array(roleSchema).min(1, { error: 'at least one role is required' }),
  /** A judge or court (with the prosecutor role): may validate what only a judge may (domain/lifecycle.ts). */
  judge: z.boolean().optional(),
});
export const setSupervisorBodySchema = z.object({ supervisorId: uuid.nullable() });
export const userListSchema = z.object({ users: z.array(userSchema) });
export const userIdParamsSchema = z.object({ id: uuid });
export const resetPasswordResultSchema = z.object({ oneTimePassword: z.string() });

// ------------------------------------------------------------------------------- audit

export const auditOutcomeSchema = z.enum(['success', 'failure', 'denied']);
export const auditEventSchema = z.object({
  seq: z.number().int(),
  occurredAt: isoDate,
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  organisationId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  justification: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  outcome: auditOutcomeSchema.optional(),
  from: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional().describe('return events with seq below this'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  nextBefore: z.number().int().nullable(),
});
export const auditExportQuerySchema = auditQuerySchema.omit({ limit: true, before: true }).extend({
  format: z.enum(['csv', 'json']).default('json'),
});
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;

export const okSchema = z.object({ ok: z.literal(true) });
