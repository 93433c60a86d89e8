/**
 * WebAuthn and passkeys end to end: a real Arbor on loopback with journeys of AM's WebAuthn nodes,
 * an app on another origin (`http://localhost:<port>`) running the unmodified ForgeRock JavaScript
 * SDK (FRAuth + FRWebAuthn), and Chromium with a CDP virtual authenticator (CTAP2, internal, resident
 * keys, user verification). A person registers a passkey after their password and signs in with it;
 * signs in with the passkey alone, without a username; and an authenticator cloned from an earlier
 * copy of the credential (its signature counter behind the server's) is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { addUser, buildJourney, importJourneyJson } from '../helpers/self-service.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { startWebAuthnApp, type WebAuthnApp } from './webauthn/webauthn-app-server.ts';

/** What `window.runJourney` resolves to. */
interface JourneyRun {
  type: string;
  steps: string[];
  errors: string[];
}

/** A credential as CDP's WebAuthn domain gives it. */
interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

const PASSWORD = 'Omar-Passw0rd1';

/** A fresh tab of the app with a virtual authenticator of its own. */
async function appWithAuthenticator(harness: BrowserHarness, app: WebAuthnApp): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const page = await harness.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.goto(`${app.origin}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return { page, cdp, authenticatorId };
}

async function run(page: Page, arbor: string, journey: string, answers: Record<string, string> = {}): Promise<JourneyRun> {
  return page.evaluate(([base, tree, given]) => (window as unknown as { runJourney(a: string, t: string, g: Record<string, string>): Promise<JourneyRun> }).runJourney(base, tree, given), [arbor, journey, answers] as const);
}

async function credentials(cdp: CDPSession, authenticatorId: string): Promise<VirtualCredential[]> {
  const { credentials: list } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  return list;
}

describe('WebAuthn and passkeys with the ForgeRock SDK (Chromium, virtual authenticator)', { skip: chromiumSkip() }, () => {
  let app: WebAuthnApp;
  let server: TestServer;
  let harness: BrowserHarness;

  before(async () => {
    app = await startWebAuthnApp();
    server = await startTestServer({ env: { ARBOR_CORS_ORIGINS: app.origin } });
    await addUser(server, 'alpha', 'omar', PASSWORD);
    // The app is on another origin than Arbor: the nodes name it (AM's relyingPartyDomain and origins).
    const party = { relyingPartyDomain: 'localhost', origins: [app.origin], userVerificationRequirement: 'REQUIRED' };
    const toFailure = { unsupported: 'failure', failure: 'failure', error: 'failure' };
    const journeys = [
      buildJourney('WebAuthnRegister', 'managed/alpha_user', [
        { type: 'UsernameCollectorNode', connections: { outcome: 'PasswordCollectorNode' } },
        { type: 'PasswordCollectorNode', connections: { outcome: 'DataStoreDecisionNode' } },
        { type: 'DataStoreDecisionNode', connections: { true: 'WebAuthnRegistrationNode', false: 'failure' } },
        { type: 'WebAuthnRegistrationNode', config: { ...party, requiresResidentKey: true }, connections: { ...toFailure, success: 'success' } },
      ]),
      buildJourney('WebAuthnLogin', 'managed/alpha_user', [
        { type: 'UsernameCollectorNode', connections: { outcome: 'WebAuthnAuthenticationNode' } },
        { type: 'WebAuthnAuthenticationNode', config: { ...party, asScript: false }, connections: { ...toFailure, noDevice: 'failure', success: 'success' } },
      ]),
      buildJourney('PasskeyLogin', 'managed/alpha_user', [
        { type: 'WebAuthnAuthenticationNode', config: { ...party, asScript: false, requiresResidentKey: true }, connections: { ...toFailure, noDevice: 'failure', success: 'success' } },
      ]),
    ];
    for (const journey of journeys) {
      const imported = await importJourneyJson(server, journey, 'alpha');
      assert.equal(imported.code, 0, imported.out + imported.err);
    }
    harness = await startBrowser('webauthn');
  });
  after(async () => {
    await harness?.close();
    await server?.close();
    await app?.close();
  });

  it('registers a passkey after the password, signs in with it, then with the passkey alone; a clone is refused', async () => {
    const { page, cdp, authenticatorId } = await appWithAuthenticator(harness, app);

    const registered = await run(page, server.baseUrl, 'WebAuthnRegister', { username: 'omar', password: PASSWORD, deviceName: 'Test passkey' });
    assert.deepEqual(registered, { type: 'LoginSuccess', steps: ['NameCallback', 'PasswordCallback', 'registration'], errors: [] });
    const [credential, ...others] = await credentials(cdp, authenticatorId);
    assert.equal(others.length, 0);
    assert.ok(credential !== undefined);
    assert.equal(credential.isResidentCredential, true, 'a discoverable credential: a passkey');
    assert.equal(credential.rpId, 'localhost');
    const snapshot = { ...credential };

    const signedIn = await run(page, server.baseUrl, 'WebAuthnLogin', { username: 'omar' });
    assert.deepEqual(signedIn, { type: 'LoginSuccess', steps: ['NameCallback', 'authentication'], errors: [] });

    const passkey = await run(page, server.baseUrl, 'PasskeyLogin');
    assert.deepEqual(passkey, { type: 'LoginSuccess', steps: ['authentication'], errors: [] }, 'no username asked');

    const now = await credentials(cdp, authenticatorId);
    assert.ok((now[0]?.signCount ?? 0) > snapshot.signCount, 'the authenticator counted the signatures');

    // Another device holding a copy of the key taken at registration: its counter is behind.
    const clone = await appWithAuthenticator(harness, app);
    await clone.cdp.send('WebAuthn.addCredential', { authenticatorId: clone.authenticatorId, credential: snapshot });
    const refused = await run(clone.page, server.baseUrl, 'PasskeyLogin');
    assert.equal(refused.type, 'LoginFailure', 'a cloned authenticator is refused');
    const refusedByName = await run(clone.page, server.baseUrl, 'WebAuthnLogin', { username: 'omar' });
    assert.equal(refusedByName.type, 'LoginFailure');

    // The genuine authenticator still signs in.
    assert.equal((await run(page, server.baseUrl, 'PasskeyLogin')).type, 'LoginSuccess');

    // Control: the same copy with its counter ahead signs in, so the clone above was refused for its counter alone.
    const ahead = await appWithAuthenticator(harness, app);
    await ahead.cdp.send('WebAuthn.addCredential', { authenticatorId: ahead.authenticatorId, credential: { ...snapshot, signCount: 1000 } });
    assert.equal((await run(ahead.page, server.baseUrl, 'PasskeyLogin')).type, 'LoginSuccess');
  });

  it('a person without a passkey is refused by the usernameless journey', async () => {
    const { page } = await appWithAuthenticator(harness, app);
    const run1 = await run(page, server.baseUrl, 'PasskeyLogin');
    assert.equal(run1.type, 'LoginFailure');
    assert.equal(run1.errors.length, 1, 'the browser found no credential and FRWebAuthn reported it');
  });
});
