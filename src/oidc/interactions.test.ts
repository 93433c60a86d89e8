/**
 * Which journey an interaction runs, and when the browser's Arbor sign-in finishes it: the first
 * mapped `acr_values` entry, else AM's `service`, else the realm's default journey; a sign-in the
 * provider asked anew must be newer than the interaction; consent is asked of the user the
 * interaction is for (another user signed in meanwhile finishes it with that sign-in instead).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArborLogin } from './arbor-login.ts';
import { interactionStep, journeyFor, loginPageUrl } from './interactions.ts';

const MAP = { 'urn:acr:mfa': 'MFALogin', 'urn:acr:bad': 'no/slashes' };

const login: ArborLogin = { token: 't', realm: 'alpha', accountId: 'u-1', authTime: 1_000, acr: 'Login', amr: ['pwd'], journey: 'Login', sessionHandle: 'h-1' };

describe('interactions as journeys', () => {
  it('picks the journey from acr_values, then service, then the realm default', () => {
    assert.equal(journeyFor({ acr_values: 'urn:unknown urn:acr:mfa' }, MAP, 'Login'), 'MFALogin');
    assert.equal(journeyFor({ acr_values: 'urn:unknown', service: 'Passwordless' }, MAP, 'Login'), 'Passwordless');
    assert.equal(journeyFor({ acr_values: 'urn:acr:bad' }, MAP, 'Login'), 'Login', 'a mapped name that is no journey name is ignored');
    assert.equal(journeyFor({ acr_values: 'toString __proto__' }, MAP, 'Login'), 'Login', 'only the map’s own entries');
    assert.equal(journeyFor({ service: '../admin' }, MAP, 'Login'), 'Login');
    assert.equal(journeyFor({ acr_values: ['urn:acr:mfa'] }, MAP, 'Login'), 'Login', 'a repeated parameter is not a string');
  });

  it('runs the journey until Arbor has a sign-in, then finishes with it', () => {
    const facts = { prompt: 'login', reasons: ['no_session'], startedAt: 2_000, params: {} };
    assert.deepEqual(interactionStep(facts, undefined, 'Login'), { kind: 'journey', journey: 'Login' });
    assert.deepEqual(interactionStep(facts, login, 'Login'), { kind: 'login', login: { accountId: 'u-1', acr: 'Login', amr: ['pwd'], ts: 1_000 } });
  });

  it('asks for a new sign-in when the provider asked one (prompt=login, max_age) and the session is older', () => {
    const facts = { prompt: 'login', reasons: ['login_prompt'], startedAt: 2_000, params: {} };
    assert.deepEqual(interactionStep(facts, login, 'Login'), { kind: 'journey', journey: 'Login' });
    assert.equal(interactionStep(facts, { ...login, authTime: 2_001 }, 'Login').kind, 'login');
  });

  it('asks consent of the user the interaction is for, and not of another who signed in meanwhile', () => {
    const facts = { prompt: 'consent', reasons: ['op_scopes_missing'], startedAt: 2_000, params: {}, accountId: 'u-1' };
    assert.deepEqual(interactionStep(facts, login, 'Login'), { kind: 'consent' });
    assert.equal(interactionStep({ ...facts, accountId: 'u-2' }, login, 'Login').kind, 'login');
    assert.equal(interactionStep(facts, undefined, 'Login').kind, 'journey');
  });

  it('sends the browser to Arbor’s login page with the journey and the way back', () => {
    const url = new URL(loginPageUrl('alpha', 'MFALogin', '/am/oauth2/realms/root/realms/alpha/interaction/abc'), 'http://arbor');
    assert.equal(url.pathname, '/login');
    assert.equal(url.searchParams.get('realm'), 'alpha');
    assert.equal(url.searchParams.get('journey'), 'MFALogin');
    assert.equal(url.searchParams.get('goto'), '/am/oauth2/realms/root/realms/alpha/interaction/abc');
    assert.equal(new URL(loginPageUrl('root', 'Login', '/x'), 'http://arbor').searchParams.get('realm'), '/');
  });
});
