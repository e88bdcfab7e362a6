-- The request list (GET /api/v1/requests) and the deadline dashboard start from the cases the
-- user may see (requests.store.ts VISIBLE: a few thousand at most) and read each case's requests
-- through this index. Every column the list filters on (organisation, status, due date, type,
-- direction) and sorts on (due date, creation, id) is in it, so the filter, the count and the
-- ordering read the index alone (index-only scans once the table is vacuumed); only the page's
-- rows are then read from the table. Measured in bench/requests.bench.ts (bench/README.md).
-- PostgreSQL 15 compatible.
CREATE INDEX requests_case_status_due_idx ON requests (case_id, status, next_due_at) INCLUDE (organisation_id, type, direction, created_at, id);
