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
});
