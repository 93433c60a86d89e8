/** What the benchmark's processes say to each other over their IPC channels. */
import type { WindowResult } from './measure-window.ts';

/** What the load generator runs: one phase against one server. */
export interface GeneratorJob {
  /** `route`: the minimal Fastify route; `start`: the alpha Login's first step; `sign-in`: start, then answer with credentials. */
  kind: 'route' | 'start' | 'sign-in';
  /** The server's port on 127.0.0.1. */
  port: number;
  connections: number;
  /** Requests in flight on each connection (1: no pipelining). */
  pipelining: number;
  warmupSeconds: number;
  seconds: number;
  /** The server's processes (Arbor's primary and its workers), whose CPU time is read at the window's edges. */
  cpuPids: number[];
  /** The seeded users (sign-in only): `userName(0 … count - 1)`, all with `password`. */
  users?: { count: number; password: string };
}

/** What the argon2id verifier runs: `concurrency` loops verifying `password` against `hash`. */
export interface VerifierJob {
  hash: string;
  password: string;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
}

/** A request to a child process, and its answer. */
export interface JobMessage<Job> {
  id: number;
  job: Job;
}
export type ReplyMessage = { id: number; result: WindowResult } | { id: number; error: string };

/** What the seeding process answers: the stored hash of the first seeded user. */
export interface SeedReply {
  hash: string;
  seconds: number;
}

/** What the echo server answers once it listens. */
export interface ListeningMessage {
  port: number;
}
