-- Events (webinars, conferences), their registrations, link tokens, the e-mail outbox and the
-- sign-up counter per e-mail domain (issue 5). PostgreSQL 15 compatible.
-- Capacity is enforced here, not in memory: seats_taken is changed only by conditional updates
-- (seats_taken < capacity) in the transaction that changes the registration, and the CHECK
-- makes an overbooked row impossible whatever the code does.

CREATE TABLE events (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id           uuid NOT NULL REFERENCES organisations(id),
  slug                      text NOT NULL UNIQUE,
  status                    text NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
  kind                      text NOT NULL CHECK (kind IN ('webinar', 'conference')),
  title                     text NOT NULL,
  description               text NOT NULL DEFAULT '',
  programme                 jsonb NOT NULL DEFAULT '[]',
  time_zone                 text NOT NULL,
  starts_at                 timestamptz NOT NULL,
  duration_minutes          integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 20160),
  -- starts_at + duration, kept by the application (timestamptz arithmetic is not immutable).
  ends_at                   timestamptz NOT NULL,
  language                  text NOT NULL,
  interpretation_note       text NOT NULL DEFAULT '',
  capacity                  integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  seats_taken               integer NOT NULL DEFAULT 0,
  registration_opens_at     timestamptz NOT NULL,
  registration_closes_at    timestamptz NOT NULL,
  questions                 jsonb NOT NULL DEFAULT '[]',
  requires_approval         boolean NOT NULL DEFAULT false,
  connection_instructions   text NOT NULL DEFAULT '',
  rules_of_engagement       text NOT NULL DEFAULT '',
  reminder_offsets          text[] NOT NULL DEFAULT '{P1D}',
  offer_window_hours        integer NOT NULL DEFAULT 48 CHECK (offer_window_hours BETWEEN 1 AND 720),
  materials                 jsonb NOT NULL DEFAULT '[]',
  privacy_notice            text NOT NULL DEFAULT '',
  contact_email             text,
  -- RFC 5545 SEQUENCE of the event's .ics: bumped when its times change after publication.
  ics_sequence              integer NOT NULL DEFAULT 0,
  created_by                uuid REFERENCES users(id),
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL,
  published_at              timestamptz,
  cancelled_at              timestamptz,
  personal_data_removed_at  timestamptz,
  search                    tsvector GENERATED ALWAYS AS (
                              setweight(to_tsvector('simple'::regconfig, title), 'A')
                              || setweight(to_tsvector('simple'::regconfig, description), 'B')
                            ) STORED,
  CONSTRAINT events_seats_within_capacity CHECK (seats_taken >= 0 AND seats_taken <= capacity),
  CONSTRAINT events_registration_window CHECK (registration_closes_at > registration_opens_at)
);
CREATE INDEX events_org_starts_idx ON events (organisation_id, starts_at DESC, id);
CREATE INDEX events_search_idx ON events USING gin (search);
-- The mail job looks for events around their start (reminders) and end (follow-ups, retention).
CREATE INDEX events_starts_idx ON events (starts_at) WHERE status = 'published';
CREATE INDEX events_ends_idx ON events (ends_at) WHERE personal_data_removed_at IS NULL;

CREATE TABLE event_registrations (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Arrival order: breaks ties between registrations verified in the same millisecond.
  seq                bigint GENERATED ALWAYS AS IDENTITY,
  event_id           uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  status             text NOT NULL CHECK (status IN ('pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered', 'cancelled', 'attended', 'rejected')),
  source             text NOT NULL CHECK (source IN ('public', 'organiser')),
  -- Personal data: emptied (name, organisation, answers) and nulled (email) by the retention job.
  name               text NOT NULL,
  organisation       text NOT NULL,
  email              text,
  answers            jsonb NOT NULL DEFAULT '{}',
  -- Kept after anonymisation: the statistics are counted from these.
  organisation_type  text CHECK (organisation_type IN ('police', 'prosecution', 'court', 'ministry', 'international_organisation', 'private_company', 'ngo', 'academia', 'other')),
  country            text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  role               text NOT NULL CHECK (role IN ('law_enforcement', 'prosecutor', 'judge', 'contact_point', 'private_sector', 'ngo', 'other')),
  language           text NOT NULL CHECK (language IN ('en', 'fr')),
  consent_at         timestamptz,
  created_at         timestamptz NOT NULL,
  -- Waiting-list order: first verified, first offered (FIFO), ties broken by arrival (seq).
  verified_at        timestamptz,
  confirmed_at       timestamptz,
  offered_at         timestamptz,
  offer_expires_at   timestamptz,
  cancelled_at       timestamptz,
  cancel_reason      text,
  attended_at        timestamptz,
  rejected_at        timestamptz,
  anonymised_at      timestamptz,
  CONSTRAINT event_registrations_offer CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
);
-- One registration per address and event unless cancelled: a second sign-up finds the first
-- (a rejected person cannot simply register again).
CREATE UNIQUE INDEX event_registrations_live_email_idx ON event_registrations (event_id, email)
  WHERE status IN ('pending_email', 'pending_approval', 'confirmed', 'waiting', 'offered', 'attended', 'rejected');
CREATE INDEX event_registrations_event_status_idx ON event_registrations (event_id, status);
CREATE INDEX event_registrations_waiting_idx ON event_registrations (event_id, verified_at, seq) WHERE status = 'waiting';
CREATE INDEX event_registrations_offers_idx ON event_registrations (offer_expires_at) WHERE status = 'offered';
CREATE INDEX event_registrations_unverified_idx ON event_registrations (created_at) WHERE status = 'pending_email';

-- Link tokens (256 random bits) are stored as SHA-256 only: a database reader cannot act for a registrant.
CREATE TABLE event_registration_tokens (
  token_hash       text PRIMARY KEY,
  registration_id  uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
  purpose          text NOT NULL CHECK (purpose IN ('verify', 'manage')),
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz
);
CREATE INDEX event_registration_tokens_registration_idx ON event_registration_tokens (registration_id);

-- The outbox: every e-mail to a registrant, with its delivery status. The body keeps its links
-- as placeholders, the link token is sealed (AES-GCM, key outside the database) until delivered.
CREATE TABLE event_messages (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Queue order: messages queued in one transaction share a timestamp.
  seq                bigint GENERATED ALWAYS AS IDENTITY,
  event_id           uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  registration_id    uuid REFERENCES event_registrations(id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('verification', 'approval_pending', 'confirmation', 'waiting_list', 'offer', 'cancellation', 'rejection', 'reminder', 'follow_up', 'event_cancelled')),
  language           text NOT NULL CHECK (language IN ('en', 'fr')),
  recipient          text,
  reply_to           text,
  subject            text NOT NULL,
  body               text NOT NULL,
  ics                text,
  ics_filename       text,
  link_token_sealed  text,
  -- Reminders (per offset) and follow-ups go out once per registration.
  dedupe_key         text UNIQUE,
  status             text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts           integer NOT NULL DEFAULT 0,
  last_error         text,
  next_attempt_at    timestamptz,
  sent_at            timestamptz,
  created_at         timestamptz NOT NULL
);
CREATE INDEX event_messages_due_idx ON event_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX event_messages_registration_idx ON event_messages (registration_id, seq);
CREATE INDEX event_messages_event_idx ON event_messages (event_id, seq DESC);

-- Sign-ups per e-mail domain, for the per-domain rate limit (no personal data: the domain only).
CREATE TABLE event_signup_attempts (
  domain  text NOT NULL,
  at      timestamptz NOT NULL
);
CREATE INDEX event_signup_attempts_domain_idx ON event_signup_attempts (domain, at);
