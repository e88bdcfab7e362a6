/** SQL for organisations. */
import type { Queryable } from '../../db/database.ts';
import type { Organisation } from '../../../domain/api.ts';

interface OrganisationRow {
  id: string;
  name: string;
  country: string;
}

export async function findOrganisation(q: Queryable, id: string): Promise<Organisation | undefined> {
  return (await q.query<OrganisationRow>('SELECT id, name, country FROM organisations WHERE id = $1', [id])).rows[0];
}

export async function insertOrganisation(q: Queryable, o: { name: string; country: string; createdAt: Date }): Promise<Organisation> {
  const { rows } = await q.query<OrganisationRow>(
    'INSERT INTO organisations (name, country, created_at) VALUES ($1, $2, $3) RETURNING id, name, country',
    [o.name, o.country.toUpperCase(), o.createdAt],
  );
  return rows[0]!;
}

export async function listOrganisations(q: Queryable): Promise<Organisation[]> {
  return (await q.query<OrganisationRow>('SELECT id, name, country FROM organisations ORDER BY name')).rows;
}
