-- Directory: authorities and contact points (24/7 points, central authorities, Eurojust desks,
-- judicial and other competent authorities) and service providers. Instance-wide reference data,
-- not per organisation. Field names follow domain/directory.ts.
-- PostgreSQL 15 compatible: generated columns (12+), GIN over tsvector; nothing newer.

-- array_to_string is STABLE (it can call any type's output function), so a generated column may
-- not call it. For text[] the result depends on the input only; this wrapper says so.
CREATE FUNCTION directory_words(words text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string(words, ' '), '') $$;

CREATE TABLE authorities (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country               text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  kind                  text NOT NULL CHECK (kind IN ('contact_point_24_7', 'central_authority', 'eurojust_national_desk',
                                                      'eurojust_contact_point', 'judicial_authority', 'competent_authority')),
  name                  text NOT NULL,
  unit                  text,
  availability          text NOT NULL CHECK (availability IN ('24/7', 'office_hours')),
  office_hours          text,
  time_zone             text NOT NULL,
  -- [{ "type": "email", "value": "…" }, …] in the order given
  channels              jsonb NOT NULL DEFAULT '[]'::jsonb,
  languages             text[] NOT NULL DEFAULT '{}',
  encryption_required   boolean NOT NULL DEFAULT false,
  e_signature_required  boolean NOT NULL DEFAULT false,
  requirements          text,
  notes                 text,
  fictitious            boolean NOT NULL DEFAULT false,
  source                text,
  updated_at            timestamptz NOT NULL,
  -- The actor as the audit log labels it (an e-mail address, or operator:cli).
  updated_by            text NOT NULL,
  -- Full-text search: the 'simple' configuration (no stemming, no stop words) suits names in
  -- every language; the name weighs most.
  search                tsvector GENERATED ALWAYS AS (
                          setweight(to_tsvector('simple'::regconfig, name), 'A')
                          || setweight(to_tsvector('simple'::regconfig, coalesce(unit, '')), 'B')
                          || setweight(to_tsvector('simple'::regconfig, country), 'B')
                          || setweight(to_tsvector('simple'::regconfig, coalesce(notes, '')), 'D')
                        ) STORED
);
CREATE INDEX authorities_search_idx ON authorities USING gin (search) WITH (fastupdate = off);
-- The list is ordered by country and name; the country and kind filters use these too.
CREATE INDEX authorities_country_name_idx ON authorities (country, name, id);
CREATE INDEX authorities_kind_idx ON authorities (kind, country);

CREATE TABLE providers (
  id                                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                              text NOT NULL,
  aliases                           text[] NOT NULL DEFAULT '{}',
  legal_entity                      text NOT NULL,
  country                           text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  law_enforcement_portal            text,
  address                           text,
  emergency_procedure               text,
  emergency_contact                 text,
  -- [{ "category": "subscriber", "retention": "…" }, …] in the order given
  data_held                         jsonb NOT NULL DEFAULT '[]'::jsonb,
  preservation_days                 integer CHECK (preservation_days > 0),
  accepts_direct_preservation       boolean NOT NULL DEFAULT false,
  discloses_non_content_voluntarily boolean NOT NULL DEFAULT false,
  direct_requests_from              text,
  user_notification_policy          text,
  eu_establishment_country          text CHECK (eu_establishment_country ~ '^[A-Z]{2}$'),
  eu_establishment_name             text,
  fictitious                        boolean NOT NULL DEFAULT false,
  source                            text,
  updated_at                        timestamptz NOT NULL,
  updated_by                        text NOT NULL,
  search                            tsvector GENERATED ALWAYS AS (
                                      setweight(to_tsvector('simple'::regconfig, name), 'A')
                                      || setweight(to_tsvector('simple'::regconfig, directory_words(aliases)), 'A')
                                      || setweight(to_tsvector('simple'::regconfig, legal_entity), 'B')
                                      || setweight(to_tsvector('simple'::regconfig, country), 'B')
                                      || setweight(to_tsvector('simple'::regconfig, coalesce(eu_establishment_name, '')), 'C')
                                    ) STORED
);
CREATE INDEX providers_search_idx ON providers USING gin (search) WITH (fastupdate = off);
CREATE INDEX providers_country_idx ON providers (country);
CREATE INDEX providers_name_idx ON providers (name, id);
