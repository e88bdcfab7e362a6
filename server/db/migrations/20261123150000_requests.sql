-- Requests (outgoing and incoming), their transitions, generated documents, deadline reminders
-- and iCalendar feeds. PostgreSQL 15 compatible.

ALTER TABLE cases ADD COLUMN last_request_no integer NOT NULL DEFAULT 0;

CREATE TABLE requests (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id             uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  organisation_id     uuid NOT NULL REFERENCES organisations(id),
  -- The case reference and a number within the case: 2026/00042-R3.
  reference           text NOT NULL,
  type                text NOT NULL,
  direction           text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  status              text NOT NULL CHECK (status IN ('draft', 'awaiting_validation', 'validated', 'sent', 'acknowledged',
                        'partially_executed', 'executed', 'refused', 'cannot_execute', 'withdrawn', 'expired', 'closed',
                        'received', 'assigned', 'forwarded')),
  -- The request this one follows: an extension, the MLA after a preservation, the EPOC after an EPOC-PR.
  parent_id           uuid REFERENCES requests(id),
  relation            text CHECK (relation IN ('extension', 'follow_up')),
  route_id            text,
  data_category       text,
  emergency           boolean NOT NULL DEFAULT false,
  emergency_facts     text,
  -- Who the request goes to (or came from): { kind, name, country, timeZone, authorityId?, providerId?, email? }.
  counterpart         jsonb NOT NULL DEFAULT '{}'::jsonb,
  counterpart_country text,
  counterpart_zone    text,
  -- The request-type body (domain/requests/<type>.ts); drafts may be incomplete.
  body                jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Goes up at every edit of the body: documents are numbered by it.
  body_version        integer NOT NULL DEFAULT 1,
  assigned_to         uuid REFERENCES users(id),
  created_by          uuid NOT NULL REFERENCES users(id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  validated_by        uuid REFERENCES users(id),
  validated_at        timestamptz,
  validation_decision text,
  sent_at             timestamptz,
  received_at         timestamptz,
  acknowledged_at     timestamptz,
  outcome_at          timestamptz,
  closed_at           timestamptz,
  -- Deadline facts the engine needs besides the dates above: extensions, follow-up received, …
  deadline_events     jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The next deadline (domain/deadlines.ts), kept with the row for the due/overdue dashboard.
  next_due_at         timestamptz,
  next_due_kind       text,
  next_warn_at        timestamptz,
  UNIQUE (organisation_id, reference)
);
CREATE INDEX requests_case_idx ON requests (case_id, created_at);
CREATE INDEX requests_parent_idx ON requests (parent_id) WHERE parent_id IS NOT NULL;
-- The request list and the dashboard: by organisation, status and due date.
CREATE INDEX requests_org_status_due_idx ON requests (organisation_id, status, next_due_at, id);
CREATE INDEX requests_org_due_idx ON requests (organisation_id, next_due_at, id) WHERE next_due_at IS NOT NULL;
CREATE INDEX requests_warn_idx ON requests (next_warn_at) WHERE next_warn_at IS NOT NULL;

-- Every transition, with who fired it and what they gave (reason, decision).
CREATE TABLE request_transitions (
  id           bigserial PRIMARY KEY,
  request_id   uuid NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  transition   text NOT NULL,
  from_status  text NOT NULL,
  to_status    text NOT NULL,
  actor_id     uuid REFERENCES users(id),
  actor_label  text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  at           timestamptz NOT NULL
);
CREATE INDEX request_transitions_request_idx ON request_transitions (request_id, id);

-- Content-addressed file store (generated documents; later evidence and training material).
CREATE TABLE files (
  sha256        text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content       bytea NOT NULL,
  size          integer NOT NULL,
  content_type  text NOT NULL,
  created_at    timestamptz NOT NULL
);

CREATE TABLE request_documents (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id    uuid NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  -- The body version it was generated from; one document per (version, format, language).
  version       integer NOT NULL,
  format        text NOT NULL CHECK (format IN ('pdf', 'docx')),
  language      text NOT NULL CHECK (language IN ('en', 'fr')),
  sha256        text NOT NULL REFERENCES files(sha256),
  size          integer NOT NULL,
  generated_by  uuid NOT NULL REFERENCES users(id),
  generated_at  timestamptz NOT NULL,
  UNIQUE (request_id, version, format, language)
);

-- One row per reminder sent, so a reminder goes out once per deadline and recipient.
CREATE TABLE deadline_reminders (
  request_id  uuid NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  due_at      timestamptz NOT NULL,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (request_id, kind, due_at, user_id)
);

-- A user's secret iCalendar feed URL (only the token's hash is kept; revoking deletes the row).
CREATE TABLE calendar_feeds (
  user_id     uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL
);
