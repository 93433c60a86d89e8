/**
 * The English texts Arbor itself sends to the pages, and their message ids: the prompts and
 * messages of Arbor's own nodes, the titles of the default user schema, the texts of the default
 * journeys (page headers and descriptions) and their failure messages. A page shows such a text
 * in its own language; any other text (a journey's own prompt or message) is shown as it was sent.
 */
import type { Translate } from './i18n/define-catalog.ts';
import type { LoginMessageId } from './i18n/login-messages.ts';
import { LOGIN_MESSAGES } from './i18n/login-messages.ts';

/** The ids whose English text is a default Arbor sends (everything else is the pages' own). */
export const KNOWN_TEXT_IDS: readonly LoginMessageId[] = [
  'promptUserName',
  'promptUsername',
  'promptPassword',
  'promptFirstName',
  'promptLastName',
  'promptEmail',
  'promptTelephone',
  'promptAddress',
  'promptCity',
  'promptPostalCode',
  'promptCountry',
  'promptState',
  'promptDescription',
  'promptUpdates',
  'promptMarketing',
  'promptOneTimePassword',
  'promptNewPassword',
  'promptConfirmPassword',
  'promptSecurityQuestion',
  'promptConsent',
  'messageDefault',
  'usernameIs',
  'passwordTooShort',
  'passwordsDiffer',
  'emailSent',
  'loginFailure',
  'lockedOut',
  'kbaLocked',
  'kbaColor',
  'kbaEmployer',
  'yes',
  'no',
  'treeSignIn',
  'treeLoginDescription',
  'treeSignUp',
  'treeSignUpDescription',
  'treeSecurityQuestion',
  'treeTerms',
  'treeTermsDescription',
  'termsUpdatedTitle',
  'termsUpdatedPurpose',
  'termsAcceptButton',
  'treeCompleteProfile',
  'treeMoreDetails',
  'treePreferences',
  'treeResetPassword',
  'treeEnterEmail',
  'treeChangePassword',
  'treeEmailSentVerify',
  'treeForgottenUsername',
  'treeUpdatePassword',
  'treeVerifyPassword',
  'treeCurrentPassword',
  'treeNewPassword',
];

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** A text with placeholders (`Your username is: {username}`) as a pattern capturing each value. */
interface Template {
  id: LoginMessageId;
  pattern: RegExp;
  names: string[];
}

const exact = new Map<string, LoginMessageId>();
const templates: Template[] = [];
for (const id of KNOWN_TEXT_IDS) {
  const english = LOGIN_MESSAGES.texts.en[id];
  const names = [...english.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  if (names.length === 0) {
    exact.set(english, id);
    continue;
  }
  const source = english
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 1 ? '(.{1,200}?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  templates.push({ id, pattern: new RegExp(`^${source}$`, 'su'), names });
}

/** The id of `text` when it is one of Arbor's English defaults, with its placeholders' values. */
export function knownTextOf(text: string): { id: LoginMessageId; params?: Record<string, string> } | undefined {
  const id = exact.get(text);
  if (id !== undefined) return { id };
  for (const template of templates) {
    const match = template.pattern.exec(text);
    if (match === null) continue;
    return { id: template.id, params: Object.fromEntries(template.names.map((name, index) => [name, match[index + 1] ?? ''])) };
  }
  return undefined;
}

/** `text` in the page's language when it is one of Arbor's English defaults, else as sent. */
export function pageText(text: string, t: Translate<LoginMessageId>): string {
  const known = knownTextOf(text);
  return known === undefined ? text : t(known.id, known.params);
}
