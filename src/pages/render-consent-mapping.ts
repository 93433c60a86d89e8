/**
 * ConsentMappingCallback on a page: the mapping's name and message, the fields it shares, and a
 * checkbox answering it (a hidden `false` first, so an unticked box answers "no"). A required
 * consent's box is required.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { inputValue, outputValue } from './callback-values.ts';
import { escapeHtml, textOf } from './html-escape.ts';
import type { CatalogId, Translate } from './i18n/define-catalog.ts';
import type { callbackMessages } from './i18n/callback-messages.ts';

/** The translator of the richer callbacks' texts. */
export type CallbackText = Translate<CatalogId<typeof callbackMessages>>;

/** The consent fieldset of `callback`, answered as `name`. */
export function consentMappingField(callback: CallbackJson, name: string, t: CallbackText): string {
  const title = textOf(outputValue(callback, 'displayName')) || textOf(outputValue(callback, 'name'));
  const text = textOf(outputValue(callback, 'message'));
  const rawFields = outputValue(callback, 'fields');
  const fields = (Array.isArray(rawFields) ? rawFields : []).slice(0, 100).filter((field): field is string => typeof field === 'string' && field !== '');
  const required = outputValue(callback, 'isRequired') === true;
  const checked = inputValue(callback, name) === true ? ' checked' : '';
  const hint = required ? `<p class="hint" id="${name}-hint">${escapeHtml(t('consentRequired'))}</p>` : '';
  return (
    `<fieldset class="field consent"><legend>${escapeHtml(title)}</legend>` +
    (text === '' ? '' : `<p>${escapeHtml(text)}</p>`) +
    (fields.length === 0 ? '' : `<p class="hint">${escapeHtml(t('consentShared', { fields: fields.join(', ') }))}</p>`) +
    hint +
    `<div class="check"><input type="hidden" name="${name}" value="false"><input id="${name}" name="${name}" type="checkbox" value="true"${checked}${required ? ` required aria-describedby="${name}-hint"` : ''}>` +
    `<label for="${name}">${escapeHtml(t('consentAgree'))}</label></div></fieldset>`
  );
}
