/**
 * Recovery Code Display (`RecoveryCodeDisplayNode`): shows the recovery codes a registration node
 * just made (transient `recoveryCodes`, with `recoveryCodeDeviceName`) once, then forgets them: the
 * codes leave the journey state as they are sent. The message type "4" TextOutputCallback carries
 * AM's script, which the ForgeRock SDK's `FRRecoveryCodes` reads: "Your Recovery Codes" (how the SDK
 * finds the step), each code on its own `"<code>\n"` line (how it finds the codes) and the device
 * name in `<em>` (how it finds the name). Without codes the node goes straight on; `outcome`
 * either way. No config, as AM.
 */
import { Type } from '@sinclair/typebox';
import { RECOVERY_CODES_KEY } from '../../../../devices/recovery-codes.ts';
import { goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { textOutputCallback } from '../../../engine/callback-builders.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { htmlText } from '../oath/mfa-callbacks.ts';
import { RECOVERY_CODE_DEVICE_NAME_KEY } from '../oath/oath-device.ts';

/** AM's texts. */
export const RECOVERY_CODE_TITLE = 'Your Recovery Codes';
export const RECOVERY_CODE_INTRODUCTION = 'Use one of these codes to authenticate if you lose your device, which has been named:';
export const RECOVERY_CODE_DESCRIPTION = 'You must make a copy of these recovery codes. They cannot be displayed again.';

const MAX_CODES = 50;

/** The codes in transient state: only plain codes of letters and digits (what the SDK can read). */
function codesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((code): code is string => typeof code === 'string' && /^[A-Za-z0-9]{1,64}$/.test(code)).slice(0, MAX_CODES);
}

/** AM's script with `codes` and `deviceName`: each line one JavaScript string piece. */
export function recoveryCodesScript(codes: readonly string[], deviceName: string): string {
  // Only quotes and backslashes are escaped: a line's text must start as AM's does (the SDK reads a
  // code as `"<letters and digits>\`), and the one value, the device name, is HTML-escaped first.
  const line = (html: string) => `    "${html.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}\\n" +\n`;
  let script = 'var newLocation = document.getElementById("wrapper");\n';
  script += 'var oldHtml = newLocation.getElementsByTagName("fieldset")[0].innerHTML;\n';
  script += 'newLocation.getElementsByTagName("fieldset")[0].innerHTML = "<div class=\\"panel panel-default\\">\\n" +\n';
  script += line('    <div class="panel-body text-center">');
  script += line(`        <h3>${RECOVERY_CODE_TITLE}</h3>`);
  script += line(`        <h4>${RECOVERY_CODE_DESCRIPTION}</h4>`);
  script += line('    </div>');
  for (const code of codes) {
    script += line('<div class="text-center">');
    script += `    "${code}\\n" +\n`;
    script += line('</div>');
  }
  script += line('<div class="panel-body text-center">');
  script += line(`        <p>${RECOVERY_CODE_INTRODUCTION} <em>${htmlText(deviceName.replace(/[\u0000-\u001f\u2028\u2029]/g, ' '))}</em></p>`);
  script += line('</div>');
  script += '    "</div>" + oldHtml;\n';
  script += 'document.body.appendChild(newLocation);\n';
  return script;
}

/** Recovery Code Display: the new codes, once. */
export const recoveryCodeDisplayNode = defineNode({
  type: 'RecoveryCodeDisplayNode',
  displayName: 'Recovery Code Display Node',
  category: 'basic authentication',
  description: 'Shows newly made recovery codes once.',
  config: Type.Object({}),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const { transient } = ctx.state;
    const codes = codesOf(transient[RECOVERY_CODES_KEY]);
    const name = transient[RECOVERY_CODE_DEVICE_NAME_KEY];
    delete transient[RECOVERY_CODES_KEY];
    delete transient[RECOVERY_CODE_DEVICE_NAME_KEY];
    if (codes.length === 0) return goTo('outcome');
    return send([textOutputCallback(recoveryCodesScript(codes, typeof name === 'string' ? name : ''), '4')]);
  },
});
