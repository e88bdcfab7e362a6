-- The training catalogue (issue 5, point 1): courses and materials, their files, and what the
-- search and the public page need. PostgreSQL 15 compatible.

CREATE TABLE training_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organisation whose trainers maintain the entry; every signed-in user reads it.
  organisation_id  uuid NOT NULL REFERENCES organisations(id),
  kind             text NOT NULL CHECK (kind IN ('course', 'material')),
  title            text NOT NULL,
  summary          text NOT NULL DEFAULT '',
  description      text NOT NULL DEFAULT '',
  provider         text NOT NULL,
  audiences        text[] NOT NULL CHECK (cardinality(audiences) >= 1),
  topics           text[] NOT NULL CHECK (cardinality(topics) >= 1),
  languages        text[] NOT NULL CHECK (cardinality(languages) >= 1),
  format           text NOT NULL CHECK (format IN ('online', 'classroom', 'self_paced')),
  level            text NOT NULL CHECK (level IN ('introductory', 'intermediate', 'advanced')),
  -- Calendar dates of the course where it is held (not instants): no time zone to get wrong.
  starts_on        date,
  ends_on          date,
  location         text,
  links            jsonb NOT NULL DEFAULT '[]'::jsonb,
  public           boolean NOT NULL DEFAULT false,
  -- Bumped on every change; an editor sends the version it read (lost-update protection).
  version          integer NOT NULL DEFAULT 1,
  created_by       uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  search           tsvector GENERATED ALWAYS AS (
                     setweight(to_tsvector('simple'::regconfig, title), 'A')
                     || setweight(to_tsvector('simple'::regconfig, provider), 'A')
                     || setweight(to_tsvector('simple'::regconfig, summary), 'B')
                     || setweight(to_tsvector('simple'::regconfig, description), 'C')
                   ) STORED,
  CHECK (format <> 'self_paced' OR (starts_on IS NULL AND ends_on IS NULL)),
  CHECK (ends_on IS NULL OR (starts_on IS NOT NULL AND ends_on >= starts_on)),
  CHECK ((format = 'classroom') = (location IS NOT NULL))
);
CREATE INDEX training_items_search_idx ON training_items USING gin (search);
-- Filters are "any of these" over arrays (&&), which a GIN index answers.
CREATE INDEX training_items_topics_idx ON training_items USING gin (topics);
CREATE INDEX training_items_audiences_idx ON training_items USING gin (audiences);
CREATE INDEX training_items_languages_idx ON training_items USING gin (languages);
-- Upcoming/past and "by start date" read the last day of the entry; the public page reads public ones.
CREATE INDEX training_items_dates_idx ON training_items ((coalesce(ends_on, starts_on)), starts_on);
CREATE INDEX training_items_public_idx ON training_items (updated_at DESC, id) WHERE public;
CREATE INDEX training_items_updated_idx ON training_items (updated_at DESC, id);
CREATE INDEX training_items_org_idx ON training_items (organisation_id);

-- Files of an entry; the bytes live once in `files`, whatever the number of entries using them.
CREATE TABLE training_files (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id       uuid NOT NULL REFERENCES training_items(id) ON DELETE CASCADE,
  sha256        text NOT NULL REFERENCES files(sha256),
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  uploaded_by   uuid NOT NULL REFERENCES users(id),
  uploaded_at   timestamptz NOT NULL,
  -- The same bytes attached twice to one entry are one attachment.
  UNIQUE (item_id, sha256)
);
CREATE INDEX training_files_sha256_idx ON training_files (sha256);
