/**
 * What the social sign-in end-to-end tests share: a real Arbor on a loopback port (SQLite in a
 * temporary data directory, its public URL the address it listens on, so that providers can fetch
 * request objects from it), built with the social capability whose failures are collected instead
 * of logged; the `arbor` CLI on the same store; the ForgeRock JavaScript SDK driving journeys, with
 * the two browser pieces it needs in Node (`localStorage` for the step it keeps across the redirect,
 * `location.assign` for the redirect itself); and a browser stand-in at the provider
 * (`visitProvider`) that returns what the provider sent back.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { FRLoginFailure, FRLoginSuccess, FRStep, SelectIdPCallback, TermsAndConditionsCallback } from '@forgerock/javascript-sdk';
import { exportJWK, type JWK } from 'jose';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import type { SocialSignInFailure } from '../../src/journeys/nodes/social/social-gateway.ts';
import { runCli } from '../../src/main.ts';
import { announceWrites } from '../../src/platform/announce-writes.ts';
import { createPlatform, type Platform } from '../../src/platform/create-platform.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import type { PlatformCapability } from '../../src/platform/platform-capability.ts';
import { createSocialCapability } from '../../src/platform/social/social-capability.ts';
import { type ProviderOutcome, visitProvider } from '../../src/social/testing/browser-at-provider.ts';
import type { ItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { itsmeProviderBody } from '../../src/social/testing/simulated-provider-config.ts';
import { freePort } from '../helpers/start-arbor-child.ts';
import type { Store } from '../../src/store/store.ts';

export const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!', 'content-type': 'application/json' };
export const SERVICE = '/am/json/realms/root/realms/alpha/realm-config/services/SocialIdentityProviders';

/** A running Arbor for social sign-in tests. */
export interface SocialArbor {
  baseUrl: string;
  platform: Platform;
  /** The store the server runs on, read directly (what is at rest). */
  store: Store;
  /** The temporary data directory (removed by `close`). */
  dataDir: string;
  /** Failed sign-ins, as the capability reported them (the platform logs these lines). */
  failures: SocialSignInFailure[];
  cli(args: string[]): Promise<{ code: number; out: string; err: string }>;
  /** PUT a provider over the REST API as the administrator. */
  putProvider(type: string, name: string, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }>;
  /** The alpha realm's published RP key set. */
  rpJwks(): Promise<{ keys: JWK[] }>;
  /** alpha users whose `attribute` is `value`. */
  usersWith(attribute: string, value: string): Promise<{ _id: string; attributes: Record<string, unknown> }[]>;
  writeTemp(name: string, text: string): Promise<string>;
  close(): Promise<void>;
}

/** The global fetch, except that https URLs are fetched trusting `caPem` too (provider discovery on a TLS simulator). */
function fetchTrusting(caPem: string | undefined): typeof fetch {
  if (caPem === undefined) return fetch;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('https:')) return fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const request = https.request(url, { method: 'GET', ca: [caPem], agent: false, headers: { accept: 'application/json' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500, headers: { 'content-type': String(response.headers['content-type'] ?? '') } })));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end();
    });
  };
}

/** How the sign-in capabilities report a failed sign-in. */
type FailureLog = (failure: SocialSignInFailure) => void;

/**
 * Starts Arbor; `caPem` is a CA the relying party trusts besides the system's (TLS simulators);
 * `capabilities` replaces the social capability (given the log that collects `failures`).
 */
