/**
 * What the ForgeRock SDK's FRWebAuthn (or AM's own client script) puts in the HiddenValueCallback
 * `webAuthnOutcome`, read as hostile input:
 * - `unsupported`: the browser has no WebAuthn;
 * - `ERROR::<name>:<message>`: the browser refused (a DOM exception);
 * - the legacy string: registration `<clientDataJSON>::<attestationObject as signed byte list>::
 *   <credential id>[::<device name>]`, authentication `<clientDataJSON>::<authenticatorData byte
 *   list>::<signature byte list>::<credential id>[::<user handle>]`;
 * - the JSON form (`supportsJsonResponse`): `{"authenticatorAttachment": …, "legacyData": <one of the above>}`.
 * The client data is JSON text that may itself hold `::` (an IPv6 origin), so it is found as the
 * longest prefix that parses as a JSON object followed by a byte list.
 */
import { webAuthnError } from './webauthn-errors.ts';

/** Longest answer read (an attestation with a certificate chain, written as a byte list, fits). */
export const MAX_OUTCOME_LENGTH = 256 * 1024;

/** Longest device name kept from a registration answer. */
const MAX_DEVICE_NAME_LENGTH = 100;

/** The value AM pre-fills and a client that did nothing sends back. */
const UNANSWERED = new Set(['', 'false', 'webAuthnOutcome']);

/** What the client answered. */
export type ClientOutcome =
  | { kind: 'none' }
  | { kind: 'unsupported' }
  /** `error` is `<name>:<message>` as the browser reported it (cut to 256 characters). */
  | { kind: 'error'; error: string }
  | { kind: 'data'; legacyData: string; authenticatorAttachment?: string };

/** A registration answer's parts. */
export interface RegistrationAnswer {
  clientDataJSON: string;
  attestationObject: Uint8Array;
  /** base64url, as the browser gave `credential.id`. */
  credentialId: string;
  /** The name the app gave the device, when it gave one. */
  deviceName?: string;
}

/** An authentication answer's parts. */
export interface AuthenticationAnswer {
  clientDataJSON: string;
  authenticatorData: Uint8Array;
  signature: Uint8Array;
  credentialId: string;
  /** The user handle of a discoverable credential (base64url text, as the SDK decodes it). */
  userHandle?: string;
}

const BASE64URL = /^[A-Za-z0-9_-]{1,1366}$/;
const BYTE_LIST = /^-?\d{1,3}(,-?\d{1,3})*$/;

function classify(value: string, attachment: string | undefined): ClientOutcome {
  if (UNANSWERED.has(value)) return { kind: 'none' };
  if (value === 'unsupported') return { kind: 'unsupported' };
  if (value.startsWith('ERROR::')) return { kind: 'error', error: value.slice('ERROR::'.length).slice(0, 256) };
  return attachment === undefined ? { kind: 'data', legacyData: value } : { kind: 'data', legacyData: value, authenticatorAttachment: attachment };
}

/** Reads the hidden value; throws WEBAUTHN_MALFORMED for what is none of the SDK's forms. */
export function readClientOutcome(value: unknown): ClientOutcome {
  if (value === undefined || value === null) return { kind: 'none' };
  if (typeof value !== 'string') throw webAuthnError('WEBAUTHN_MALFORMED', 'The WebAuthn outcome is not text');
  if (value.length > MAX_OUTCOME_LENGTH) throw webAuthnError('WEBAUTHN_MALFORMED', 'The WebAuthn outcome is too large');
  if (!value.startsWith('{')) return classify(value, undefined);
  // The legacy string starts with the client data, itself JSON: only a whole JSON object is the JSON form.
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return classify(value, undefined);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.hasOwn(parsed, 'legacyData')) {
    throw webAuthnError('WEBAUTHN_MALFORMED', 'The WebAuthn outcome has no legacyData');
  }
  const legacyData: unknown = Reflect.get(parsed, 'legacyData');
  const attachment: unknown = Object.hasOwn(parsed, 'authenticatorAttachment') ? Reflect.get(parsed, 'authenticatorAttachment') : undefined;
  if (typeof legacyData !== 'string') throw webAuthnError('WEBAUTHN_MALFORMED', 'The WebAuthn outcome has no legacyData');
  return classify(legacyData, typeof attachment === 'string' && attachment.length <= 32 ? attachment : undefined);
}

/** The bytes of a signed (or unsigned) byte list `1,-2,3`. */
function bytesOf(list: string): Uint8Array {
  const numbers = list.split(',').map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < -128 || n > 255)) throw webAuthnError('WEBAUTHN_MALFORMED', 'A byte is out of range');
  return Uint8Array.from(numbers, (n) => n & 0xff);
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** The client data and the parts after it. */
function split(legacy: string, byteLists: number): { clientDataJSON: string; lists: Uint8Array[]; rest: string[] } {
  const parts = legacy.split('::');
  for (let index = 1; index + byteLists <= parts.length; index += 1) {
    const lists = parts.slice(index, index + byteLists);
    if (!lists.every((list) => BYTE_LIST.test(list))) continue;
    const clientDataJSON = parts.slice(0, index).join('::');
    if (!isJsonObject(clientDataJSON)) continue;
    return { clientDataJSON, lists: lists.map(bytesOf), rest: parts.slice(index + byteLists) };
  }
  throw webAuthnError('WEBAUTHN_MALFORMED', 'The WebAuthn outcome is not of the expected form');
}

function credentialIdOf(value: string | undefined): string {
  if (value === undefined || !BASE64URL.test(value)) throw webAuthnError('WEBAUTHN_MALFORMED', 'The credential id is not base64url');
  return value;
}

/** The parts of a registration answer (`legacyData`). */
export function parseRegistrationAnswer(legacy: string): RegistrationAnswer {
  const { clientDataJSON, lists, rest } = split(legacy, 1);
  const [attestationObject] = lists;
  if (attestationObject === undefined) throw webAuthnError('WEBAUTHN_MALFORMED', 'No attestation object');
  const credentialId = credentialIdOf(rest[0]);
  const name = rest.slice(1).join('::').trim().slice(0, MAX_DEVICE_NAME_LENGTH).trim();
  return name === '' ? { clientDataJSON, attestationObject, credentialId } : { clientDataJSON, attestationObject, credentialId, deviceName: name };
}

/** The parts of an authentication answer (`legacyData`). */
export function parseAuthenticationAnswer(legacy: string): AuthenticationAnswer {
  const { clientDataJSON, lists, rest } = split(legacy, 2);
  const [authenticatorData, signature] = lists;
  if (authenticatorData === undefined || signature === undefined) throw webAuthnError('WEBAUTHN_MALFORMED', 'No authenticator data or signature');
  const credentialId = credentialIdOf(rest[0]);
  if (rest.length > 2) throw webAuthnError('WEBAUTHN_MALFORMED', 'The WebAuthn outcome has too many parts');
  const userHandle = rest[1];
  if (userHandle === undefined || userHandle === '') return { clientDataJSON, authenticatorData, signature, credentialId };
  if (userHandle.length > 512) throw webAuthnError('WEBAUTHN_MALFORMED', 'The user handle is too long');
  return { clientDataJSON, authenticatorData, signature, credentialId, userHandle };
}
