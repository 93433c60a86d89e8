/**
 * The account page's sign-in devices as HTML: the "Sign-in devices" section (authenticator apps,
 * security keys and passkeys, remembered devices; each with its name, when it was added and last
 * used, a small rename form and a remove button), the "Recovery codes" section (how many codes are
 * left per kind of device, and "Make new codes"), the confirmation step before a device is
 * removed, and the page that shows new recovery codes once. A user without devices or codes sees
 * one line pointing to the multi-factor journey. Nothing secret is ever part of a view, so none
 * can be rendered; every text comes from the account catalogue and every value is escaped.
 */
import type { RecoverableKind } from '../../devices/recovery-codes.ts';
import { MAX_DEVICE_NAME_LENGTH } from '../../devices/device-service.ts';
import { escapeHtml } from '../html-escape.ts';
import type { AccountMessageId } from '../i18n/account-messages.ts';
import { documentHtml } from '../page-document.ts';
import type { ListedKind, ShownCodes, ShownDevice } from './account-devices.ts';
import { RECOVERABLE_KINDS } from './account-devices.ts';
import type { AccountProblems } from './account-document.ts';
import type { AccountPage } from './account-html.ts';
import { button, errorList, form, hidden, journeyUrl, section, stylesheet, timeHtml } from './account-html.ts';
import type { AccountView } from './account-view.ts';

/** The journey that registers devices (ForgeRock's sample name). */
export const MFA_JOURNEY = 'MFALogin';

const KIND_TEXTS: Readonly<Record<ListedKind, AccountMessageId>> = {
  oath: 'devices.kind.oath',
  webauthn: 'devices.kind.webauthn',
  profile: 'devices.kind.profile',
};

const CODES_TEXTS: Readonly<Record<RecoverableKind, AccountMessageId>> = {
  oath: 'codes.for.oath',
  webauthn: 'codes.for.webauthn',
};

function noDevices(page: AccountPage, view: AccountView): string {
  const { t } = page;
  const link = `<a href="${escapeHtml(journeyUrl(view.realm, MFA_JOURNEY, '/account'))}">${escapeHtml(t('devices.addLink'))}</a>`;
  return `<p>${escapeHtml(t('devices.none'))}</p><p class="hint">${escapeHtml(t('devices.noneHint'))} ${link}</p>`;
}

function renameForm(page: AccountPage, device: ShownDevice, n: number, problem: AccountProblems['device']): string {
  const { t } = page;
  const mine = problem !== undefined && problem.kind === device.kind && problem.id === device.id ? problem : undefined;
  const id = `device-${n}-name`;
  const errors = mine === undefined ? '' : errorList(`${id}-errors`, [mine.reason === 'tooLong' ? t('devices.nameTooLong', { max: MAX_DEVICE_NAME_LENGTH }) : t('devices.nameEmpty')]);
  const described = mine === undefined ? '' : ` aria-invalid="true" aria-describedby="${id}-errors"`;
  const value = mine?.name ?? device.name;
  const fields =
    `${hidden('kind', device.kind)}${hidden('id', device.id)}` +
    `<div class="field"><label for="${id}">${escapeHtml(t('devices.newName'))}</label><input type="text" id="${id}" name="name" value="${escapeHtml(value)}" maxlength="${MAX_DEVICE_NAME_LENGTH}" autocomplete="off"${described}>${errors}</div>` +
    `<div class="actions">${button(t('devices.renameSave'), device.name)}</div>`;
  return (
    `<details class="rename"${mine === undefined ? '' : ' open'}><summary>${escapeHtml(t('devices.rename'))}<span class="visually-hidden"> ${escapeHtml(device.name)}</span></summary>` +
    `${form(page, 'devices/rename', fields, ' novalidate')}</details>`
  );
}

