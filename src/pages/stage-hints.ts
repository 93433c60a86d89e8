/**
 * The UI hints a step's `stage` carries, as the ForgeRock Platform UI and Login Widget read them:
 * a `stage` containing `{` is JSON with per-callback-type hints
 * (`{"ValidatedCreatePasswordCallback":[{"confirmPassword":true,"policyDisplayCheckmark":true}]}`)
 * and page-level keys (`submitButtonText`). Anything else in the stage is a plain name the pages
 * ignore. Hostile input: own properties only, bounded sizes, unknown keys dropped.
 */
import { ownValue } from './callback-values.ts';

/** What the pages honour of a stage. */
export interface StageHints {
  /** The label of the step's submit button. */
  submitButtonText?: string;
  /** The password field asks for the password twice. */
  confirmPassword: boolean;
  /** The password's rules are listed with a live check mark each. */
  policyDisplayCheckmark: boolean;
}

const NONE: StageHints = { confirmPassword: false, policyDisplayCheckmark: false };

function parsed(stage: string): unknown {
  try {
    return JSON.parse(stage);
  } catch {
    return undefined;
  }
}

/** The hints of `stage` (undefined, a name, or JSON); no hints when it is not valid JSON. */
export function stageHints(stage: unknown): StageHints {
  if (typeof stage !== 'string' || !stage.includes('{') || stage.length > 10_000) return NONE;
  const value = parsed(stage);
  const password = ownValue(value, 'ValidatedCreatePasswordCallback');
  const first = Array.isArray(password) ? password[0] : undefined;
  const button = ownValue(value, 'submitButtonText');
  return {
    confirmPassword: ownValue(first, 'confirmPassword') === true,
    policyDisplayCheckmark: ownValue(first, 'policyDisplayCheckmark') === true,
    ...(typeof button === 'string' && button.trim() !== '' && button.length <= 100 ? { submitButtonText: button.trim() } : {}),
  };
}
