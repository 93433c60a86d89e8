/**
 * Arbor for the IDM HTTP tests: on in-memory SQLite always, and on PostgreSQL (a fresh schema,
 * dropped afterwards) when ARBOR_TEST_POSTGRES_URL is set, so that every suite runs on both;
 * plus sign-in helpers for the administrator and end users.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform, testPlatformOn } from '../../../platform/testing/in-memory-platform.ts';
import { openStore } from '../../../store/open-store.ts';

/** The PostgreSQL server of the PostgreSQL runs, if any. */
export const POSTGRES_URL = process.env.ARBOR_TEST_POSTGRES_URL || undefined;

/** The administrator's password on every test platform. */
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

async function postgresPlatform(url: string): Promise<TestPlatform> {
  const schema = `arbor_idm_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema ${schema}`);
  const schemaUrl = new URL(url);
  schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
  const platform = await testPlatformOn((clock) => openStore({ databaseUrl: schemaUrl.toString(), clock }), { ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
  return {
    ...platform,
    async close() {
      await platform.close();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

/** Runs `suite` once on SQLite and once on PostgreSQL (skipped, saying why, without a server). */
export function onEveryDatabase(title: string, suite: (arbor: () => TestPlatform) => void): void {
  const databases = [
    { name: 'SQLite', open: () => inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD }), skip: false as const },
    { name: 'PostgreSQL', open: () => postgresPlatform(POSTGRES_URL ?? ''), skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : (false as const) },
  ];
  for (const database of databases) {
    describe(`${title} (${database.name})`, { skip: database.skip }, () => {
      let platform: TestPlatform | undefined;
      before(async () => {
        platform = await database.open();
      });
      after(async () => platform?.close());
      suite(() => {
        assert.ok(platform !== undefined, 'the platform is not open');
        return platform;
      });
    });
  }
}

/** Signs in through the realm's Login journey; returns the SSO token. */
export async function signIn(arbor: TestPlatform, realm: 'root' | 'alpha', username: string, password: string): Promise<string> {
  const path = realm === 'root' ? '/am/json/realms/root/authenticate' : '/am/json/realms/root/realms/alpha/authenticate';
  const response = await arbor.app.inject({ method: 'POST', url: `${path}?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': username, 'x-openam-password': password } });
  assert.equal(response.statusCode, 200, response.body);
  const { tokenId } = response.json<{ tokenId?: unknown }>();
  assert.equal(typeof tokenId, 'string', `the Login journey did not end with a session: ${response.body}`);
  return String(tokenId);
}

/** Sends a request with a JSON body (when given) and the caller's headers. */
export function call(arbor: TestPlatform, method: NonNullable<InjectOptions['method']>, url: string, headers: Record<string, string>, body?: unknown): Promise<LightMyRequestResponse> {
  if (body === undefined) return arbor.app.inject({ method, url, headers });
  return arbor.app.inject({ method, url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

/** The session cookie header of a token. */
export function sessionCookie(token: string): Record<string, string> {
  return { cookie: `iPlanetDirectoryPro=${token}` };
}