function deviceItem(page: AccountPage, device: ShownDevice, n: number, problem: AccountProblems['device']): string {
  const { t, lang } = page;
  const facts =
    `<strong>${escapeHtml(device.name)}</strong>` +
    `<span class="muted">${escapeHtml(t(KIND_TEXTS[device.kind]))}</span>` +
    `<span class="muted">${escapeHtml(t('devices.added'))} ${timeHtml(lang, device.createdDate)}</span>` +
    `<span class="muted">${escapeHtml(t('devices.lastUsed'))} ${timeHtml(lang, device.lastUsedDate)}</span>`;
  const remove = form(page, 'devices/remove', `${hidden('kind', device.kind)}${hidden('id', device.id)}${button(t('devices.remove'), device.name, 'secondary')}`);
  return `<li class="device"><div class="item-text">${facts}</div><div class="item-actions">${renameForm(page, device, n, problem)}${remove}</div></li>`;
}

function codesItem(page: AccountPage, forKind: RecoverableKind, set: ShownCodes | undefined): string {
  const { t } = page;
  const title = t(CODES_TEXTS[forKind]);
  const make = form(page, 'recovery-codes/new', `${hidden('kind', forKind)}${hidden('replaces', set?.setId ?? '')}${button(t('codes.make'), title, 'secondary')}`);
  return `<li><div class="item-text"><strong>${escapeHtml(title)}</strong><span class="muted">${escapeHtml(t('codes.left', { count: set?.remaining ?? 0 }))}</span></div>${make}</li>`;
}

/** The devices and recovery codes sections; nothing when this deployment has no MFA. */
export function deviceSections(page: AccountPage, view: AccountView, problem: AccountProblems['device']): string {
  const shown = view.devices;
  if (shown === undefined) return '';
  const { t } = page;
  if (shown.devices.length === 0 && shown.codes.length === 0) return section('devices', t('devices.heading'), noDevices(page, view));
  const list =
    shown.devices.length === 0
      ? noDevices(page, view)
      : `<p>${escapeHtml(t('devices.explain'))}</p><ul class="item-list">${shown.devices.map((device, index) => deviceItem(page, device, index + 1, problem)).join('')}</ul>`;
  const kinds = RECOVERABLE_KINDS.filter((kind) => shown.codes.some((set) => set.forKind === kind) || shown.devices.some((device) => device.kind === kind));
  const codes =
    kinds.length === 0
      ? ''
      : section(
          'recovery-codes',
          t('codes.heading'),
          `<p>${escapeHtml(t('codes.explain'))}</p><ul class="item-list">${kinds.map((kind) => codesItem(page, kind, shown.codes.find((set) => set.forKind === kind))).join('')}</ul>`,
        );
  return section('devices', t('devices.heading'), list) + codes;
}

/** The confirmation step before a device is removed. */
export function removeDeviceDocument(page: AccountPage, device: ShownDevice): string {
  const { t } = page;
  const body =
    stylesheet() +
    `<h1>${escapeHtml(t('devices.confirmHeading'))}</h1><p class="message warning">${escapeHtml(t('devices.confirmExplain', { name: device.name, kind: t(KIND_TEXTS[device.kind]) }))}</p>` +
    form(
      page,
      'devices/remove',
      `${hidden('kind', device.kind)}${hidden('id', device.id)}${hidden('confirm', 'yes')}<div class="actions">${button(t('devices.confirmButton'), '', 'danger')}<a class="button-link secondary" href="/account">${escapeHtml(t('devices.cancel'))}</a></div>`,
    );
  return documentHtml(page.context, t('devices.confirmHeading'), body);
}

/** New recovery codes, shown this once. */
export function recoveryCodesDocument(page: AccountPage, forKind: RecoverableKind, codes: readonly string[]): string {
  const { t } = page;
  const body =
    stylesheet() +
    `<h1>${escapeHtml(t('codes.newHeading'))}</h1><p class="description">${escapeHtml(t(CODES_TEXTS[forKind]))}</p>` +
    `<p class="message warning" role="status">${escapeHtml(t('codes.newNote'))}</p>` +
    `<ol class="recovery-codes">${codes.map((code) => `<li><code>${escapeHtml(code)}</code></li>`).join('')}</ol>` +
    `<p><a class="button-link" href="/account">${escapeHtml(t('backToAccount'))}</a></p>`;
  return documentHtml(page.context, t('codes.newHeading'), body);
}
