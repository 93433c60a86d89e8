/**
 * The account page as HTML: one section per subject (profile, password, security questions,
 * sign-in devices and recovery codes (`device-sections.ts`), terms and consents, social accounts,
 * sessions, signing out and deleting the account), each a
 * plain form posting to `/account/…` with the form token, so that the page works without
 * JavaScript. Every text comes from the account catalogue; every value from outside is escaped.
 */
import type { RequirementFailure } from '../../policy/policy-types.ts';
import { escapeHtml } from '../html-escape.ts';
import type { Translate } from '../i18n/define-catalog.ts';
import type { AccountMessageId } from '../i18n/account-messages.ts';
import { documentHtml } from '../page-document.ts';
import type { AccountStatus } from './account-cookies.ts';
import type { ListedKind } from './account-devices.ts';
import type { AccountPage } from './account-html.ts';
import { button, errorList, form, formatDate, hidden, journeyUrl, section, stylesheet, timeHtml } from './account-html.ts';
import type { AccountView } from './account-view.ts';
import { deviceSections } from './device-sections.ts';
import type { ProfileField, ProfileValues } from './profile-fields.ts';
import { storedValue } from './profile-fields.ts';

/** What a refused or invalid post leaves on the page it renders again. */
export interface AccountProblems {
  /** The profile as typed, and failed requirements by field (`''`: not tied to a shown field). */
  profile?: { values: ProfileValues; failures: Map<string, RequirementFailure[]> };
  /** The questions as chosen or written, and why the form was refused. */
  questions?: { chosen: string[]; written: string[]; reason: 'invalid' | 'tooLong' };
  /** A device name refused (empty or too long), shown next to that device's rename field. */
  device?: { kind: ListedKind; id: string; name: string; reason: 'empty' | 'tooLong' };
  /** A message about the whole page (an object that changed meanwhile…). */
  notice?: AccountMessageId;
}

const AUTOCOMPLETE: Readonly<Record<string, string>> = {
  userName: 'username',
  givenName: 'given-name',
  sn: 'family-name',
  mail: 'email',
  telephoneNumber: 'tel',
  postalAddress: 'address-line1',
  city: 'address-level2',
  postalCode: 'postal-code',
  country: 'country-name',
  stateProvince: 'address-level1',
};

const FIELD_TITLES: Readonly<Record<string, AccountMessageId>> = {
  userName: 'field.userName',
  givenName: 'field.givenName',
  sn: 'field.sn',
  mail: 'field.mail',
  description: 'field.description',
  accountStatus: 'field.accountStatus',
  telephoneNumber: 'field.telephoneNumber',
  postalAddress: 'field.postalAddress',
  city: 'field.city',
  postalCode: 'field.postalCode',
  country: 'field.country',
  stateProvince: 'field.stateProvince',
  'preferences/updates': 'field.preferences.updates',
  'preferences/marketing': 'field.preferences.marketing',
};

const POLICY_TEXTS: Readonly<Record<string, AccountMessageId>> = {
  REQUIRED: 'policy.REQUIRED',
  MIN_LENGTH: 'policy.MIN_LENGTH',
  MAX_LENGTH: 'policy.MAX_LENGTH',
  AT_LEAST_X_CAPITAL_LETTERS: 'policy.AT_LEAST_X_CAPITAL_LETTERS',
  AT_LEAST_X_NUMBERS: 'policy.AT_LEAST_X_NUMBERS',
  VALID_EMAIL_ADDRESS_FORMAT: 'policy.VALID_EMAIL_ADDRESS_FORMAT',
  VALID_PHONE_FORMAT: 'policy.VALID_PHONE_FORMAT',
  VALID_NAME_FORMAT: 'policy.VALID_NAME_FORMAT',
  VALID_USERNAME_FORMAT: 'policy.VALID_USERNAME_FORMAT',
  VALID_DATE: 'policy.VALID_DATE',
  VALID_TYPE: 'policy.VALID_TYPE',
  MATCH_REGEXP: 'policy.MATCH_REGEXP',
  UNIQUE: 'policy.UNIQUE',
  CANNOT_CONTAIN_OTHERS: 'policy.CANNOT_CONTAIN_OTHERS',
  CANNOT_CONTAIN_CHARACTERS: 'policy.CANNOT_CONTAIN_CHARACTERS',
  CANNOT_CONTAIN_DUPLICATES: 'policy.CANNOT_CONTAIN_DUPLICATES',
  IS_NEW: 'policy.IS_NEW',
};

