/** The `failedPolicies` of a validated callback (JSON strings or objects) as sentences a person reads, in the page's language. */
import type { Translate } from './i18n/define-catalog.ts';
import type { LoginMessageId } from './i18n/login-messages.ts';

type Params = Record<string, unknown>;
type Text = Translate<LoginMessageId>;

/** The default schema's attributes a policy may name, by the message id of their title. */
const FIELD_TITLES: Readonly<Record<string, LoginMessageId>> = { userName: 'promptUsername', givenName: 'promptFirstName', sn: 'promptLastName', mail: 'promptEmail', password: 'promptPassword' };

const MESSAGES: Readonly<Record<string, (t: Text, params: Params) => string>> = {
  REQUIRED: (t) => t('policyRequired'),
  MIN_LENGTH: (t, p) => t('policyMinLength', { minLength: String(p.minLength ?? '') }),
  MAX_LENGTH: (t, p) => t('policyMaxLength', { maxLength: String(p.maxLength ?? '') }),
  AT_LEAST_X_CAPITAL_LETTERS: (t, p) => t('policyCapitals', { numCaps: String(p.numCaps ?? '') }),
  AT_LEAST_X_NUMBERS: (t, p) => t('policyNumbers', { numNums: String(p.numNums ?? '') }),
  VALID_EMAIL_ADDRESS_FORMAT: (t) => t('policyEmail'),
  UNIQUE: (t) => t('policyUnique'),
  VALID_USERNAME: (t) => t('policyUsername'),
  CANNOT_CONTAIN_OTHERS: (t, p) => t('policyNoOthers', { fields: fieldList(t, p.disallowedFields) }),
  CANNOT_CONTAIN_CHARACTERS: (t, p) => t('policyNoCharacters', { characters: strings(p.forbiddenChars).join(', ') }),
  CANNOT_CONTAIN_DUPLICATES: (t) => t('policyNoDuplicates'),
  VALID_TYPE: (t) => t('policyType'),
  IS_NEW: (t) => t('policyIsNew'),
};

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/** Attribute names (one, as IDM names the field at fault, or a list) as the default schema titles them in the page's language; others as named. */
function fieldList(t: Text, value: unknown): string {
  return (typeof value === 'string' ? [value] : strings(value))
    .map((name) => {
      const id = Object.hasOwn(FIELD_TITLES, name) ? FIELD_TITLES[name] : undefined;
      return id === undefined ? name : t(id);
    })
    .join(', ');
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

/** One sentence per failed policy in the language of `t`; an unknown requirement is named as it is. */
export function policyMessages(failedPolicies: unknown, t: Text): string[] {
  if (!Array.isArray(failedPolicies)) return [];
  return failedPolicies.slice(0, 20).flatMap((entry) => {
    const parsed = parseOne(entry);
    if (parsed === undefined) return [];
    const message = Object.hasOwn(MESSAGES, parsed.requirement) ? MESSAGES[parsed.requirement] : undefined;
    return [message === undefined ? t('policyUnknown', { requirement: parsed.requirement }) : message(t, parsed.params)];
  });
}
