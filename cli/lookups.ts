/** Turns what people type (an e-mail address, an organisation's name) into API records. */
import { z } from 'zod';
import { organisationSchema, userListSchema, type Organisation, type User } from '../domain/api.ts';
import { withQuery, type ApiClient } from './api.ts';
import { ApiError, CliError } from './errors.ts';

export const organisationListSchema = z.object({ organisations: z.array(organisationSchema) });

/** The user with this e-mail address (the operator sees every organisation's users). */
export async function findUserByEmail(api: ApiClient, email: string): Promise<User> {
  try {
    const { users } = await api.get(userListSchema, withQuery('/api/v1/users', { email: email.trim() }));
    const user = users[0];
    if (!user) throw new CliError(`no user has the e-mail address ${email}`);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') throw new CliError(`no user has the e-mail address ${email} (see liaison user list)`);
    throw error;
  }
}

export async function listOrganisations(api: ApiClient): Promise<Organisation[]> {
  return (await api.get(organisationListSchema, '/api/v1/organisations')).organisations;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An organisation given by id or by its exact name (case-insensitive). */
export async function resolveOrganisation(api: ApiClient, idOrName: string): Promise<Organisation> {
  const organisations = await listOrganisations(api);
  const wanted = idOrName.trim();
  const byId = UUID.test(wanted) ? organisations.find((o) => o.id.toLowerCase() === wanted.toLowerCase()) : undefined;
  if (byId) return byId;
  const byName = organisations.filter((o) => o.name.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1)
    throw new CliError(`${byName.length} organisations are named "${wanted}": give the id instead`, byName.map((o) => `${o.id}  ${o.name} (${o.country})`));
  throw new CliError(`no organisation ${UUID.test(wanted) ? 'has the id' : 'is named'} "${wanted}" (see liaison org list)`);
}
