/**
 * Issue 10's "done when" for relying-party keys, end to end on one SQLite data directory: a
 * server runs on it; `arbor keys generate --itsme` prints the key set URL, which serves the keys it
 * made; after `arbor keys rotate` (another store connection, as another process) the old public
 * key stays published and the server's new tokens use the new key.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { loadServerSettings } from '../config/server-settings.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import { testPlatformOn, type TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { LISTING_TTL_MS } from '../secrets/realm-keys.ts';
import type { CliCommand } from './command.ts';
import { keysGenerateCommand } from './keys-generate-command.ts';
import { keysRotateCommand } from './keys-rotate-command.ts';

interface Jwk {
  kid: string;
  use: string;
  alg: string;
  kty: string;
  n: string;
  x5c?: string[];
}

describe('relying-party keys from the CLI to the key set', () => {
  let dir: string;
  let arbor: TestPlatform;
  let baseUrl: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arbor-rp-keys-'));
    const env = { ARBOR_DATA_DIR: dir, ARBOR_MASTER_KEY: '' };
    arbor = await testPlatformOn(() => openPlatformStore(loadServerSettings(env, dir), () => undefined), env);
    baseUrl = await arbor.app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await arbor?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs an `arbor keys` command on the data directory, as a separate process would (its own store connection). */
  async function arborKeys(command: CliCommand, args: string[]): Promise<string[]> {
    const env = { ARBOR_DATA_DIR: dir, ARBOR_PUBLIC_URL: baseUrl };
    const out: string[] = [];
    const err: string[] = [];
    const code = await command.run(args, { env, out: (line) => out.push(line), err: (line) => err.push(line), openStore: () => openPlatformStore(loadServerSettings(env, dir), () => undefined) });
    assert.equal(code, 0, err.join('\n'));
    return out;
  }

  async function keySet(url: string): Promise<Jwk[]> {
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=1800');
    return ((await response.json()) as { keys: Jwk[] }).keys;
  }

  async function newToken(): Promise<string> {
    const { kid, key } = await arbor.rpKeySource.signingKey('alpha', 'RS256');
    return new SignJWT({ iss: 'client', aud: 'https://idp.example/token' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('10m').setJti(crypto.randomUUID()).sign(key);
  }

  it('The RP key set serves the keys `arbor keys generate --itsme` made; after `arbor keys rotate` the old public key stays published and new tokens use the new key', async () => {
    const generated = await arborKeys(keysGenerateCommand, ['--realm', 'alpha', '--itsme']);
    const kids = generated.flatMap((line) => /^generated (sig RS256|enc RSA-OAEP) key (\S+) /.exec(line)?.[2] ?? []);
    assert.equal(kids.length, 2);
    const url = generated.find((line) => line.startsWith('key set: '))?.slice('key set: '.length) ?? '';
    assert.equal(url, `${baseUrl}/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri`);

    const published = await keySet(url);
    assert.deepEqual(
      published.map((jwk) => [jwk.kid, jwk.use, jwk.alg, jwk.kty, Buffer.from(jwk.n, 'base64url').length * 8, jwk.x5c?.length]),
      [
        [kids[0], 'sig', 'RS256', 'RSA', 2048, 1],
        [kids[1], 'enc', 'RSA-OAEP', 'RSA', 2048, 1],
      ],
    );
    const before = await newToken();
    assert.equal(decodeProtectedHeader(before).kid, kids[0]);
    await jwtVerify(before, createLocalJWKSet({ keys: published }));

    const rotated = await arborKeys(keysRotateCommand, ['--realm', 'alpha']);
    const newSig = /^rotated sig RS256: new key (\S+);/.exec(rotated[0] ?? '')?.[1];
    assert.ok(newSig !== undefined && newSig !== kids[0], rotated.join('\n'));
    // A running server reads a realm's keys again within LISTING_TTL_MS.
    arbor.clock.advance(LISTING_TTL_MS);
    const afterRotation = await keySet(url);
    const publishedKids = afterRotation.map((jwk) => jwk.kid);
    for (const kid of [...kids, newSig]) assert.ok(publishedKids.includes(kid), `${kid} is published`);
    assert.equal(afterRotation.length, 4);
    const afterToken = await newToken();
    assert.equal(decodeProtectedHeader(afterToken).kid, newSig);
    const set = createLocalJWKSet({ keys: afterRotation });
    await jwtVerify(afterToken, set);
    await jwtVerify(before, set);
  });
});
