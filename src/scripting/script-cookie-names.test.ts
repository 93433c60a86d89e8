import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SCRIPT_COOKIE_NAMES, cookieNamesReadBy } from './script-cookie-names.ts';

describe('the cookie names a script reads', () => {
  it('takes the quoted names and the `requestCookies.name` properties of a script that reads requestCookies', () => {
    const source = [
      'var device = requestCookies.get("deviceId");',
      "var theme = requestCookies['ui-theme'];",
      'var other = requestCookies.tracking;',
      'if (requestCookies.containsKey(`consent`) && !requestCookies.isEmpty()) { outcome = "true"; }',
      'logger.message("not a name: " + "two words");',
    ].join('\n');
    assert.deepEqual(cookieNamesReadBy(source), ['deviceId', 'ui-theme', 'consent', 'true', 'tracking']);
  });

  it('takes nothing from a script that never mentions requestCookies', () => {
    assert.deepEqual(cookieNamesReadBy('sharedState.put("deviceId", "x"); outcome = "true";'), []);
  });

  it('takes at most MAX_SCRIPT_COOKIE_NAMES names', () => {
    const source = `requestCookies.get("a"); ${Array.from({ length: 200 }, (_, i) => `"n${i}"`).join(';')}`;
    assert.equal(cookieNamesReadBy(source).length, MAX_SCRIPT_COOKIE_NAMES);
  });
});
