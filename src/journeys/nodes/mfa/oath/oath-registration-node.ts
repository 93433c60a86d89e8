/**
 * OATH Registration (`OathRegistrationNode`): registers the user's authenticator app. On entry it
 * makes a new shared secret (at least `minSharedSecretLength` hex characters) and sends what AM
 * sends, which the ForgeRock SDK's `FRQRCode` reads: a TextOutputCallback with the scan message
 * (`scanQRCodeMessage`, AM's default otherwise), a message type "4" TextOutputCallback with the QR
 * code script, the HiddenValueCallback `mfaDeviceRegistration` holding the `otpauth://` URI
 * (`src/mfa/oath/otpauth-uri.ts`), and a ConfirmationCallback "Next". The device waits in
 * transient state (`oath-device.ts`), never in shared state.
 *
 * On "Next" nothing is verified (as AM: the user proves the app at the next OATH Token Verifier).
 * With `postponeDeviceProfileStorage` the device stays pending for the OATH Device Storage node;
 * otherwise it is stored now, with ten recovery codes when `generateRecoveryCodes` (left in
 * transient `recoveryCodes` for the Recovery Code Display node). `successOutcome`; `failureOutcome`
 * when "Next" comes without a pending device. A journey without a known user fails (AM throws).
 *
 * The account name is the user attribute `accountName` names (AM's USERNAME, EMAIL_ADDRESS…),
 * the user name when that attribute is empty.
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { confirmationCallback, hiddenValueCallback, textOutputCallback } from '../../../engine/callback-builders.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { localize } from '../../../engine/localize.ts';
import type { ManagedUserView } from '../../../engine/node-context.ts';
import { newSharedSecret, secretToHex } from '../../../../mfa/oath/oath-secret.ts';
import { otpauthUri } from '../../../../mfa/oath/otpauth-uri.ts';
import { localeMapField } from '../../config-fields.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { mfaUser } from './mfa-user.ts';
import { qrCodeScript, selectedOption } from './mfa-callbacks.ts';
import { forgetPendingDevice, keepPendingDevice, OATH_DEVICE_NAME, readPendingDevice, storeOathDevice } from './oath-device.ts';

/** AM's default scan message. */
export const SCAN_QR_CODE_MESSAGE = 'Scan the QR code image below with the ForgeRock Authenticator app to register your device with your login.';
/** AM's id of the HiddenValueCallback with the registration URI. */
export const MFA_DEVICE_REGISTRATION_ID = 'mfaDeviceRegistration';

/** AM's account name choices and the user attributes they read. */
export const ACCOUNT_NAME_ATTRIBUTES = {
  USERNAME: 'userName',
  EMAIL_ADDRESS: 'mail',
  COMMON_NAME: 'cn',
  EMPLOYEE_NUMBER: 'employeeNumber',
  GIVEN_NAME: 'givenName',
  LAST_NAME: 'sn',
} as const;

type AccountName = keyof typeof ACCOUNT_NAME_ATTRIBUTES;

function accountNameOf(user: ManagedUserView | undefined, choice: AccountName, fallback: string): string {
  const read = (attribute: string): string | undefined => {
    const value = user !== undefined && Object.hasOwn(user.attributes, attribute) ? user.attributes[attribute] : undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' && first.trim() !== '' ? first : undefined;
  };
  return read(ACCOUNT_NAME_ATTRIBUTES[choice]) ?? read('userName') ?? fallback;
}

const literals = <T extends string>(values: readonly T[], fallback: T, description: string) =>
  Type.Union(values.map((value) => Type.Literal(value)), { default: fallback, description });

