/**
 * Every `arbor` command but `start` begins without loading the server (the platform, Fastify, the
 * OpenID provider): loading the CLI resolves none of their packages, so `arbor user list` or
 * `arbor keys list` does not pay for them (about two thirds of a command's start).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const SERVER_PACKAGES = ['fastify', 'oidc-provider', 'nodemailer', 'quickjs-emscripten'];

/** The bare package names resolved while `modules` load, in a fresh Node.js process. */
async function packagesResolvedLoading(modules: readonly string[]): Promise<string[]> {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { if (!/^[.\\/]|^node:|^file:/.test(specifier)) seen.add(specifier); return next(specifier, context); } });
    for (const url of ${JSON.stringify(modules.map((module) => new URL(module, import.meta.url).href))}) await import(url);
    console.log(JSON.stringify([...seen]));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], { timeout: 60_000 });
  const packages: unknown = JSON.parse(stdout);
  assert.ok(Array.isArray(packages));
  return packages.map(String);
}

describe('starting the arbor CLI', () => {
  it('loads none of the server packages until `arbor start` runs', async () => {
    const loaded = await packagesResolvedLoading(['./cli-main.ts']);
    assert.deepEqual(
      loaded.filter((name) => SERVER_PACKAGES.some((server) => name === server || name.startsWith(`${server}/`))),
      [],
      `the CLI loaded: ${loaded.join(', ')}`,
    );
  });

  it('loads them for `arbor start` (the check above can fail)', async () => {
    const loaded = await packagesResolvedLoading(['./cli-main.ts', './serve-one-process.ts']);
    for (const server of ['fastify', 'oidc-provider']) assert.ok(loaded.includes(server), `${server} among ${loaded.join(', ')}`);
  });
});
