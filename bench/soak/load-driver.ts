/**
 * Drives the mixed journeys: the mix itself (a fixed deck of journey kinds by weight, dealt in a
 * shuffled order that repeats), a closed loop (`concurrency` clients, each starting its next
 * journey when the last ends: how the peak is found) and an open loop (journeys started at a
 * fixed rate whatever the answers' speed, as real users arrive: how the soak runs).
 */
import { performance } from 'node:perf_hooks';
import { type JourneyContext, runJourney } from './journeys.ts';
import type { JourneyKind } from './window-stats.ts';

/** Journeys of each kind per 100 of the mix. */
export const MIX: Readonly<Record<JourneyKind, number>> = Object.freeze({ 'sign-in': 70, 'idm-query': 17, registration: 10, reset: 3 });

/** The sign-ins among all journeys of the mix. */
export const SIGN_IN_SHARE = MIX['sign-in'] / Object.values(MIX).reduce((sum, weight) => sum + weight, 0);

/** A deck of the mix's kinds, shuffled with a fixed seed (every run deals the same order). */
export function mixDeck(mix: Readonly<Record<JourneyKind, number>> = MIX): JourneyKind[] {
  const deck = (Object.entries(mix) as [JourneyKind, number][]).flatMap(([kind, weight]) => Array.from({ length: weight }, () => kind));
  let seed = 0x2545f491;
  for (let index = deck.length - 1; index > 0; index -= 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const other = seed % (index + 1);
    [deck[index], deck[other]] = [deck[other] as JourneyKind, deck[index] as JourneyKind];
  }
  return deck;
}

/** Deals the kinds of `deck` in turn, forever. */
export function dealer(deck: readonly JourneyKind[]): () => JourneyKind {
  let next = 0;
  return () => deck[next++ % deck.length] as JourneyKind;
}

/** `concurrency` clients running journeys back to back until `stopAt` (performance.now()). */
export async function runClosedLoop(ctx: JourneyContext, concurrency: number, stopAt: number): Promise<void> {
  const deal = dealer(mixDeck());
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) await runJourney(ctx, deal());
    }),
  );
}

/** What an open loop did. */
export interface OpenLoopResult {
  started: number;
  /** Journeys not started because `maxInFlight` were running (the servers fell behind). */
  skipped: number;
  /** Settles when the journeys still running at `stopAt` have ended. */
  running: Promise<void>;
}

/**
 * Starts `ratePerSecond` journeys per second until `stopAt`, each as soon as it is due (checked
 * every 5 ms), at most `maxInFlight` at once; resolves at `stopAt`, with the journeys still running.
 */
export async function runOpenLoop(ctx: JourneyContext, ratePerSecond: number, stopAt: number, maxInFlight: number, onSkip: (kind: JourneyKind) => void): Promise<OpenLoopResult> {
  const deal = dealer(mixDeck());
  const running = new Set<Promise<void>>();
  const began = performance.now();
  let due = 0;
  let skipped = 0;
  let started = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      const shouldHave = Math.floor(((Math.min(now, stopAt) - began) / 1000) * ratePerSecond);
      while (due < shouldHave) {
        due += 1;
        if (running.size >= maxInFlight) {
          skipped += 1;
          onSkip(deal());
          continue;
        }
        started += 1;
        const journey: Promise<void> = runJourney(ctx, deal()).finally(() => running.delete(journey));
        running.add(journey);
      }
      if (now >= stopAt) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 5);
  });
  return { started, skipped, running: Promise.all(running).then(() => undefined) };
}