const STATUS_TEXTS: Readonly<Record<AccountStatus, AccountMessageId>> = {
  profileSaved: 'status.profileSaved',
  questionsSaved: 'status.questionsSaved',
  consentWithdrawn: 'status.consentWithdrawn',
  socialUnlinked: 'status.socialUnlinked',
  sessionEnded: 'status.sessionEnded',
  sessionAlreadyOver: 'status.sessionAlreadyOver',
  otherSessionsEnded: 'status.otherSessionsEnded',
  deviceRenamed: 'status.deviceRenamed',
  deviceRemoved: 'status.deviceRemoved',
  deviceNotFound: 'status.deviceNotFound',
  codesAlreadyReplaced: 'status.codesAlreadyReplaced',
};

function listText(value: unknown): string {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(', ') : '';
}

/** A failed requirement as a sentence. */
export function requirementText(t: Translate<AccountMessageId>, failure: RequirementFailure): string {
  const id = Object.hasOwn(POLICY_TEXTS, failure.policyRequirement) ? POLICY_TEXTS[failure.policyRequirement] : undefined;
  const params = failure.params ?? {};
  const text = (name: string): string => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  if (id === undefined) return t('policy.unknown', { requirement: failure.policyRequirement });
  return t(id, {
    minLength: text('minLength'),
    maxLength: text('maxLength'),
    numCaps: text('numCaps'),
    numNums: text('numNums'),
    fields: listText(params.disallowedFields),
    characters: listText(params.forbiddenChars),
  });
}

function fieldTitle(t: Translate<AccountMessageId>, field: ProfileField): string {
  const id = Object.hasOwn(FIELD_TITLES, field.name) ? FIELD_TITLES[field.name] : undefined;
  return id === undefined ? field.title : t(id);
}

function profileSection(page: AccountPage, view: AccountView, problems: AccountProblems['profile']): string {
  const { t } = page;
  const readOnly = view.fields.filter((field) => !field.editable && field.kind !== 'checkbox' && storedValue(view.user, field) !== '');
  const facts =
    readOnly.length === 0
      ? ''
      : `<dl class="facts">${readOnly.map((field) => `<dt>${escapeHtml(fieldTitle(t, field))}</dt><dd>${escapeHtml(String(storedValue(view.user, field)))}</dd>`).join('')}</dl>`;
  const failures = problems?.failures ?? new Map<string, RequirementFailure[]>();
  const general = failures.get('') ?? [];
  const inputs = view.fields
    .filter((field) => field.editable)
    .map((field, index) => {
      const id = `profile-${index + 1}`;
      const value = problems !== undefined && Object.hasOwn(problems.values, field.name) ? problems.values[field.name] : storedValue(view.user, field);
      const errors = (failures.get(field.name) ?? []).map((failure) => requirementText(t, failure));
      const described = errors.length === 0 ? '' : ` aria-invalid="true" aria-describedby="${id}-errors"`;
      const errorHtml = errors.length === 0 ? '' : errorList(`${id}-errors`, errors);
      const label = `<label for="${id}">${escapeHtml(fieldTitle(t, field))}</label>`;
      if (field.kind === 'checkbox') {
        return `<div class="field"><div class="check">${hidden(field.name, 'false')}<input type="checkbox" id="${id}" name="${escapeHtml(field.name)}" value="true"${value === true ? ' checked' : ''}${described}>${label}</div>${errorHtml}</div>`;
      }
      const autocomplete = Object.hasOwn(AUTOCOMPLETE, field.name) ? ` autocomplete="${AUTOCOMPLETE[field.name]}"` : '';
      const type = field.kind === 'email' ? 'email' : 'text';
      return `<div class="field">${label}<input type="${type}" id="${id}" name="${escapeHtml(field.name)}" value="${escapeHtml(String(value))}"${autocomplete}${described}>${errorHtml}</div>`;
    })
    .join('');
  const notice = problems === undefined ? '' : `<p class="message error" role="alert">${escapeHtml(t('profile.invalid'))}</p>`;
  const generalHtml = general.length === 0 ? '' : errorList('profile-errors', general.map((failure) => requirementText(t, failure)));
  const editable = inputs === '' ? `<p>${escapeHtml(t('profile.nothingEditable'))}</p>` : form(page, 'profile', `${notice}${generalHtml}${inputs}<div class="actions">${button(t('profile.save'))}</div>`, ' novalidate');
  return section('profile', t('profile.heading'), facts + editable);
}

function passwordSection(page: AccountPage, view: AccountView): string {
  const tree = view.realm.selfServiceTrees?.updatePassword ?? 'UpdatePassword';
  return section(
    'password',
    page.t('password.heading'),
    `<p>${escapeHtml(page.t('password.explain'))}</p><p class="actions"><a class="button-link" href="${escapeHtml(journeyUrl(view.realm, tree, '/account'))}">${escapeHtml(page.t('password.change'))}</a></p>`,
  );
}

