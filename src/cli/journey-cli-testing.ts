/**
 * Test helpers for the journey commands: a `CliContext` whose store keeps journeys in memory and
 * that records what the command prints.
 */
import type { Store } from '../store/store.ts';
import type { MemoryJourneyStore } from '../journeys/trees/testing/memory-journey-store.ts';
import type { CliContext } from './command.ts';

/** A fake context and what the command wrote to it. */
export interface FakeCli {
  ctx: CliContext;
  out: string[];
  err: string[];
  /** How many times the store was opened and closed. */
  opened: number;
  closed: number;
}

/** An object whose every property access fails: parts of the store journey commands must not use. */
function unavailable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`${name}.${String(property)} is not available in the journey CLI tests`);
    },
  });
}

/** A context over `journeys`; the store it opens has only journeys and transactions. */
export function fakeCli(journeys: MemoryJourneyStore, env: Record<string, string | undefined> = {}): FakeCli {
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
        const store: Store = {
          dialect: 'sqlite',
          journeys: journeys.journeys,
          managedObjects: unavailable('managedObjects'),
          realms: unavailable('realms'),
          configs: unavailable('configs'),
          keys: unavailable('keys'),
          outbox: unavailable('outbox'),
          ephemeral: unavailable('ephemeral'),
          transaction: (work) => journeys.transaction((tx) => work({ ...unavailableRepositories(), journeys: tx.journeys })),
          migrate: async () => undefined,
          health: async () => undefined,
          close: async () => {
            fake.closed += 1;
          },
        };
        return store;
      },
    },
  };
  return fake;
}

function unavailableRepositories(): Omit<Parameters<Parameters<Store['transaction']>[0]>[0], 'journeys'> {
  return { managedObjects: unavailable('managedObjects'), realms: unavailable('realms'), configs: unavailable('configs'), keys: unavailable('keys'), outbox: unavailable('outbox') };
}
