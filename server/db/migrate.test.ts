import { describe, expect, it } from 'vitest';
import { listMigrations, splitStatements } from './migrate.ts';

describe('migrations', () => {
  it('are named YYYYMMDDHHMMSS_slug.sql and sorted', () => {
    const ids = listMigrations().map((m) => m.id);
    expect(ids.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^\d{14}_[a-z0-9_-]+$/);
  });
  it('split into statements, ignoring comment lines', () => {
    expect(splitStatements('-- c; x\nCREATE TABLE a (x int);\n\nCREATE INDEX i ON a (x);\n')).toEqual(['CREATE TABLE a (x int)', 'CREATE INDEX i ON a (x)']);
  });
  it('keep function bodies and quoted text whole', () => {
    const body = "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM 1;\n  RAISE NOTICE 'a;\nb';\nEND $$;\n";
    const tagged = 'CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $fn$\n  SELECT 1;\n$fn$;\n';
    expect(splitStatements(`${body}${tagged}SELECT 'x;\ny';\nSELECT 2;`)).toEqual([
      body.trim().slice(0, -1), tagged.trim().slice(0, -1), "SELECT 'x;\ny'", 'SELECT 2',
    ]);
  });
});
