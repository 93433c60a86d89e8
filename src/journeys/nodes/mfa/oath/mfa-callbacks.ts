/**
 * Reading what an MFA node's client sent back, and writing the script texts AM sends in
 * TextOutputCallbacks of message type "4" (QR code, app links, recovery codes): every value put in
 * a script is a JavaScript string literal whose quotes, backslashes, line ends and `<` are
 * escaped, so that no value (an issuer, a device name) can end the string or a script element.
 */
import type { SubmittedCallback } from '../../../engine/callbacks.ts';
import { inputValue } from '../../../engine/callbacks.ts';

/** The first submitted callback of `type`. */
export function submittedOfType(callbacks: readonly SubmittedCallback[] | undefined, type: string): SubmittedCallback | undefined {
  return callbacks?.find((callback) => callback.type === type);
}

/** The option chosen in a submitted ConfirmationCallback, or undefined when none was sent or it is no index. */
export function selectedOption(callbacks: readonly SubmittedCallback[] | undefined): number | undefined {
  const value = inputValue(submittedOfType(callbacks, 'ConfirmationCallback'));
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** The text typed in a submitted NameCallback, or undefined. */
export function nameAnswer(callbacks: readonly SubmittedCallback[] | undefined): string | undefined {
  const value = inputValue(submittedOfType(callbacks, 'NameCallback'));
  return typeof value === 'string' ? value : undefined;
}

/** `text` as the inside of a double-quoted JavaScript string literal. */
export function jsString(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '"' || character === '\\' || character === "'") out += `\\${character}`;
    else if (character === '\n') out += '\\n';
    else if (character === '\r') out += '\\r';
    else if (character === '<' || character === '>' || code < 0x20 || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += character;
  }
  return out;
}

/** `text` with HTML's special characters escaped. */
export function htmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** The script AM's QR code callback carries: the XUI's QR code library drawing `uri` into `callback_0`. */
export function qrCodeScript(uri: string): string {
  return `QRCodeReader.createCode({\n    id: 'callback_0',\n    text: '${jsString(uri)}',\n    version: '20',\n    code: 'L'\n});`;
}