function questionsSection(page: AccountPage, view: AccountView, problems: AccountProblems['questions']): string {
  const { t } = page;
  const current =
    view.questions.length === 0
      ? `<p>${escapeHtml(t('questions.none'))}</p>`
      : `<p>${escapeHtml(t('questions.current'))}</p><ul class="plain-list">${view.questions.map((question) => `<li>${escapeHtml(question)}</li>`).join('')}</ul>`;
  const count = view.kba.minimumAnswersToDefine;
  if (count <= 0) return section('questions', t('questions.heading'), current);
  const reason = problems === undefined ? '' : `<p class="message error" role="alert" id="questions-errors">${escapeHtml(t(problems.reason === 'tooLong' ? 'questions.tooLong' : 'questions.invalid', { count }))}</p>`;
  const sets = Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const chosen = problems?.chosen[index] ?? '';
    const written = problems?.written[index] ?? '';
    const options = [`<option value="">${escapeHtml(t('questions.choose'))}</option>`, ...view.choices.map((choice) => `<option value="${escapeHtml(choice)}"${choice === chosen ? ' selected' : ''}>${escapeHtml(choice)}</option>`)].join('');
    const invalid = problems === undefined ? '' : ' aria-describedby="questions-errors"';
    return (
      `<fieldset class="field question-set"><legend>${escapeHtml(t('questions.legend', { n }))}</legend>` +
      `<div class="field"><label for="question-${n}">${escapeHtml(t('questions.question'))}</label><select id="question-${n}" name="question-${n}"${invalid}>${options}</select></div>` +
      `<div class="field"><label for="custom-${n}">${escapeHtml(t('questions.custom'))}</label><input type="text" id="custom-${n}" name="custom-${n}" value="${escapeHtml(written)}" autocomplete="off"></div>` +
      `<div class="field"><label for="answer-${n}">${escapeHtml(t('questions.answer'))}</label><input type="password" id="answer-${n}" name="answer-${n}" autocomplete="off"${invalid}></div>` +
      '</fieldset>'
    );
  }).join('');
  const replace = form(page, 'security-questions', `<p class="hint">${escapeHtml(t('questions.explain', { count }))}</p>${reason}${sets}<div class="actions">${button(t('questions.save'))}</div>`);
  return section('questions', t('questions.heading'), current + replace);
}

function consentSection(page: AccountPage, view: AccountView): string {
  const { t, lang } = page;
  const terms =
    view.terms === undefined
      ? `<p>${escapeHtml(t('terms.none'))}</p>`
      : `<p>${escapeHtml(t('terms.accepted', { version: view.terms.version, date: formatDate(lang, view.terms.acceptDate) }))}</p>`;
  const consents =
    view.consents.length === 0
      ? `<p>${escapeHtml(t('consents.none'))}</p>`
      : `<ul class="item-list">${view.consents
          .map(
            (consent) =>
              `<li><div class="item-text"><strong>${escapeHtml(consent.displayName)}</strong>` +
              (consent.consentDate === '' ? '' : `<span class="muted">${escapeHtml(t('consents.grantedOn', { date: formatDate(lang, consent.consentDate) }))}</span>`) +
              `</div>${form(page, 'consents/withdraw', `${hidden('mapping', consent.mapping)}${button(t('consents.withdraw'), consent.displayName, 'secondary')}`)}</li>`,
          )
          .join('')}</ul>`;
  return section('consents', t('consents.heading'), `<h3>${escapeHtml(t('terms.heading'))}</h3>${terms}<h3>${escapeHtml(t('consents.subheading'))}</h3>${consents}`);
}

function socialSection(page: AccountPage, view: AccountView): string {
  const { t } = page;
  const body =
    view.accounts.length === 0
      ? `<p>${escapeHtml(t('social.none'))}</p>`
      : `<ul class="item-list">${view.accounts
          .map(
            (account) =>
              `<li><div class="item-text"><strong>${escapeHtml(account.provider)}</strong>${account.subject === '' ? '' : `<span class="muted">${escapeHtml(t('social.accountId', { id: account.subject }))}</span>`}</div>` +
              `${form(page, 'social/unlink', `${hidden('alias', account.alias)}${button(t('social.unlink'), account.provider, 'secondary')}`)}</li>`,
          )
          .join('')}</ul>`;
  return section('social', t('social.heading'), body);
}

