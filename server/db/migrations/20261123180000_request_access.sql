-- Need-to-know, materialised for the request list.
--
-- GET /api/v1/requests lists "the requests of the cases I may see" filtered by status and due
-- date, in due-date order, with a count. Computed from the rule (cases.store.ts teamCanSee: a case
-- is visible to its team members and to their supervisors), that list visits every visible case
-- (2,000 index descents for an investigator on 2,000 cases: ~20 ms of database time per call,
-- bench/README.md). request_access holds one row per (request, user who may see it) with the
-- columns the list filters and sorts on, so a list is one contiguous index range of its user.
--
-- The rows follow from requests, case_members and users.supervisor_id alone, and triggers on
-- those three tables keep them in step inside the writing transaction (no code path can forget
-- it: services, imports, the benchmark generator alike). Concurrent writers are serialised on the
-- case row (FOR NO KEY UPDATE, which does not conflict with the KEY SHARE locks of foreign keys),
-- and a membership change also takes the member's users row FOR SHARE first, so it serialises with
-- a change of that member's supervisor (which holds that row and then locks the member's cases).
-- Every trigger statement that reads runs after its locks, so under READ COMMITTED it sees what the
-- transaction it waited for committed. test/integration/request-access.db.test.ts checks that the
-- table equals the rule after random sequences of changes. PostgreSQL 15 and PGlite.

CREATE TABLE request_access (
  request_id      uuid NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL,
  organisation_id uuid NOT NULL,
  status          text NOT NULL,
  type            text NOT NULL,
  direction       text NOT NULL,
  next_due_at     timestamptz,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (request_id, user_id)
);

-- The users who may see a case: its members and their supervisors (the rule of teamCanSee).
CREATE FUNCTION case_viewers(p_case uuid) RETURNS TABLE (user_id uuid) LANGUAGE sql STABLE AS $$
  SELECT m.user_id FROM case_members m WHERE m.case_id = p_case
  UNION
  SELECT u.supervisor_id FROM case_members m JOIN users u ON u.id = m.user_id
   WHERE m.case_id = p_case AND u.supervisor_id IS NOT NULL
$$;

-- Every row of request_access, from scratch (this migration; bulk loads that disable the triggers).
CREATE FUNCTION request_access_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  DELETE FROM request_access;
  INSERT INTO request_access (request_id, user_id, organisation_id, status, type, direction, next_due_at, created_at)
  SELECT r.id, v.user_id, r.organisation_id, r.status, r.type, r.direction, r.next_due_at, r.created_at
    FROM requests r JOIN (
      SELECT m.case_id, m.user_id FROM case_members m
      UNION
      SELECT m.case_id, u.supervisor_id FROM case_members m JOIN users u ON u.id = m.user_id WHERE u.supervisor_id IS NOT NULL
    ) v ON v.case_id = r.case_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

-- Rows for the requests of one case, for the given users (or all its viewers), as they stand now.
CREATE FUNCTION request_access_grant(p_case uuid, p_users uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO request_access (request_id, user_id, organisation_id, status, type, direction, next_due_at, created_at)
  SELECT r.id, v.user_id, r.organisation_id, r.status, r.type, r.direction, r.next_due_at, r.created_at
    FROM requests r JOIN case_viewers(p_case) v ON true
   WHERE r.case_id = p_case AND (p_users IS NULL OR v.user_id = ANY(p_users))
  ON CONFLICT (request_id, user_id) DO NOTHING;
END $$;

-- Removes the rows of the given users for one case's requests where they no longer see the case.
CREATE FUNCTION request_access_revoke(p_case uuid, p_users uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM request_access a USING requests r
   WHERE r.case_id = p_case AND a.request_id = r.id AND a.user_id = ANY(p_users)
     AND NOT EXISTS (SELECT 1 FROM case_viewers(p_case) v WHERE v.user_id = a.user_id);
END $$;

CREATE FUNCTION request_access_on_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM cases WHERE id = NEW.case_id FOR NO KEY UPDATE;
  IF TG_OP = 'UPDATE' AND OLD.case_id IS DISTINCT FROM NEW.case_id THEN
    DELETE FROM request_access WHERE request_id = NEW.id;
  END IF;
  IF TG_OP = 'INSERT' OR OLD.case_id IS DISTINCT FROM NEW.case_id THEN
    INSERT INTO request_access (request_id, user_id, organisation_id, status, type, direction, next_due_at, created_at)
    SELECT NEW.id, v.user_id, NEW.organisation_id, NEW.status, NEW.type, NEW.direction, NEW.next_due_at, NEW.created_at
      FROM case_viewers(NEW.case_id) v
    ON CONFLICT (request_id, user_id) DO NOTHING;
  ELSE
    UPDATE request_access SET organisation_id = NEW.organisation_id, status = NEW.status, type = NEW.type,
           direction = NEW.direction, next_due_at = NEW.next_due_at, created_at = NEW.created_at
     WHERE request_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER requests_access_insert AFTER INSERT ON requests
  FOR EACH ROW EXECUTE FUNCTION request_access_on_request();
-- Draft autosaves (body only) do not touch request_access.
CREATE TRIGGER requests_access_update AFTER UPDATE ON requests
  FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.type IS DISTINCT FROM NEW.type OR OLD.direction IS DISTINCT FROM NEW.direction
    OR OLD.next_due_at IS DISTINCT FROM NEW.next_due_at OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION request_access_on_request();

CREATE FUNCTION request_access_on_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m case_members;
  who uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN m := NEW; ELSE m := OLD; END IF;
  -- The member's row first (a supervisor change holds it, then locks the member's cases), then the case.
  PERFORM 1 FROM users WHERE id = m.user_id FOR SHARE;
  PERFORM 1 FROM cases WHERE id = m.case_id FOR NO KEY UPDATE;
  SELECT array_remove(ARRAY[m.user_id, u.supervisor_id], NULL) INTO who FROM users u WHERE u.id = m.user_id;
  IF TG_OP = 'INSERT' THEN
    PERFORM request_access_grant(m.case_id, who);
  ELSE
    PERFORM request_access_revoke(m.case_id, who);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_members_access AFTER INSERT OR DELETE ON case_members
  FOR EACH ROW EXECUTE FUNCTION request_access_on_member();

CREATE FUNCTION request_access_on_supervisor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE c uuid;
BEGIN
  PERFORM 1 FROM cases WHERE id IN (SELECT case_id FROM case_members WHERE user_id = NEW.id) ORDER BY id FOR NO KEY UPDATE;
  FOR c IN SELECT case_id FROM case_members WHERE user_id = NEW.id LOOP
    IF OLD.supervisor_id IS NOT NULL THEN PERFORM request_access_revoke(c, ARRAY[OLD.supervisor_id]); END IF;
    IF NEW.supervisor_id IS NOT NULL THEN PERFORM request_access_grant(c, ARRAY[NEW.supervisor_id]); END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER users_supervisor_access AFTER UPDATE OF supervisor_id ON users
  FOR EACH ROW WHEN (OLD.supervisor_id IS DISTINCT FROM NEW.supervisor_id)
  EXECUTE FUNCTION request_access_on_supervisor();

SELECT request_access_rebuild();

-- Built after the rows (one sort each). Pages in list order (due date, newest, id) read from the
-- first; counts by status from the second. Both answer from the index alone.
CREATE INDEX request_access_due_idx ON request_access (user_id, next_due_at, created_at DESC, request_id) INCLUDE (status, organisation_id, type, direction);
CREATE INDEX request_access_status_idx ON request_access (user_id, status, next_due_at) INCLUDE (organisation_id, type, direction);
