/**
 * Get Authenticator App (`GetAuthenticatorAppNode`): shows where to get the authenticator app, as
 * AM: a message type "4" TextOutputCallback whose script writes the message into `callback_0`
 * (`{{appleLink}}` and `{{googleLink}}` become links labelled "Apple App Store" and "Google Play
 * Store"; a message using `{{appleLabel}}`/`{{googleLabel}}` places the labels and bare URLs
 * itself), and a ConfirmationCallback "Continue" (`continueLabel`). Then `outcome`. The store
 * links are `appleLink` and `googleLink` (ForgeRock Authenticator's by default; a blank one takes
 * the default; AM checks the Apple link for both, Arbor each its own).
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { confirmationCallback, textOutputCallback } from '../../../engine/callback-builders.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { localize } from '../../../engine/localize.ts';
import { localeMapField } from '../../config-fields.ts';
import { htmlText, jsString, submittedOfType } from './mfa-callbacks.ts';

export const APPLE_APP_LINK = 'https://itunes.apple.com/app/forgerock-authenticator/id1038442926';
export const GOOGLE_APP_LINK = 'https://play.google.com/store/apps/details?id=com.forgerock.authenticator';
/** AM's default message and labels. */
export const GET_APP_MESSAGE = 'Get the app from the {{appleLink}} or on {{googleLink}}';
const APPLE_LABEL = 'Apple App Store';
const GOOGLE_LABEL = 'Google Play Store';

/** The HTML AM writes for `message`. */
export function appLinksHtml(message: string, appleLink: string, googleLink: string): string {
  const apple = htmlText(appleLink);
  const google = htmlText(googleLink);
  if (message.includes('{appleLabel}') || message.includes('{googleLabel}')) {
    return message
      .replaceAll('{{appleLabel}}', APPLE_LABEL)
      .replaceAll('{{googleLabel}}', GOOGLE_LABEL)
      .replaceAll('{{appleLink}}', apple)
      .replaceAll('{{googleLink}}', google);
  }
  return message
    .replaceAll('{{appleLink}}', `<a target='_blank' href='${apple}'>${APPLE_LABEL}</a>`)
    .replaceAll('{{googleLink}}', `<a target='_blank' href='${google}'>${GOOGLE_LABEL}</a>`);
}

/** Get Authenticator App: the app store links, then `outcome`. */
export const getAuthenticatorAppNode = defineNode({
  type: 'GetAuthenticatorAppNode',
  displayName: 'Get Authenticator App',
  category: 'basic authentication',
  description: 'Shows links to the authenticator app in the app stores.',
  config: Type.Object({
    message: localeMapField({}, 'Message by locale; {{appleLink}} and {{googleLink}} become the links.'),
    continueLabel: localeMapField({}, 'Continue button label by locale.'),
    appleLink: Type.String({ default: APPLE_APP_LINK, maxLength: 2000, description: 'App on the Apple App Store.' }),
    googleLink: Type.String({ default: GOOGLE_APP_LINK, maxLength: 2000, description: 'App on Google Play.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    if (submittedOfType(ctx.callbacks, 'ConfirmationCallback') !== undefined) return goTo('outcome');
    const { config } = ctx;
    const message = localize(config.message, ctx.request.locales) ?? GET_APP_MESSAGE;
    const html = appLinksHtml(message, config.appleLink.trim() === '' ? APPLE_APP_LINK : config.appleLink, config.googleLink.trim() === '' ? GOOGLE_APP_LINK : config.googleLink);
    const script = `document.getElementById("callback_0").innerHTML="${jsString(`<center>${html}</center>`)}"`;
    return send([textOutputCallback(script, '4'), confirmationCallback({ options: [localize(config.continueLabel, ctx.request.locales) ?? 'Continue'], defaultOption: 0 })]);
  },
});