export async function startSocialArbor(options: { caPem?: string; capabilities?: (log: FailureLog) => PlatformCapability[] } = {}): Promise<SocialArbor> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-social-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_PUBLIC_URL: baseUrl, PORT: String(port) };
  const settings = loadServerSettings(env, dataDir);
  const clock = { now: () => Date.now() };
  const quiet = (): void => {};
  const store = await openPlatformStore(settings, quiet, { clock });
  const failures: SocialSignInFailure[] = [];
  const log: FailureLog = (failure) => failures.push(failure);
  const capabilities = options.capabilities?.(log) ?? [createSocialCapability({ log, ...(options.caPem === undefined ? {} : { http: { trustedCaPem: [options.caPem] } }) })];
  const platform = await createPlatform({ settings, store, clock, logger: false, capabilities, fetch: fetchTrusting(options.caPem) });
  await platform.app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl,
    platform,
    store,
    dataDir,
    failures,
    async cli(args) {
      let out = '';
      let err = '';
      const ctx: CliContext = {
        env,
        out: (line) => (out += `${line}\n`),
        err: (line) => (err += `${line}\n`),
        openStore: async () => announceWrites(await openPlatformStore(settings, quiet, { clock }), platform.cacheInvalidation),
      };
      const code = await runCli(args, ctx);
      return { code, out, err };
    },
    async putProvider(type, name, body) {
      const response = await fetch(`${baseUrl}${SERVICE}/${type}/${name}`, { method: 'PUT', headers: ADMIN, body: JSON.stringify(body) });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    async rpJwks() {
      const response = await fetch(`${baseUrl}/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri`);
      assert.equal(response.status, 200);
      return (await response.json()) as { keys: JWK[] };
    },
    async usersWith(attribute, value) {
      return platform.identity.findByAttribute('alpha_user', attribute, value, 10);
    },
    async writeTemp(name, text) {
      const file = path.join(dataDir, name);
      await writeFile(file, text, { mode: 0o600 });
      return file;
    },
    async close() {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `arbor keys generate --realm alpha --itsme`, asserting it succeeded; what it printed. */
export async function generateItsmeKeys(arbor: SocialArbor): Promise<string> {
  const keys = await arbor.cli(['keys', 'generate', '--realm', 'alpha', '--itsme']);
  assert.equal(keys.code, 0, keys.err);
  return keys.out;
}

/** Creates itsme provider `name` at `simulator` over the REST API (see `itsmeProviderBody`), asserting it was created. */
export async function createItsmeProvider(arbor: SocialArbor, name: string, simulator: ItsmeSimulator, redirectUri: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const created = await arbor.putProvider('itsmeConfig', name, itsmeProviderBody(simulator, redirectUri, overrides));
  assert.equal(created.status, 201, JSON.stringify(created.json));
}

/** The public JWK (with `x5c`) of a self-signed client certificate, as a provider registers it. */
export async function certificateJwk(certificatePem: string): Promise<JWK> {
  const certificate = new X509Certificate(certificatePem);
  return { ...(await exportJWK(certificate.publicKey)), kid: 'mtls', x5c: [certificate.raw.toString('base64')] };
}

/** Where `FRAuth.redirect` sent the browser last. */
let redirectedTo: string | undefined;

/** `localStorage` and `location.assign`, which the SDK's redirect and resume use, for Node. */
function installBrowserPieces(): void {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'location', { value: { assign: (url: string) => void (redirectedTo = url) }, configurable: true, writable: true });
}
installBrowserPieces();

export type StepResult = FRStep | FRLoginSuccess | FRLoginFailure;

/** Points the SDK at `arbor`'s alpha realm and `tree`. */
export function configureSdk(arbor: SocialArbor, tree: string): void {
  Config.set({ serverConfig: { baseUrl: `${arbor.baseUrl}/am/`, timeout: 10_000 }, realmPath: 'alpha', tree });
}

/** How a sign-in at the provider went, and how the journey ended. */
export interface SocialRun {
  outcome: ProviderOutcome;
  result: StepResult;
  /** The RedirectCallback step the SDK kept (to post it a second time). */
  redirectStep: FRStep;
  /** The URL the SDK resumed from. */
  resumedFrom: string;
}

/**
 * Runs `tree` with the SDK: chooses `provider` on the first page, follows the RedirectCallback
 * through the provider (`redirectUri` is where the provider sends the browser back), and resumes
 * with `FRAuth.resume`. A FORM_POST answer is posted to Arbor's form_post endpoint, which sends
 * the browser back with `form_post_entry`.
 */
export async function runSocialJourney(
  arbor: SocialArbor,
  tree: string,
  provider: string,
  redirectUri: string,
  options: { caPem?: string; beforeResume?: (resumeUrl: string) => Promise<string> } = {},
): Promise<SocialRun> {
  configureSdk(arbor, tree);
  let step = await FRAuth.next();
  assert.equal(step.type, StepType.Step, JSON.stringify(step));
  const first = step as FRStep;
  const chooser = first.getCallbacksOfType<SelectIdPCallback>(CallbackType.SelectIdPCallback)[0];
  if (chooser !== undefined) {
    chooser.setProvider(provider);
    step = await FRAuth.next(first);
    assert.equal(step.type, StepType.Step, JSON.stringify(step));
  }
  const redirectStep = step as FRStep;
  assert.ok(redirectStep.getCallbacksOfType(CallbackType.RedirectCallback).length === 1, `no RedirectCallback: ${JSON.stringify(redirectStep.payload)}`);
  redirectedTo = undefined;
  FRAuth.redirect(redirectStep);
  assert.ok(redirectedTo !== undefined);
  const saved = localStorage.getItem(FRAuth.previousStepKey);
  const outcome = await visitProvider(redirectedTo, redirectUri, options.caPem === undefined ? {} : { caPem: options.caPem });
  let resumedFrom: string;
  if (outcome.kind === 'redirect') {
    resumedFrom = outcome.url.href;
  } else if (outcome.kind === 'form_post') {
    const posted = await fetch(outcome.action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(outcome.parameters).toString() });
    assert.equal(posted.status, 303, await posted.text());
    resumedFrom = posted.headers.get('location') ?? '';
  } else {
    // The provider stopped the browser (an error page): the journey never hears back.
    return { outcome, result: redirectStep, redirectStep, resumedFrom: '' };
  }
  if (options.beforeResume !== undefined) resumedFrom = await options.beforeResume(resumedFrom);
  // `resume` takes the kept step back only for code+state or form_post_entry; an error answer is posted by hand.
  if (saved !== null && new URL(resumedFrom).searchParams.get('code') === null && new URL(resumedFrom).searchParams.get('form_post_entry') === null) {
    localStorage.removeItem(FRAuth.previousStepKey);
    const query = Object.fromEntries(new URL(resumedFrom).searchParams.entries());
    const result = await FRAuth.next(redirectStep, { query });
    return { outcome, result, redirectStep, resumedFrom };
  }
  const result = await FRAuth.resume(resumedFrom);
  return { outcome, result, redirectStep, resumedFrom };
}

