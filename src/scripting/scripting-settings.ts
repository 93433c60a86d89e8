/**
 * The limits and reach of scripts in one realm (the realm config's `scripting` section), with
 * their defaults. Values that are missing or not sensible fall back to the default.
 */

/** A realm's `scripting` section, as an administrator writes it. */
export interface ScriptingSettings {
  /** CPU time one run may take, ms (default 1000). */
  timeoutMs?: number;
  /** Memory one run may allocate, bytes (default 16 MiB). */
  memoryBytes?: number;
  /** Size of a run's result (state, callbacks, outcome) as JSON, bytes (default 1 MiB). */
  maxOutputBytes?: number;
  /** Hosts `httpClient` may reach: `api.example.com`, `*.example.com`, optionally `:port`; none by default. */
  httpAllowList?: string[];
  /** How long `httpClient` waits for an answer, ms (default 5000). */
  httpTimeoutMs?: number;
  /** The largest answer body `httpClient` reads, bytes (default 1 MiB). */
  httpMaxResponseBytes?: number;
  /** `systemEnv.getProperty(name)` values (`esv.api.url` → `https://…`). */
  variables?: Record<string, string>;
}

/** The settings of a run, every value set. */
export interface ResolvedScriptingSettings {
  timeoutMs: number;
  memoryBytes: number;
  maxOutputBytes: number;
  httpAllowList: readonly string[];
  httpTimeoutMs: number;
  httpMaxResponseBytes: number;
  variables: Readonly<Record<string, string>>;
}

/** The defaults. */
export const DEFAULT_SCRIPTING: ResolvedScriptingSettings = Object.freeze({
  timeoutMs: 1000,
  memoryBytes: 16 * 1024 * 1024,
  maxOutputBytes: 1024 * 1024,
  httpAllowList: [],
  httpTimeoutMs: 5000,
  httpMaxResponseBytes: 1024 * 1024,
  variables: {},
});

function positive(value: unknown, fallback: number, minimum: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= minimum ? Math.floor(value) : fallback;
}

/** The realm's settings with the defaults filled in. */
export function resolveScriptingSettings(settings: ScriptingSettings | undefined): ResolvedScriptingSettings {
  const given = settings ?? {};
  const variables: Record<string, string> = {};
  if (typeof given.variables === 'object' && given.variables !== null) {
    for (const [name, value] of Object.entries(given.variables)) if (typeof value === 'string') variables[name] = value;
  }
  return {
    timeoutMs: positive(given.timeoutMs, DEFAULT_SCRIPTING.timeoutMs, 1),
    memoryBytes: positive(given.memoryBytes, DEFAULT_SCRIPTING.memoryBytes, 1024 * 1024),
    maxOutputBytes: positive(given.maxOutputBytes, DEFAULT_SCRIPTING.maxOutputBytes, 1024),
    httpAllowList: Array.isArray(given.httpAllowList) ? given.httpAllowList.filter((entry) => typeof entry === 'string') : [],
    httpTimeoutMs: positive(given.httpTimeoutMs, DEFAULT_SCRIPTING.httpTimeoutMs, 1),
    httpMaxResponseBytes: positive(given.httpMaxResponseBytes, DEFAULT_SCRIPTING.httpMaxResponseBytes, 1),
    variables,
  };
}
