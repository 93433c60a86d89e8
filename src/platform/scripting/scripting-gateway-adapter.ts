/**
 * The `ScriptingGateway` of the platform: the realm's script from the (cached) script store, the
 * realm's `scripting` settings, a run on the shared `ScriptRunner` with the host operations of
 * this request and the request cookies the script names (`requestCookies`), and the log lines:
 * the script's own (`logger`) with its realm and name, and one `warn` line for each failure
 * naming the script, the stable code and the reason.
 */
import { realmNameOfPath } from '../../config/realm-config.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { ManagedObjectRepository } from '../../identity/ports.ts';
import { managedTypeOf } from '../../identity/identity-resource.ts';
import type { AmScript } from '../../scripting/am-script.ts';
import { scriptSource } from '../../scripting/am-script.ts';
import { cookieNamesReadBy } from '../../scripting/script-cookie-names.ts';
import { isScriptError, scriptError } from '../../scripting/script-error.ts';
import type { ScriptErrorCode } from '../../scripting/script-error.ts';
import type { ScriptLogLine } from '../../scripting/script-host.ts';
import { createScriptHost, type ScriptSecretValues } from '../../scripting/script-host-ops.ts';
import type { ScriptRunner } from '../../scripting/script-runner.ts';
import type { ScriptStore } from '../../scripting/script-store.ts';
import type { ScriptingGateway } from '../../journeys/nodes/scripting/scripting-gateway.ts';
import { resolveScriptingSettings } from '../../scripting/scripting-settings.ts';
import { scriptIdentityOver } from './script-identity-adapter.ts';

/** A line about a script, for the platform's log. */
export interface ScriptLogEntry {
  realm: string;
  /** The script's id and name. */
  script: string;
  level: ScriptLogLine['level'];
  message: string;
  /** Set on a failure. */
  code?: ScriptErrorCode;
}

/** Where lines about scripts go. */
export type ScriptLog = (entry: ScriptLogEntry) => void;

/** What the gateway is built from. */
export interface ScriptingGatewayDeps {
  scripts: ScriptStore;
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  runner: ScriptRunner;
  managedObjects: ManagedObjectRepository;
  fetch: typeof fetch;
  log: ScriptLog;
  /** The tenant's script secrets (`secrets.getGenericSecret`); none given: no secret is stored. */
  secrets?: ScriptSecretValues;
}

/** A tenant without script secrets. */
const NO_SECRETS: ScriptSecretValues = { value: async () => undefined };


/** The gateway over `deps`. */
export function createScriptingGateway(deps: ScriptingGatewayDeps): ScriptingGateway {
  // The cookie names each script revision reads, found once (at most 512 revisions kept).
  const cookieNames = new Map<string, string[]>();
  function cookiesOf(realm: string, script: AmScript, cookie: ((name: string) => string | undefined) | undefined): Record<string, string> {
    if (cookie === undefined) return {};
    const key = `${realm}\u0000${script._id}\u0000${script.lastModifiedDate}`;
    let names = cookieNames.get(key);
    if (names === undefined) {
      names = cookieNamesReadBy(scriptSource(script));
      cookieNames.set(key, names);
      if (cookieNames.size > 512) cookieNames.delete(cookieNames.keys().next().value ?? key);
    }
    const found: [string, string][] = [];
    for (const name of names) {
      const value = cookie(name);
      if (value !== undefined) found.push([name, value]);
    }
    // fromEntries defines own properties, so even a cookie named `__proto__` stays a plain entry.
    return Object.fromEntries(found);
  }
  return {
    async evaluate(request) {
      const realm = realmNameOfPath(request.realm);
      let label = request.scriptId;
      try {
        const script = request.script ?? (await deps.scripts.get(realm, request.scriptId));
        if (script === undefined) throw scriptError('SCRIPT_NOT_FOUND', `the realm has no script ${request.scriptId}`);
        label = `${script._id} (${script.name})`;
        const settings = resolveScriptingSettings((await deps.realms.get(realm))?.scripting);
        const host = createScriptHost({
          http: { fetch: deps.fetch, allowList: settings.httpAllowList, timeoutMs: settings.httpTimeoutMs, maxResponseBytes: settings.httpMaxResponseBytes },
          identity: scriptIdentityOver(request.identity, deps.managedObjects),
          userType: managedTypeOf(request.identityResource),
          secrets: deps.secrets ?? NO_SECRETS,
        });
        const scriptLabel = label;
        const output = await deps.runner.run({
          script,
          realm,
          data: { ...request.data, cookies: cookiesOf(realm, script, request.cookie) },
          settings,
          host,
          log: (line) => deps.log({ realm, script: scriptLabel, level: line.level, message: line.message }),
        });
        if (output.callbacks.length === 0 && request.requireOutcome !== false) {
          if (output.outcome === undefined) throw scriptError('SCRIPT_ERROR', 'the script chose no outcome and sent no callbacks');
          if (!request.outcomes.includes(output.outcome)) {
            throw scriptError('SCRIPT_OUTCOME_UNDECLARED', `the script chose "${output.outcome}", not one of the node's outcomes (${request.outcomes.join(', ')})`);
          }
        }
        return output;
      } catch (error) {
        if (isScriptError(error)) deps.log({ realm, script: label, level: 'warn', code: error.code, message: `script failed: ${error.message}` });
        throw error;
      }
    },
  };
}
