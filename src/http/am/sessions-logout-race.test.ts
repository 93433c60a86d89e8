/**
 * A logout sticks while the session is being used: over real HTTP, a logout lands among 20
 * concurrent requests that touch the session (IDM calls authenticated by it, `refresh`,
 * `getSessionInfoAndResetIdleTime`); afterwards the token is dead everywhere, in every one of 10
 * rounds, on SQLite, PostgreSQL and Redis. (A touch used to read the session and write it back
 * unconditionally, undoing a logout that landed in between.)
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { ListeningPlatform } from '../../platform/testing/listening-platforms.ts';
import { onEveryBackend } from '../../platform/testing/listening-platforms.ts';
import { cookieOf, requestJson, sessionAction, sessionWorks, signInOver } from '../testing/session-http.ts';

const ROUNDS = 10;
const TOUCHES = 20;

onEveryBackend('logout racing session touches', (platform) => {
  let arbor: ListeningPlatform;

  before(async () => {
    arbor = platform();
    await arbor.identity.createUser('user', { userName: 'racer', password: 'Racing-Passw0rd', givenName: 'Ray', sn: 'Cer', mail: 'racer@example.com' });
  });

  /** One request that touches the session, by kind. */
  const touch = (token: string, i: number): Promise<unknown> => {
    switch (i % 3) {
      case 0:
        return requestJson(arbor.baseUrl, 'GET', '/openidm/info/login', cookieOf(token));
      case 1:
        return sessionAction(arbor.baseUrl, 'refresh', token);
      default:
        return sessionAction(arbor.baseUrl, 'getSessionInfoAndResetIdleTime', token);
    }
  };

  it(`race: a logout among ${TOUCHES} concurrent touches ends the session, ${ROUNDS} times out of ${ROUNDS}`, async () => {
    const survived: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const token = await signInOver(arbor.baseUrl, 'root', 'racer', 'Racing-Passw0rd');
      const before = Array.from({ length: TOUCHES / 2 }, (_, i) => touch(token, i));
      const logout = sessionAction(arbor.baseUrl, 'logout', token);
      const afterwards = Array.from({ length: TOUCHES / 2 }, (_, i) => touch(token, i + 1));
      const [loggedOut] = await Promise.all([logout, ...before, ...afterwards]);
      assert.equal(loggedOut.status, 200, `round ${round}: logout answered ${JSON.stringify(loggedOut.body)}`);
      if (await sessionWorks(arbor.baseUrl, token)) survived.push(round);
    }
    assert.deepEqual(survived, [], `the session outlived its logout in rounds ${survived.join(', ')}`);
  });
});
