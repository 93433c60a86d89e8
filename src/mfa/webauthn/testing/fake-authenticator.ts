/**
 * Test support: a software authenticator made with `node:crypto` (an ES256 key per credential), which
 * answers registrations with a `none` attestation and authentications with ES256 assertions, written
 * as the ForgeRock SDK writes them into `webAuthnOutcome` (the legacy `::` string, or its JSON form).
 * Its signature counter can be set, to play a cloned authenticator.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/** A CBOR value this encoder writes. */
type Cbor = number | string | Uint8Array | Map<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(length, 1);
  return out;
}

/** Minimal CBOR (RFC 8949): integers, text, bytes and maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [key, entry] of value) parts.push(cbor(key), cbor(entry));
  return Buffer.concat(parts);
}

/** A signed byte list, as the SDK writes an ArrayBuffer (`new Int8Array(buffer).toString()`). */
export function byteList(bytes: Uint8Array): string {
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString();
}

/** A credential the fake authenticator holds. */
export interface FakeCredential {
  id: string;
  privateKey: KeyObject;
  cosePublicKey: Buffer;
  counter: number;
  /** The user handle given at registration (the text the SDK decodes from `userHandle`). */
  userHandle: string;
}

/** How a ceremony is answered. */
export interface CeremonyOptions {
  origin: string;
  rpId: string;
  /** The MetadataCallback's `challenge` (standard base64), as the SDK reads it. */
  challenge: string;
  userVerified?: boolean;
  /** Another `type` in the client data (a replayed get as a create…). */
  type?: string;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

function clientData(type: string, options: CeremonyOptions): string {
  return JSON.stringify({ type: options.type ?? type, challenge: Buffer.from(options.challenge, 'base64').toString('base64url'), origin: options.origin, crossOrigin: false });
}

function counterBytes(counter: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(counter, 0);
  return out;
}

/** Makes a new ES256 credential for `userHandle`. */
export function newCredential(userHandle: string, counter = 0): FakeCredential {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cosePublicKey = cbor(new Map<number, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x ?? '', 'base64url')], [-3, Buffer.from(jwk.y ?? '', 'base64url')]]));
  return { id: randomBytes(16).toString('base64url'), privateKey, cosePublicKey, counter, userHandle };
}

/** The registration outcome the SDK would send: `<clientDataJSON>::<attestationObject>::<id>[::<name>]`. */
export function registrationOutcome(credential: FakeCredential, options: CeremonyOptions, deviceName?: string): string {
  const flags = FLAG_UP | FLAG_AT | (options.userVerified === false ? 0 : FLAG_UV);
  const id = Buffer.from(credential.id, 'base64url');
  const idLength = Buffer.from([id.length >> 8, id.length & 0xff]);
  const authData = Buffer.concat([createHash('sha256').update(options.rpId).digest(), Buffer.from([flags]), counterBytes(credential.counter), Buffer.alloc(16), idLength, id, credential.cosePublicKey]);
  const attestationObject = cbor(new Map<string, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
  const legacy = `${clientData('webauthn.create', options)}::${byteList(attestationObject)}::${credential.id}`;
  return deviceName === undefined ? legacy : `${legacy}::${deviceName}`;
}

/**
 * The authentication outcome the SDK would send, `<clientDataJSON>::<authenticatorData>::<signature>
 * ::<id>[::<userHandle>]`; the credential's counter goes up by one first (unless it is 0 and stays).
 */
export function authenticationOutcome(credential: FakeCredential, options: CeremonyOptions & { withUserHandle?: boolean; keepCounter?: boolean }): string {
  if (options.keepCounter !== true && credential.counter > 0) credential.counter += 1;
  const flags = FLAG_UP | (options.userVerified === false ? 0 : FLAG_UV);
  const authData = Buffer.concat([createHash('sha256').update(options.rpId).digest(), Buffer.from([flags]), counterBytes(credential.counter)]);
  const data = clientData('webauthn.get', options);
  const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(data).digest()]), credential.privateKey);
  const legacy = `${data}::${byteList(authData)}::${byteList(signature)}::${credential.id}`;
  return options.withUserHandle === true ? `${legacy}::${credential.userHandle}` : legacy;
}

/** The JSON form the SDK sends when the metadata says `supportsJsonResponse`. */
export function jsonOutcome(legacyData: string, authenticatorAttachment = 'platform'): string {
  return JSON.stringify({ authenticatorAttachment, legacyData });
}
