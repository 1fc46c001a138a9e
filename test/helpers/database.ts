/** A fresh database per test file, cloned from the migrated template (a real PostgreSQL). */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/store/database.ts';

const TEMPLATE = 'tildel_test_template';

export function serverUrl(): string {
  return inject('pgServerUrl');
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty, migrated database and returns its name. */
export async function createDatabaseFromTemplate(): Promise<string> {
  const name = `tildel_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  return name;
}

export async function createTestDatabase(): Promise<Database> {
  const name = await createDatabaseFromTemplate();
  return connect(databaseUrl(name), `test database ${name}`);
}
