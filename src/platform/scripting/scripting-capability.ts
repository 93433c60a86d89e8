/**
 * Scripting as a platform capability: the Scripted Decision node, and the `ScriptingGateway` it
 * finds under `SCRIPTING` (scripts read through the platform's cached configuration, realm
 * settings through a cached realm list, one runner shared by all requests, its scripts run on a
 * small pool of worker threads so that a slow script never holds up other requests), the tenant's
 * script secrets (ESVs) that `secrets.getGenericSecret` reads, and their REST API
 * (`/environment/secrets`, `http/environment/script-secrets-routes.ts`). Lines about
 * scripts go to the platform's log (the script's `logger` at its level, failures at `warn` with a
 * stable code), or to `options.log`. See docs/scripting.md.
 */
import { anyNode } from '../../journeys/engine/define-node.ts';
import { scriptedDecisionNode } from '../../journeys/nodes/scripting/scripted-decision-node.ts';
import { createConfigProviderNode } from '../../journeys/nodes/scripting/config-provider-node.ts';
import { CUSTOM_NODE_TYPES, customScriptNode } from '../../journeys/nodes/scripting/custom-script-node.ts';
import { builtinNodes, createNodeRegistry } from '../../journeys/nodes/registry.ts';
import { configScriptStore } from '../../scripting/script-store.ts';
import { createScriptRunner } from '../../scripting/script-runner.ts';
import type { ScriptRunnerOptions } from '../../scripting/script-runner.ts';
import { workerExecutor } from '../../scripting/sandbox-executor.ts';
import { SCRIPTING } from '../../journeys/nodes/scripting/scripting-gateway.ts';
import { cachedRealms } from '../cached-realms.ts';
import type { PlatformCapability } from '../platform-capability.ts';
import { createScriptingGateway } from './scripting-gateway-adapter.ts';
import { realmNameOfPath } from '../../config/realm-config.ts';
import { configCustomNodeStore } from '../../journeys/nodes/scripting/custom-script-node-store.ts';
import type { ScriptLog } from './scripting-gateway-adapter.ts';
import { createScriptSecrets } from '../../secrets/script-secrets.ts';
import { registerScriptSecretsRoutes } from '../../http/environment/script-secrets-routes.ts';

/** What a deployment (or a test) may change. */
export interface ScriptingCapabilityOptions {
  /** The runner's options; its attempts run on a pool of worker threads unless `executor` says otherwise. */
  runner?: ScriptRunnerOptions;
  /** Worker threads for scripts (default: the cores, at most 4). */
  workers?: number;
  /** Where lines about scripts go; the platform's log when absent. */
  log?: ScriptLog;
}

/** Makes the capability. */
export function createScriptingCapability(options: ScriptingCapabilityOptions = {}): PlatformCapability {
  return {
    name: 'scripting',
    // The Configuration Provider imitates the built-in node types.
    nodes: [anyNode(scriptedDecisionNode), anyNode(createConfigProviderNode(createNodeRegistry(builtinNodes))), anyNode(customScriptNode)],
    install(context) {
      const executor = options.runner?.executor ?? workerExecutor(options.workers === undefined ? {} : { workers: options.workers });
      // Until the app (and its log) exists, lines are kept silent; `routes` binds the log.
      let platformLog: ScriptLog = () => {};
      const log: ScriptLog = options.log ?? ((entry) => platformLog(entry));
      context.registry.register(
        SCRIPTING,
        createScriptingGateway({
          scripts: configScriptStore(context.store.configs),
          realms: cachedRealms(context.store.realms, context.clock, context.cacheInvalidation),
          runner: createScriptRunner({ ...options.runner, executor }),
          managedObjects: context.store.managedObjects,
          fetch: context.fetch,
          log,
          secrets: createScriptSecrets({ configs: context.store.configs, sealer: context.sealer, clock: context.clock }),
        }),
      );
      const customNodes = configCustomNodeStore(context.store.configs);
      context.registry.register(CUSTOM_NODE_TYPES, { get: (realm, id) => customNodes.get(realmNameOfPath(realm), id) });
      // The ESV secrets API (`/environment/secrets`) writes the uncached, audited documents.
      const adminSecrets = createScriptSecrets({ configs: context.storedConfigs, sealer: context.sealer, clock: context.clock });
      return {
        routes(app, http) {
          registerScriptSecretsRoutes(app, { secrets: adminSecrets, requireAdministrator: (request) => http.requireAdministrator(request) });
          platformLog = (entry) => {
            const fields = { realm: entry.realm, script: entry.script, ...(entry.code === undefined ? {} : { code: entry.code }) };
            app.log[entry.level](fields, entry.code === undefined ? `script: ${entry.message}` : entry.message);
          };
        },
        close: () => executor.close(),
      };
    },
  };
}

/** Scripting with the platform's defaults. */
export const scriptingCapability: PlatformCapability = createScriptingCapability();
