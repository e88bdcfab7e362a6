-- A judge, a court or an investigating judge: holds the prosecutor role and this flag. Reg.
-- 2023/1543 Art. 4(2) lets only them issue or validate an EPOC for traffic or content data.
ALTER TABLE users ADD COLUMN judge boolean NOT NULL DEFAULT false;
