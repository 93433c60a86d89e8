/**
 * Provider answers received by FORM_POST (`response_mode=form_post`), kept until the journey
 * resumes: sealed with the master key under a random, single-use `form_post_entry` id (the store
 * key is the id's hash), for five minutes. The browser carries only the id back to the journey;
 * the code and state never appear in a URL.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';

/** A provider's posted answer, with where it belongs. */
export interface FormPostEntry {
  realm: string;
  provider: string;
  /** The posted fields (`code`, `state`, `error`, `error_description`, `iss`). */
  answer: Record<string, string>;
}

/** Where posted answers wait for their journey. */
export interface FormPostEntries {
  /** Keeps `entry`; the id to send the browser back with. */
  put(entry: FormPostEntry): Promise<string>;
  /** The entry with this id, once; undefined when unknown, expired, used or unreadable. */
  take(id: string): Promise<FormPostEntry | undefined>;
}

/** How long a posted answer waits (5 minutes). */
export const FORM_POST_ENTRY_TTL_MS = 5 * 60_000;

/** The posted fields kept; anything else a provider posts is dropped. */
export const FORM_POST_FIELDS = ['code', 'state', 'error', 'error_description', 'iss'] as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const PURPOSE = 'social form_post entry';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function storeKey(id: string): string {
  return `social-form-post:${createHash('sha256').update(id).digest('base64url')}`;
}

/** Posted answers on the ephemeral store, sealed by `sealer`. */
export function createFormPostEntries(ephemeral: EphemeralStore, sealer: SecretSealer): FormPostEntries {
  return {
    async put(entry) {
      const id = randomBytes(32).toString('base64url');
      await ephemeral.put(storeKey(id), sealer.seal(JSON.stringify(entry), PURPOSE), FORM_POST_ENTRY_TTL_MS);
      return id;
    },
    async take(id) {
      if (!ID_PATTERN.test(id)) return undefined;
      const sealed = await ephemeral.consume(storeKey(id));
      if (sealed === undefined) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(sealer.open(sealed, PURPOSE));
      } catch {
        return undefined;
      }
      if (!isRecord(parsed) || typeof parsed.realm !== 'string' || typeof parsed.provider !== 'string' || !isRecord(parsed.answer)) return undefined;
      const answer: Record<string, string> = {};
      for (const field of FORM_POST_FIELDS) {
        const value = Object.hasOwn(parsed.answer, field) ? parsed.answer[field] : undefined;
        if (typeof value === 'string') answer[field] = value;
      }
      return { realm: parsed.realm, provider: parsed.provider, answer };
    },
  };
}
