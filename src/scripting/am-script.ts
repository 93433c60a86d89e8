/**
 * A script as AM keeps it (`/am/json/realms/<r>/scripts/<id>`): its id, name, base64 source,
 * language, context and evaluator version (`1.0` legacy bindings, `2.0` next-generation), and who
 * changed it when. Arbor stores the same fields, so exports round-trip unchanged.
 */

/** AM's script languages; Groovy is kept but never run. */
export type ScriptLanguage = 'JAVASCRIPT' | 'GROOVY';

/** A stored script, in AM's field names. */
export interface AmScript {
  _id: string;
  name: string;
  description: string;
  /** The source, base64 (as AM's REST API and exports carry it). */
  script: string;
  language: ScriptLanguage;
  /** `AUTHENTICATION_TREE_DECISION_NODE`, `CONFIG_PROVIDER_NODE`, `SOCIAL_IDP_PROFILE_TRANSFORMATION`… */
  context: string;
  /** `1.0` (legacy bindings) or `2.0` (next-generation). */
  evaluatorVersion: string;
  default: boolean;
  createdBy: string;
  creationDate: number;
  lastModifiedBy: string;
  lastModifiedDate: number;
}

/** The source of `script` as text. */
export function scriptSource(script: Pick<AmScript, 'script'>): string {
  return Buffer.from(script.script, 'base64').toString('utf8');
}
