/**
 * The ids of script secrets, as Identity Cloud names its ESV secrets: `esv-` then lower-case
 * letters, digits and `-` (the first after `esv-` a letter or digit), 124 characters at most.
 */

/** The longest id. */
export const MAX_SCRIPT_SECRET_ID_LENGTH = 124;

/** The pattern every id matches. */
export const SCRIPT_SECRET_ID_PATTERN = /^esv-[a-z0-9][a-z0-9-]{0,119}$/;

/** True when `id` is a script secret id. */
export function isScriptSecretId(id: string): boolean {
  return SCRIPT_SECRET_ID_PATTERN.test(id);
}

/** Why `id` is not a script secret id, for messages (the id itself shortened, it is the caller's text). */
export function describeBadScriptSecretId(id: string): string {
  const shown = id.length > 64 ? `${id.slice(0, 64)}…` : id;
  return `${JSON.stringify(shown)} is not a secret id: esv- then lower-case letters, digits and '-', ${MAX_SCRIPT_SECRET_ID_LENGTH} characters at most`;
}