/** A success's session token, asserting it is one. */
export function sessionOf(result: StepResult): string {
  assert.equal(result.type, StepType.LoginSuccess, JSON.stringify((result as { payload?: unknown }).payload));
  const token = (result as FRLoginSuccess).getSessionToken();
  assert.ok(token !== undefined);
  return token;
}

/** Accepts the terms shown on `step` (asserting they are shown once), for the next `FRAuth.next`. */
export function acceptTermsOn(step: FRStep): void {
  const shown = step.getCallbacksOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback);
  assert.equal(shown.length, 1, `no terms to accept: ${JSON.stringify(step.payload)}`);
  for (const terms of shown) terms.setAccepted(true);
}

/** Accepts the terms page a new social user is shown before the account is created (nothing else on it). */
export async function acceptSocialTerms(result: StepResult): Promise<StepResult> {
  assert.equal(result.type, StepType.Step, JSON.stringify((result as { payload?: unknown }).payload));
  const step = result as FRStep;
  assert.equal(step.getHeader(), 'Terms and Conditions');
  assert.deepEqual(step.callbacks.map((callback: { getType(): string }) => callback.getType()), [CallbackType.TermsAndConditionsCallback]);
  acceptTermsOn(step);
  return FRAuth.next(step);
}

/** Asserts that user `id` accepted the realm's active terms (as `/openidm/selfservice/terms` shows them) at or after `since`. */
export async function assertAcceptedActiveTerms(arbor: SocialArbor, id: string, since: number): Promise<void> {
  const response = await fetch(`${arbor.baseUrl}/openidm/selfservice/terms`);
  assert.equal(response.status, 200);
  const { version } = (await response.json()) as { version?: unknown };
  assert.equal(typeof version, 'string');
  const accepted = (await arbor.platform.identity.getUser('alpha_user', id))?.meta['termsAccepted'] as { termsVersion?: unknown; acceptDate?: unknown } | undefined;
  assert.equal(accepted?.termsVersion, version, JSON.stringify(accepted));
  const acceptDate = Date.parse(String(accepted?.acceptDate));
  assert.ok(acceptDate >= since - 1000 && acceptDate <= Date.now() + 1000, String(accepted?.acceptDate));
}
