/**
 * Test helpers for the journey commands: a `CliContext` whose store is a memory store seen through
 * a proxy that offers only journeys, transactions, configuration documents and keys (the rest fails
 * loudly: journey commands must not use it), counts opening and closing, and records what the command prints.
 */
import { defaultRealmConfig } from '../config/realm-config.ts';
import type { DurableRepositories, Store } from '../store/store.ts';
import type { CliContext } from './command.ts';

/** A context and what the command wrote to it. */
export interface FakeCli {
  ctx: CliContext;
  out: string[];
  err: string[];
  /** How many times the store was opened and closed. */
  opened: number;
  closed: number;
}

/** What of the store journey commands may use: journeys, and (for the social providers of Frodo exports) configuration documents and the stored keys the master key is checked against. */
const ALLOWED = new Set<string | symbol>(['journeys', 'realms', 'configs', 'keys', 'transaction', 'close', 'dialect', 'migrate', 'health']);
const TX_ALLOWED = new Set<string | symbol>(['journeys', 'configs']);
/** Commands read realms (to check `--realm`), never write them. */
const REALMS_ALLOWED = new Set<string | symbol>(['get', 'list']);

/** The realms an installation starts with, put into `store` unless there. */
async function withDefaultRealms(store: Store): Promise<void> {
  for (const name of ['root', 'alpha']) if ((await store.realms.get(name)) === undefined) await store.realms.put(defaultRealmConfig(name));
}

/** `target` behind a proxy that throws on any property but `allowed` (and `then`, which promises probe). */
function only<T extends object>(target: T, allowed: ReadonlySet<string | symbol>, name: string): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === 'then') return undefined;
      if (!allowed.has(property)) throw new Error(`${name}.${String(property)} is not available in the journey CLI tests`);
      return Reflect.get(object, property);
    },
  });
}

/**
 * A context over `store` (a memory store holding the test's journeys, given the realms `root` and
 * `alpha` when opened); the store it opens offers only journeys, transactions and realm reads.
 */
export function fakeCli(store: Store, env: Record<string, string | undefined> = {}): FakeCli {
  const fake: FakeCli = {
    out: [],
    err: [],
    opened: 0,
    closed: 0,
    ctx: {
      env,
      out: (line) => fake.out.push(line),
      err: (line) => fake.err.push(line),
      async openStore() {
        fake.opened += 1;
        await withDefaultRealms(store);
        const opened: Store = {
          ...store,
          realms: only(store.realms, REALMS_ALLOWED, 'store.realms'),
          transaction: <T>(work: (tx: DurableRepositories) => Promise<T>) => store.transaction((tx) => work(only(tx, TX_ALLOWED, 'tx'))),
          close: async () => {
            fake.closed += 1;
          },
        };
        return only(opened, ALLOWED, 'store');
      },
    },
  };
  return fake;
}
