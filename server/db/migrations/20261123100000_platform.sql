-- Platform: organisations, users, credentials, sessions, API tokens, audit chain.
-- PostgreSQL 15 compatible (PGlite runs a newer major version; CI runs this on both).

CREATE TABLE organisations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  country     char(2) NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE users (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id       uuid NOT NULL REFERENCES organisations(id),
  email                 text NOT NULL,
  display_name          text NOT NULL,
  roles                 text[] NOT NULL,
  password_hash         text NOT NULL,
  must_change_password  boolean NOT NULL DEFAULT true,
  totp_secret           text,
  totp_pending_secret   text,
  -- The last TOTP time step accepted: a code of that step or an earlier one is refused (no reuse).
  totp_last_step        bigint,
  disabled_at           timestamptz,
  locked_at             timestamptz,
  last_login_at         timestamptz,
  created_at            timestamptz NOT NULL,
  CONSTRAINT users_email_lower CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id);

CREATE TABLE login_failures (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  failed_at   timestamptz NOT NULL
);
CREATE INDEX login_failures_user_idx ON login_failures (user_id, failed_at);

CREATE TABLE recovery_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash   text NOT NULL,
  used_at     timestamptz
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

CREATE TABLE sessions (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash           text NOT NULL,
  user_id              uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  mfa_verified         boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL,
  last_seen_at         timestamptz NOT NULL,
  absolute_expires_at  timestamptz NOT NULL,
  ended_at             timestamptz,
  end_reason           text,
  ip                   text,
  user_agent           text
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_user_open_idx ON sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL,
  prefix        text NOT NULL,
  token_hash    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz
);
CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Append-only, hash-chained. hash = SHA-256(prev_hash || canonical JSON of the event).
CREATE TABLE audit_events (
  seq              bigint PRIMARY KEY,
  occurred_at      timestamptz NOT NULL,
  actor_id         text,
  actor_label      text NOT NULL,
  organisation_id  text,
  action           text NOT NULL,
  target_type      text,
  target_id        text,
  outcome          text NOT NULL,
  ip               text,
  user_agent       text,
  justification    text,
  details          jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash        text NOT NULL,
  hash             text NOT NULL
);
CREATE INDEX audit_events_org_idx ON audit_events (organisation_id, seq DESC);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id);
CREATE INDEX audit_events_action_idx ON audit_events (action);

-- Signed heads of the audit chain (HMAC with the instance's audit key), so that deleting the
-- newest events (truncation), which a hash chain alone cannot show, is detected at verification.
CREATE TABLE audit_checkpoints (
  id          bigserial PRIMARY KEY,
  seq         bigint NOT NULL,
  hash        text NOT NULL,
  created_at  timestamptz NOT NULL,
  signature   text NOT NULL
);
