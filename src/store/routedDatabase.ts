/**
 * Opens the other servers of a routed installation (routing.ts) beside the home database: each is
 * migrated as the home one is, the home pools route each named municipality to its server, and
 * closing the home database closes them all.
 */
import type pg from 'pg';
import { connect, type Database } from './database.ts';
import { routeTenants, type TenantRoutes } from './routing.ts';

export async function withTenantRoutes(home: Database, routes: TenantRoutes, migrate = true, idleConnectionMs?: number): Promise<Database> {
  const servers = new Map<string, Database>();
  try {
    for (const [name, url] of Object.entries(routes.servers)) servers.set(name, await connect(url, `tenant server ${name}`, null, migrate, idleConnectionMs));
  } catch (error) {
    await Promise.all([...servers.values()].map((s) => s.close()));
    throw error;
  }
  const placed = (pick: (d: Database) => pg.Pool) =>
    new Map(Object.entries(routes.municipalities).map(([municipality, server]) => [municipality, pick(servers.get(server) as Database)]));
  const others = [...servers.values()];
  routeTenants(home.app, placed((d) => d.app), others.map((d) => d.app));
  routeTenants(home.owner, placed((d) => d.owner), others.map((d) => d.owner));
  const where = [...servers.entries()].map(([name, d]) => `${name}: ${d.description}`).join('; ');
  return {
    ...home,
    description: `${home.description}; tenant servers: ${where}`,
    async close() {
      await Promise.all(others.map((d) => d.close()));
      await home.close();
    },
  };
}
