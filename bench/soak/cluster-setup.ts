/**
 * Prepares the cluster for the soak through its REST API, as an operator would: the
 * administrator's session, `external.email` pointed at the soak's SMTP sink, and the users the
 * journeys need (created in realm alpha with their preferences set), each sign-in user signed in
 * once so that the one-time terms step is behind them before anything is measured.
 */
import { SOAK_PASSWORD } from './journeys.ts';
import type { SoakClient } from './soak-client.ts';

/** Signs `amadmin` in to root with zero-page headers; answers the session cookie header. */
export async function adminSession(client: SoakClient, password: string): Promise<string> {
  const answer = await client.send('POST', '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login', { headers: { 'x-openam-username': 'amadmin', 'x-openam-password': password } });
  const token = answer.body.tokenId;
  if (answer.status !== 200 || typeof token !== 'string') throw new Error(`the administrator could not sign in: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  return `iPlanetDirectoryPro=${token}`;
}

/** Points `external.email` at the SMTP server on loopback `port` (no TLS, no login). */
export async function configureMail(client: SoakClient, cookie: string, port: number): Promise<void> {
  const answer = await client.send('PUT', '/openidm/config/external.email', {
    headers: { cookie },
    body: { host: '127.0.0.1', port, from: 'accounts@example.com', auth: { enable: false }, starttls: { enable: false }, ssl: { enable: false }, connectiontimeout: 5000, timeout: 5000 },
  });
  if (answer.status !== 200) throw new Error(`external.email was refused: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
}

/** Runs `work` over `items`, `parallel` at once. */
export async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) await work(items[index] as T);
    }),
  );
}

/** Creates `names` in realm alpha with SOAK_PASSWORD, `<name>@example.com` and both preferences on. */
export async function createUsers(client: SoakClient, cookie: string, names: readonly string[]): Promise<void> {
  await inParallel(names, 6, async (userName) => {
    const answer = await client.send('POST', '/openidm/managed/alpha_user?_action=create', {
      headers: { cookie },
      body: { userName, password: SOAK_PASSWORD, givenName: 'Lena', sn: 'Seeded', mail: `${userName}@example.com`, preferences: { updates: true, marketing: true } },
    });
    if (answer.status !== 201) throw new Error(`creating ${userName} was refused: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  });
}
