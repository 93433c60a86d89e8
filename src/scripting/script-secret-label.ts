/**
 * The secret a script names: AM's secret labels for scripts, `scripted.node.<name>`, mapped as
 * Identity Cloud maps them to the ESV secret `esv-<name>` (dots as dashes), and ESV names given
 * directly (`esv-x`, or `esv.x` as `systemEnv` accepts it).
 */
import { isScriptSecretId } from '../secrets/script-secret-id.ts';

const LABEL_PREFIX = 'scripted.node.';

/** The ESV id `label` stands for, or undefined when it names no possible secret. */
export function scriptSecretIdOf(label: string): string | undefined {
  let name: string | undefined;
  if (label.startsWith(LABEL_PREFIX)) name = label.slice(LABEL_PREFIX.length);
  else if (label.startsWith('esv-') || label.startsWith('esv.')) name = label.slice(4);
  if (name === undefined || name === '') return undefined;
  const id = `esv-${name.replace(/\./g, '-')}`;
  return isScriptSecretId(id) ? id : undefined;
}
