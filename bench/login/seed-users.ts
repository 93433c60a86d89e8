/**
 * Seeds the users, a process of its own (forked by bench/login.ts with the store's ARBOR_*
 * settings, before the measured server starts, so that seeding costs nothing measured): opens and
 * bootstraps the store as `arbor start` would, creates `--users` users in realm alpha through the
 * identity service (its policies, argon2id hashes with OWASP's parameters) with the active terms
 * accepted and preferences set, so that the alpha Login's terms and progressive-profile steps never
 * stop a sign-in, and answers the first user's stored hash (the verifier's input).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { identityForStore } from '../../src/platform/identity-for-store.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import { createTermsGateway } from '../../src/selfservice/terms/terms-gateway.ts';
import type { SeedReply } from './messages.ts';
import { USER_PASSWORD, userName } from './users.ts';

const USER_TYPE = 'alpha_user';
/** Users created at once (each one hashes a password on libuv's thread pool). */
const PARALLEL = 4;

const { values } = parseArgs({ options: { users: { type: 'string' } }, strict: true });
const users = Number(values.users);
if (!Number.isInteger(users) || users < 1) throw new Error(`--users must be a positive integer, got ${values.users}`);

const started = performance.now();
const clock = { now: () => Date.now() };
const store = await openPlatformStore(loadServerSettings(process.env, process.cwd()), () => undefined, { clock });
try {
  const { identity } = identityForStore(store, clock);
  const terms = await createTermsGateway({ configs: store.configs }).active(['en']);
  const termsAccepted = terms === undefined ? undefined : { acceptDate: new Date().toISOString(), termsVersion: terms.version };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, users) }, async () => {
      for (let index = next++; index < users; index = next++) {
        const name = userName(index);
        const user = await identity.createUser(USER_TYPE, { userName: name, password: USER_PASSWORD, givenName: 'Load', sn: 'Test', mail: `${name}@example.com`, preferences: { updates: true, marketing: true } });
        if (termsAccepted !== undefined) await identity.updateMeta(USER_TYPE, user._id, (meta) => ({ ...meta, termsAccepted }));
      }
    }),
  );
  const [first] = await store.managedObjects.findByAttribute(USER_TYPE, 'userName', userName(0), 1);
  const hash = first?.data.password;
  if (typeof hash !== 'string') throw new Error(`no stored hash for ${userName(0)}`);
  process.send?.({ hash, seconds: (performance.now() - started) / 1000 } satisfies SeedReply);
} finally {
  await store.close();
}