function sessionsSection(page: AccountPage, view: AccountView): string {
  const { t, lang } = page;
  // This browser first, then the others numbered from 1, newest first.
  const current = view.sessions.find((session) => session.handle === view.session.handle) ?? view.session;
  const others = view.sessions.filter((session) => session.handle !== view.session.handle);
  const items = [current, ...others]
    .map((session, index) => {
      const here = index === 0;
      const label = here ? `<strong class="badge">${escapeHtml(t('sessions.thisBrowser'))}</strong>` : `<strong>${escapeHtml(t('sessions.other', { n: index }))}</strong>`;
      const facts =
        `<span class="muted">${escapeHtml(t('sessions.created'))} ${timeHtml(lang, session.createdAt)}</span>` +
        `<span class="muted">${escapeHtml(t('sessions.lastActive'))} ${timeHtml(lang, session.lastAccessAt)}</span>` +
        `<span class="muted">${escapeHtml(t('sessions.journey', { journey: session.tree }))}</span>`;
      const signOut = here ? '' : form(page, 'sessions/sign-out', `${hidden('handle', session.handle)}${button(t('sessions.signOut'), t('sessions.other', { n: index }), 'secondary')}`);
      return `<li${here ? ' aria-current="true"' : ''}><div class="item-text">${label}${facts}</div>${signOut}</li>`;
    })
    .join('');
  const everywhere = form(page, 'sessions/sign-out-others', `<div class="actions">${button(t('sessions.signOutOthers'), '', 'secondary')}</div>`);
  return section('sessions', t('sessions.heading'), `<p>${escapeHtml(t('sessions.explain'))}</p><ul class="item-list">${items}</ul>${everywhere}`);
}

function signOutSection(page: AccountPage, view: AccountView): string {
  const { t } = page;
  const signOut = form(page, 'sign-out', `<div class="actions">${button(t('signOut.button'))}</div>`);
  const deletion = view.realm.usersMayDeleteAccount === true ? `<h3>${escapeHtml(t('delete.heading'))}</h3><p>${escapeHtml(t('delete.explain'))}</p>${form(page, 'delete', `<div class="actions">${button(t('delete.button'), '', 'danger')}</div>`)}` : '';
  return section('sign-out', t('signOut.heading'), signOut + deletion);
}

function statusHtml(page: AccountPage, status: AccountStatus | undefined): string {
  return status === undefined ? '' : `<p class="message status" role="status">${escapeHtml(page.t(STATUS_TEXTS[status]))}</p>`;
}

/** The account page. */
export function accountDocument(page: AccountPage, view: AccountView, status: AccountStatus | undefined, problems: AccountProblems = {}): string {
  const { t } = page;
  const notice = problems.notice === undefined ? '' : `<p class="message error" role="alert">${escapeHtml(t(problems.notice))}</p>`;
  const body =
    stylesheet() +
    `<h1>${escapeHtml(t('title'))}</h1><p class="description">${escapeHtml(t('signedInAs', { username: view.session.username }))}</p>` +
    statusHtml(page, status) +
    notice +
    profileSection(page, view, problems.profile) +
    passwordSection(page, view) +
    questionsSection(page, view, problems.questions) +
    deviceSections(page, view, problems.device) +
    consentSection(page, view) +
    socialSection(page, view) +
    sessionsSection(page, view) +
    signOutSection(page, view);
  return documentHtml(page.context, t('title'), body);
}

/** The confirmation step before the account is deleted. */
export function deleteConfirmationDocument(page: AccountPage): string {
  const { t } = page;
  const body =
    stylesheet() +
    `<h1>${escapeHtml(t('delete.confirmHeading'))}</h1><p class="message warning">${escapeHtml(t('delete.confirmExplain'))}</p>` +
    form(page, 'delete', `${hidden('confirm', 'yes')}<div class="actions">${button(t('delete.confirmButton'), '', 'danger')}<a class="button-link secondary" href="/account">${escapeHtml(t('delete.cancel'))}</a></div>`);
  return documentHtml(page.context, t('delete.confirmHeading'), body);
}

/** A page that only says something (a refusal, a failure: an alert; the account deleted: a status); `link` leads on. */
export function messageDocument(
  page: Pick<AccountPage, 'context' | 't'>,
  title: AccountMessageId,
  message: AccountMessageId,
  link: { href: string; text: AccountMessageId },
  tone: 'error' | 'status' = 'error',
): string {
  const { t } = page;
  const role = tone === 'error' ? 'alert' : 'status';
  const body = `${stylesheet()}<h1>${escapeHtml(t(title))}</h1><p class="message ${tone}" role="${role}">${escapeHtml(t(message))}</p><p><a href="${escapeHtml(link.href)}">${escapeHtml(t(link.text))}</a></p>`;
  return documentHtml(page.context, t(title), body);
}
