/** `ARBOR_NODE_HEADERS`: its default, and the headers it can never list (a start with one fails, naming it). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_NODE_HEADERS } from './node-headers-setting.ts';
import { isSettingsError, loadServerSettings } from './server-settings.ts';

function refusal(env: Record<string, string>): string {
  try {
    loadServerSettings(env, '/srv/arbor');
  } catch (error) {
    assert.ok(isSettingsError(error), String(error));
    assert.equal(error.variable, 'ARBOR_NODE_HEADERS');
    return error.message;
  }
  return assert.fail(`accepted ${JSON.stringify(env)}`);
}

describe('ARBOR_NODE_HEADERS', () => {
  it('defaults to accept-language, user-agent and x-forwarded-for (the latter only used behind a trusted proxy)', () => {
    assert.deepEqual(loadServerSettings({}, '/srv/arbor').nodeHeaders, [...DEFAULT_NODE_HEADERS]);
    assert.deepEqual(loadServerSettings({ ARBOR_NODE_HEADERS: ' ' }, '/srv/arbor').nodeHeaders, [...DEFAULT_NODE_HEADERS]);
  });

  it('reads a comma-separated list, lower-cased, without duplicates', () => {
    assert.deepEqual(loadServerSettings({ ARBOR_NODE_HEADERS: 'X-Brand, user-agent,USER-AGENT' }, '/srv/arbor').nodeHeaders, ['x-brand', 'user-agent']);
  });

  it('refuses credentials, session tokens and anything named like a secret', () => {
    for (const name of ['Cookie', 'authorization', 'Proxy-Authorization', 'X-OpenAM-Password', 'x-openidm-password', 'X-OpenIDM-Reauth-Password', 'iPlanetDirectoryPro', 'x-api-key', 'x-csrf-token', 'x-client-secret', 'x-session-id']) {
      assert.match(refusal({ ARBOR_NODE_HEADERS: `user-agent,${name}` }), new RegExp(`cannot list ${name.toLowerCase()}: .*nodes never see it`), name);
    }
    assert.match(refusal({ ARBOR_COOKIE_NAME: 'MySso', ARBOR_NODE_HEADERS: 'mysso' }), /session token \(ARBOR_COOKIE_NAME\)/);
  });

  it('refuses what is not a header name', () => {
    assert.match(refusal({ ARBOR_NODE_HEADERS: 'user-agent,,x-brand' }), /"" is not a header name/);
    assert.match(refusal({ ARBOR_NODE_HEADERS: 'x brand' }), /"x brand" is not a header name/);
  });
});
