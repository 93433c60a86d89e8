/**
 * New scripts made from the journey editor, without React: which node types name a script of the
 * realm by id (their config's `script`) and in which script context, the name a new script may
 * have, the starter source it is created with (it chooses an outcome, or builds a config), the body
 * of `POST …/scripts?_action=create`, and the node's config once it names the new script. Only
 * JavaScript is offered: Arbor keeps Groovy scripts but never runs them.
 */
import { encodeScript } from './script-model.ts';

/** The script context of the node types that name a script by id. */
const SCRIPT_CONTEXTS: Readonly<Record<string, string>> = {
  ScriptedDecisionNode: 'AUTHENTICATION_TREE_DECISION_NODE',
  ConfigProviderNode: 'CONFIG_PROVIDER_NODE',
};

/** The node type whose script chooses one of its declared `outcomes`. */
const DECISION_TYPE = 'ScriptedDecisionNode';

/** The outcomes a new script's Scripted Decision declares when it declares none. */
export const STARTER_OUTCOMES: readonly string[] = ['true', 'false'];

/** The longest script name the scripts REST takes. */
export const MAX_SCRIPT_NAME = 255;

/** `1.0`: legacy bindings; `2.0`: next-generation bindings. */
export type EvaluatorVersion = '1.0' | '2.0';

/** The script context of a node of `nodeType` that names a script (`script`), or `undefined`. */
export function scriptContextOf(nodeType: string): string | undefined {
  return Object.hasOwn(SCRIPT_CONTEXTS, nodeType) ? SCRIPT_CONTEXTS[nodeType] : undefined;
}

/** Why `name` cannot name a new script, or `''`. */
export function scriptNameProblem(name: string): string {
  if (name.trim() === '') return 'Give the script a name.';
  if (name.length > MAX_SCRIPT_NAME) return `The name is longer than ${MAX_SCRIPT_NAME} characters.`;
  if ([...name].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f')) return 'The name cannot hold control characters.';
  return '';
}

function declaredOutcomes(config: Record<string, unknown>): string[] {
  const outcomes = Object.hasOwn(config, 'outcomes') ? config.outcomes : undefined;
  return Array.isArray(outcomes) ? outcomes.filter((outcome): outcome is string => typeof outcome === 'string' && outcome !== '') : [];
}

/** The outcome a new script of a node with `config` chooses: its first declared one, else `true`. */
export function starterOutcome(config: Record<string, unknown>): string {
  return declaredOutcomes(config)[0] ?? STARTER_OUTCOMES[0] ?? 'true';
}

/** The source a new script of `context` starts with: a decision choosing `outcome`, or a Configuration Provider's empty config. */
export function starterSource(context: string, version: EvaluatorVersion, outcome: string): string {
  const quoted = JSON.stringify(outcome);
  if (context === 'CONFIG_PROVIDER_NODE') {
    return [
      `// A Configuration Provider script (${version === '2.0' ? 'next-generation' : 'legacy'} bindings): \`config\` is the configuration of the node it runs.`,
      version === '2.0' ? '// nodeState.get("username") reads the journey\'s state.' : '// sharedState.get("username") reads the journey\'s state.',
      'config = {};',
      '',
    ].join('\n');
  }
  if (version === '2.0') {
    return [
      '// A Scripted Decision (next-generation bindings): choose one of the node\'s outcomes.',
      '// nodeState.get("username") reads the journey\'s state; callbacksBuilder sends callbacks.',
      `action.goTo(${quoted});`,
      '',
    ].join('\n');
  }
  return ['// A Scripted Decision (legacy bindings): set `outcome` to one of the node\'s outcomes.', '// sharedState.get("username") reads the journey\'s state.', `outcome = ${quoted};`, ''].join('\n');
}

/** The body of `POST …/scripts?_action=create` for a new JavaScript script. */
export function newScriptBody(input: { name: string; context: string; version: EvaluatorVersion; source: string }): Record<string, unknown> {
  return { name: input.name, description: '', script: encodeScript(input.source), language: 'JAVASCRIPT', context: input.context, evaluatorVersion: input.version, default: false };
}

/** `config` of a node of `nodeType` naming script `id`; a Scripted Decision declaring no outcome gets `true` and `false`. */
export function configWithScript(nodeType: string, config: Record<string, unknown>, id: string): Record<string, unknown> {
  const next: Record<string, unknown> = { ...config, script: id };
  if (nodeType === DECISION_TYPE && declaredOutcomes(config).length === 0) next.outcomes = [...STARTER_OUTCOMES];
  return next;
}
