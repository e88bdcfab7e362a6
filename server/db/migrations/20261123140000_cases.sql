-- Cases, their team (need-to-know), notes and identifiers. Requests come in their own migration.
-- PostgreSQL 15 compatible.

-- A user's line supervisor: supervisors see the cases of the people they supervise (issue 4,
-- "only members and their supervisors see the case").
ALTER TABLE users ADD COLUMN supervisor_id uuid REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX users_supervisor_idx ON users (supervisor_id) WHERE supervisor_id IS NOT NULL;

-- Case references run per organisation and year: 2026/00001, 2026/00002, …
CREATE TABLE case_counters (
  organisation_id  uuid NOT NULL REFERENCES organisations(id),
  year             integer NOT NULL,
  last             integer NOT NULL,
  PRIMARY KEY (organisation_id, year)
);

CREATE TABLE cases (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations(id),
  reference           text NOT NULL,
  title               text NOT NULL,
  summary             text NOT NULL DEFAULT '',
  offence_categories  text[] NOT NULL DEFAULT '{}',
  status              text NOT NULL CHECK (status IN ('open', 'suspended', 'closed')),
  handling_code       text NOT NULL CHECK (handling_code IN ('H0', 'H1', 'H2', 'H3')),
  created_by          uuid NOT NULL REFERENCES users(id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  search              tsvector GENERATED ALWAYS AS (
                        -- 2026/00042 would be one "file path" token; as two words it matches what prefixQuery makes.
                        setweight(to_tsvector('simple'::regconfig, translate(reference, '/-', '  ')), 'A')
                        || setweight(to_tsvector('simple'::regconfig, title), 'A')
                        || setweight(to_tsvector('simple'::regconfig, summary), 'B')
                      ) STORED,
  UNIQUE (organisation_id, reference)
);
CREATE INDEX cases_search_idx ON cases USING gin (search);
CREATE INDEX cases_org_updated_idx ON cases (organisation_id, updated_at DESC, id);

CREATE TABLE case_members (
  case_id    uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users(id),
  team_role  text NOT NULL CHECK (team_role IN ('lead', 'member')),
  added_at   timestamptz NOT NULL,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user_idx ON case_members (user_id, case_id);

CREATE TABLE case_notes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  author_id   uuid NOT NULL REFERENCES users(id),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at);

-- Identifiers as domain/identifiers.ts normalises them. dedupe_key merges duplicates within a
-- case; link_key finds the same identifier in other cases (an IP without its time, say).
CREATE TABLE case_identifiers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind         text NOT NULL,
  value        text NOT NULL,
  display      text NOT NULL,
  dedupe_key   text NOT NULL,
  link_key     text NOT NULL,
  observed_at  timestamptz,
  time_zone    text,
  local_time   text,
  port         integer,
  platform     text,
  network      text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  note         text,
  occurrences  integer NOT NULL DEFAULT 1,
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL,
  UNIQUE (case_id, dedupe_key)
);
CREATE INDEX case_identifiers_link_idx ON case_identifiers (link_key, case_id);

-- The case timeline reads the audit events that name the case.
CREATE INDEX audit_events_case_idx ON audit_events ((details->>'caseId'), seq DESC) WHERE details ? 'caseId';
