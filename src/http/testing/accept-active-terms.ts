/**
 * For HTTP tests that sign users in through the alpha `Login` journey but are not about terms:
 * records on a test user that they accepted the active terms (`_meta.termsAccepted`), as the
 * journey's terms step does, so that signing in goes straight to a session. Tests about terms
 * leave their users without it.
 */
import assert from 'node:assert/strict';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';

/** Marks user `userName` of managed type `type` as having accepted the active terms; nothing when none are active. */
export async function acceptActiveTerms(arbor: Pick<TestPlatform, 'app' | 'identity'>, type: string, userName: string): Promise<void> {
  const terms = await arbor.app.inject({ method: 'GET', url: '/openidm/selfservice/terms' });
  if (terms.statusCode === 404) return;
  assert.equal(terms.statusCode, 200, terms.body);
  const { version } = terms.json<{ version?: unknown }>();
  assert.equal(typeof version, 'string', terms.body);
  const [user, ...others] = await arbor.identity.findByAttribute(type, 'userName', userName, 2);
  assert.ok(user !== undefined && others.length === 0, `no single ${type} named ${userName}`);
  const acceptDate = new Date().toISOString();
  await arbor.identity.updateMeta(type, user._id, (meta) => ({ ...meta, termsAccepted: { acceptDate, termsVersion: String(version) } }));
}