/** OATH Registration: shows the QR code, then stores (or keeps) the new app. */
export const oathRegistrationNode = defineNode({
  type: 'OathRegistrationNode',
  displayName: 'OATH Registration',
  category: 'basic authentication',
  description: "Registers the user's authenticator app (TOTP or HOTP) with a QR code.",
  config: Type.Object({
    issuer: Type.String({ default: 'ForgeRock', minLength: 1, maxLength: 200, description: "Identifier shown in the user's app." }),
    accountName: literals(['USERNAME', 'EMAIL_ADDRESS', 'COMMON_NAME', 'EMPLOYEE_NUMBER', 'GIVEN_NAME', 'LAST_NAME'] as const, 'USERNAME', 'User attribute shown as the account name.'),
    bgColor: Type.String({ default: '032b75', maxLength: 20, description: 'Background colour (hex) in the ForgeRock Authenticator.' }),
    imgUrl: Type.String({ default: '', maxLength: 2000, description: "URL of the issuer's logo." }),
    generateRecoveryCodes: Type.Boolean({ default: true, description: 'Make recovery codes when the device is stored.' }),
    scanQRCodeMessage: localeMapField({}, 'Scan instructions by locale.'),
    passwordLength: literals(['SIX_DIGITS', 'EIGHT_DIGITS'] as const, 'SIX_DIGITS', 'Digits of the codes.'),
    minSharedSecretLength: Type.Integer({ default: 32, minimum: 0, maximum: 512, description: 'Minimum length of the secret, hex characters.' }),
    algorithm: literals(['TOTP', 'HOTP'] as const, 'TOTP', 'Time-based or counter-based codes.'),
    totpTimeInterval: Type.Integer({ default: 30, minimum: 1, maximum: 3600, description: 'TOTP period, seconds.' }),
    totpHashAlgorithm: literals(['HMAC_SHA1', 'HMAC_SHA256', 'HMAC_SHA512'] as const, 'HMAC_SHA1', 'TOTP hash.'),
    addChecksum: Type.Boolean({ default: false, description: 'HOTP codes carry a checksum digit.' }),
    truncationOffset: Type.Integer({ default: -1, minimum: -1, maximum: 15, description: 'HOTP truncation offset; -1 for dynamic truncation.' }),
    postponeDeviceProfileStorage: Type.Boolean({ default: false, description: 'Keep the device for the OATH Device Storage node instead of storing it.' }),
  }),
  outcomes: ['successOutcome', 'failureOutcome'],
  async process(ctx): Promise<NodeAction> {
    const who = await mfaUser(ctx);
    if (who === undefined) return fail();
    const { config, state } = ctx;

    if (selectedOption(ctx.callbacks) === 0) {
      const pending = readPendingDevice(state);
      if (pending === undefined) return goTo('failureOutcome');
      if (config.postponeDeviceProfileStorage) return goTo('successOutcome');
      await storeOathDevice(ctx.services.capabilities.get(MFA_DEVICES), state, who, pending, config.generateRecoveryCodes);
      forgetPendingDevice(state);
      return goTo('successOutcome');
    }

    const secret = newSharedSecret(config.minSharedSecretLength);
    keepPendingDevice(
      state,
      {
        sharedSecret: secretToHex(secret),
        deviceName: OATH_DEVICE_NAME,
        data: { algorithm: config.algorithm, lastStep: undefined, counter: 0, driftSteps: 0, checksumDigit: config.addChecksum, truncationOffset: config.truncationOffset },
      },
      config.generateRecoveryCodes,
    );
    const uri = otpauthUri({
      type: config.algorithm === 'HOTP' ? 'hotp' : 'totp',
      issuer: config.issuer,
      account: accountNameOf(who.user, config.accountName, who.userId),
      secret,
      digits: config.passwordLength === 'EIGHT_DIGITS' ? 8 : 6,
      periodSeconds: config.totpTimeInterval,
      counter: 0,
      hash: config.totpHashAlgorithm === 'HMAC_SHA256' ? 'SHA256' : config.totpHashAlgorithm === 'HMAC_SHA512' ? 'SHA512' : 'SHA1',
      backgroundColor: config.bgColor,
      image: config.imgUrl,
    });
    return send([
      textOutputCallback(localize(config.scanQRCodeMessage, ctx.request.locales) ?? SCAN_QR_CODE_MESSAGE, '0'),
      textOutputCallback(qrCodeScript(uri), '4'),
      hiddenValueCallback(MFA_DEVICE_REGISTRATION_ID, uri),
      confirmationCallback({ options: ['Next'], defaultOption: 0 }),
    ]);
  },
});
