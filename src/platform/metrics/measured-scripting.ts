/**
 * Script runs, measured: the scripting capability registers its gateway on a registry that wraps
 * it, so each evaluation is timed and counted by result (`ok` or the failure's stable code), and
 * runs stopped by a realm limit (time, memory, stack, output size) are counted by limit.
 */
import type { CapabilityRegistry } from '../../journeys/engine/capabilities.ts';
import { SCRIPTING, type ScriptingGateway } from '../../journeys/nodes/scripting/scripting-gateway.ts';
import { isScriptError, type ScriptErrorCode } from '../../scripting/script-error.ts';
import type { ArborMetrics } from './arbor-metrics.ts';
import { secondsSince } from './arbor-metrics.ts';

type ScriptMetrics = Pick<ArborMetrics, 'scriptRuns' | 'scriptSeconds' | 'scriptLimitsHit'>;

/** The failure codes that are a limit of the realm, and the limit's label. */
const LIMITS: Partial<Record<ScriptErrorCode, string>> = {
  SCRIPT_TIMEOUT: 'time',
  SCRIPT_MEMORY: 'memory',
  SCRIPT_STACK_OVERFLOW: 'stack',
  SCRIPT_OUTPUT_TOO_LARGE: 'output',
};

/** `gateway` with its runs measured. */
export function measuredScripting(gateway: ScriptingGateway, metrics: ScriptMetrics): ScriptingGateway {
  return {
    async evaluate(request) {
      const start = performance.now();
      try {
        const output = await gateway.evaluate(request);
        metrics.scriptRuns.inc({ result: 'ok' });
        return output;
      } catch (error) {
        const code = isScriptError(error) ? error.code : undefined;
        metrics.scriptRuns.inc({ result: code === undefined ? 'other' : code.toLowerCase() });
        const limit = code === undefined ? undefined : LIMITS[code];
        if (limit !== undefined) metrics.scriptLimitsHit.inc({ limit });
        throw error;
      } finally {
        metrics.scriptSeconds.observe(secondsSince(start));
      }
    },
  };
}

/** `registry`, measuring the scripting gateway registered on it. */
export function measuringRegistry(registry: CapabilityRegistry, metrics: ScriptMetrics): CapabilityRegistry {
  return {
    register(key, service) {
      // The key object is SCRIPTING's own, so the service is a ScriptingGateway.
      if (Object.is(key, SCRIPTING)) registry.register(SCRIPTING, measuredScripting(service as ScriptingGateway, metrics));
      else registry.register(key, service);
    },
    seal: () => registry.seal(),
  };
}
