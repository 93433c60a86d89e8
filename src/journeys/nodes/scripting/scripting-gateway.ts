/**
 * Scripts as journey nodes run them: the scripting capability (`src/platform/scripting/`)
 * registers a `ScriptingGateway` under `SCRIPTING`; the Scripted Decision node finds it through
 * `services.capabilities`. The gateway loads the realm's script, runs it within the realm's limits
 * and writes the log lines; a failure is a `ScriptError`, already logged.
 */
import { capabilityKey } from '../../engine/capabilities.ts';
import type { IdentityGateway } from '../../engine/node-context.ts';
import type { AmScript } from '../../../scripting/am-script.ts';
import type { ScriptBindingsData } from '../../../scripting/script-runner.ts';
import type { ScriptOutput } from '../../../scripting/script-output.ts';

/** One evaluation a node asks for. */
export interface ScriptEvaluation {
  /** AM's realm path (`/alpha`). */
  realm: string;
  scriptId: string;
  /** The outcomes the node declares; a script choosing another fails. */
  outcomes: readonly string[];
  /** The bindings' data; the gateway fills `cookies` from `cookie`. */
  data: ScriptBindingsData;
  /**
   * The request's cookie reader (`RequestFacts.cookie`: never the session cookie nor Arbor's
   * `arbor-*` ones); the script's `requestCookies` holds the cookies its text names.
   */
  cookie?: (name: string) => string | undefined;
  /** The request's identity operations, for `openidm` and `idRepository`. */
  identity: IdentityGateway;
  /** The tree's identity resource (`managed/alpha_user`). */
  identityResource: string;
  /** The script itself, run instead of the realm's script `scriptId` (a Node Designer node's). */
  script?: AmScript;
  /** False when the script chooses no outcome (a Configuration Provider script); true by default. */
  requireOutcome?: boolean;
}

/** Runs scripts for nodes. */
export interface ScriptingGateway {
  /** Runs the script; throws a `ScriptError` (logged) when it fails or chooses an undeclared outcome. */
  evaluate(request: ScriptEvaluation): Promise<ScriptOutput>;
}

/** The key the scripting capability registers its gateway under. */
export const SCRIPTING = capabilityKey<ScriptingGateway>('scripting');
