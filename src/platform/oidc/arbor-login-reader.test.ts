import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { createSessionService } from '../../sessions/session-service.ts';
import { manualClock } from '../../store/contract/manual-clock.ts';
import { memoryEphemeralStore } from '../../store/memory/memory-ephemeral-store.ts';
import { arborLoginReader } from './arbor-login-reader.ts';

const COOKIE = 'iPlanetDirectoryPro';

/** The `amr` the provider would issue for a session whose journey recorded `recorded`. */
async function amrOf(recorded: string | undefined): Promise<string[] | undefined> {
  const clock = manualClock();
  const sessions = createSessionService({ ephemeral: memoryEphemeralStore(clock), clock });
  const properties = recorded === undefined ? {} : { amr: recorded };
  const { tokenId } = await sessions.create({ realm: 'alpha', userId: 'u1', username: 'ann', userType: 'alpha_user', authLevel: 0, tree: 'MFALogin', properties }, { maxIdleMinutes: 30, maxSessionMinutes: 120 });
  const request = new IncomingMessage(new Socket());
  request.headers = { cookie: `${COOKIE}=${tokenId}` };
  return (await arborLoginReader(sessions, COOKIE)(request))?.amr;
}

describe('the sign-in the OpenID provider reads from Arbor’s session', () => {
  it('issues amr from what the journey recorded, with mfa when two ways were used', async () => {
    assert.deepEqual(await amrOf('pwd,otp'), ['pwd', 'otp', 'mfa']);
    assert.deepEqual(await amrOf('hwk'), ['hwk'], 'a passkey alone');
    assert.deepEqual(await amrOf('fed'), ['fed']);
  });

  it('says pwd for a session that recorded nothing, and drops what is not a method name', async () => {
    assert.deepEqual(await amrOf(undefined), ['pwd']);
    assert.deepEqual(await amrOf('pwd,mfa,<b>,otp,otp'), ['pwd', 'otp', 'mfa']);
  });
});
