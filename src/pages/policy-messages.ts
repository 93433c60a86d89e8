/** The `failedPolicies` of a validated callback (JSON strings or objects) as sentences a person reads. */

type Params = Record<string, unknown>;

const MESSAGES: Record<string, (params: Params) => string> = {
  REQUIRED: () => 'This field is required.',
  MIN_LENGTH: (p) => `Use at least ${String(p.minLength ?? '')} characters.`,
  MAX_LENGTH: (p) => `Use at most ${String(p.maxLength ?? '')} characters.`,
  AT_LEAST_X_CAPITAL_LETTERS: (p) => `Use at least ${String(p.numCaps ?? '')} capital letter(s).`,
  AT_LEAST_X_NUMBERS: (p) => `Use at least ${String(p.numNums ?? '')} number(s).`,
  VALID_EMAIL_ADDRESS_FORMAT: () => 'Enter a valid email address.',
  UNIQUE: () => 'This value is already in use.',
  VALID_USERNAME: () => 'This username cannot be used.',
  CANNOT_CONTAIN_OTHERS: (p) => `Must not contain your ${list(p.disallowedFields)}.`,
  CANNOT_CONTAIN_CHARACTERS: (p) => `Must not contain these characters: ${list(p.forbiddenChars)}.`,
  CANNOT_CONTAIN_DUPLICATES: () => 'Must not repeat a value.',
  VALID_TYPE: () => 'This value has the wrong type.',
  IS_NEW: () => 'Choose a value you have not used before.',
};

function list(value: unknown): string {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(', ') : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseOne(entry: unknown): { requirement: string; params: Params } | undefined {
  let value = entry;
  if (typeof entry === 'string') {
    try {
      value = JSON.parse(entry);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || typeof value.policyRequirement !== 'string') return undefined;
  return { requirement: value.policyRequirement, params: isRecord(value.params) ? value.params : {} };
}

/** One sentence per failed policy; an unknown requirement is named as it is. */
export function policyMessages(failedPolicies: unknown): string[] {
  if (!Array.isArray(failedPolicies)) return [];
  return failedPolicies.slice(0, 20).flatMap((entry) => {
    const parsed = parseOne(entry);
    if (parsed === undefined) return [];
    const message = Object.hasOwn(MESSAGES, parsed.requirement) ? MESSAGES[parsed.requirement] : undefined;
    return [message === undefined ? `Requirement not met: ${parsed.requirement}.` : message(parsed.params)];
  });
}
