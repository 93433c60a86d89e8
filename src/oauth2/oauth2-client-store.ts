/**
 * The OAuth 2.0 clients of each realm, kept as configuration documents
 * `realm/<realm>/oauth2Clients/<client id>` holding AM's JSON (`oauth2-client-json.ts`), checked
 * on every write (every bad field reported) and read back through the same checks. The secret
 * (`coreOAuth2ClientConfig.userpassword`) is write-only: sealed with the master key (bound to the
 * realm and client id) before it is stored, never returned, kept when a write leaves it out (or
 * sends `null`, as exports do), removed when a write sends `""`. A confidential client that
 * authenticates with its secret must have one: given, kept, or generated when the caller asks.
 */
import { randomBytes } from 'node:crypto';
import type { ConfigRepository } from '../config/ports.ts';
import { isSecretsError } from '../secrets/errors.ts';
import { asSealedEnvelope, sealedEnvelope } from '../secrets/sealed-envelope.ts';
import type { SecretSealer } from '../secrets/secret-sealer.ts';
import { type OAuth2Client, usesSecret } from './oauth2-client.ts';
import { type ClientFieldError, invalidClient, oauth2ClientError } from './oauth2-client-errors.ts';
import { type OAuth2ClientJson, oauth2ClientJson } from './oauth2-client-json.ts';
import { clientIdProblem, readOAuth2Client } from './read-oauth2-client.ts';

/** What the store is built from. */
export interface OAuth2ClientStoreDeps {
  /** The configuration documents (uncached, writes announced). */
  configs: ConfigRepository;
  /** The master key's sealer. */
  sealer: SecretSealer;
}

/** How a write is done. */
export interface PutClientOptions {
  /** When the client needs a secret and has none (given or stored), generate one (returned once in `generatedSecret`). */
  generateSecret?: boolean;
}

/** The result of a write. */
export interface PutClientResult {
  created: boolean;
  client: OAuth2ClientJson;
  /** The secret generated for this write, to show once. */
  generatedSecret?: string;
}

/** A client and its secret, opened (in memory only). */
export interface ClientWithSecret {
  client: OAuth2Client;
  secret?: string;
}

/** The store. */
export interface OAuth2ClientStore {
  /** Every client of the realm in AM's JSON (no secrets), by id. */
  list(realm: string): Promise<OAuth2ClientJson[]>;
  /** Every client of the realm in Arbor's model, by id; documents that no longer read are left out. */
  clients(realm: string): Promise<OAuth2Client[]>;
  get(realm: string, clientId: string): Promise<OAuth2ClientJson | undefined>;
  /** Creates or replaces; INVALID_CLIENT naming every bad field. */
  put(realm: string, clientId: string, body: unknown, options?: PutClientOptions): Promise<PutClientResult>;
  /** Removes the client; its JSON, or undefined when there was none. */
  delete(realm: string, clientId: string): Promise<OAuth2ClientJson | undefined>;
  /** The client with its secret opened; undefined when there is none; INVALID_CLIENT or SECRET_UNAVAILABLE for a document that cannot be used. */
  clientWithSecret(realm: string, clientId: string): Promise<ClientWithSecret | undefined>;
}

/** The prefix of the realm's client documents. */
export function clientsPrefix(realm: string): string {
  return `realm/${realm}/oauth2Clients/`;
}

/** The document id of a client. */
export function clientDocumentId(realm: string, clientId: string): string {
  return `${clientsPrefix(realm)}${clientId}`;
}

/** A new random secret: 32 bytes, base64url. */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored document without its sealed secret, and the envelope. */
function split(document: Record<string, unknown>): { json: OAuth2ClientJson; envelope: ReturnType<typeof asSealedEnvelope> } {
  const json = structuredClone(document);
  const core = json.coreOAuth2ClientConfig;
  let envelope: ReturnType<typeof asSealedEnvelope>;
  if (isRecord(core)) {
    envelope = asSealedEnvelope(core.userpassword);
    delete core.userpassword;
  }
  return { json, envelope };
}

/** Makes the store. */
export function createOAuth2ClientStore(deps: OAuth2ClientStoreDeps): OAuth2ClientStore {
  const { configs, sealer } = deps;
  const purpose = (realm: string, clientId: string): string => `oauth2Clients ${realm}/${clientId} userpassword`;

  async function stored(realm: string, clientId: string): Promise<Record<string, unknown> | undefined> {
    if (clientIdProblem(clientId) !== undefined) return undefined;
    const document = await configs.get(clientDocumentId(realm, clientId));
    return isRecord(document) ? document : undefined;
  }

  async function ids(realm: string): Promise<string[]> {
    const prefix = clientsPrefix(realm);
    return (await configs.list(prefix)).map((id) => id.slice(prefix.length)).filter((id) => clientIdProblem(id) === undefined);
  }

  return {
    async list(realm) {
      const all: OAuth2ClientJson[] = [];
      for (const id of await ids(realm)) {
        const document = await stored(realm, id);
        if (document !== undefined) all.push(split(document).json);
      }
      return all;
    },
    async clients(realm) {
      const all: OAuth2Client[] = [];
      for (const id of await ids(realm)) {
        const document = await stored(realm, id);
        if (document === undefined) continue;
        const read = readOAuth2Client(id, split(document).json, { stored: true });
        if (read.errors.length === 0) all.push(read.client);
      }
      return all;
    },
    async get(realm, clientId) {
      const document = await stored(realm, clientId);
      return document === undefined ? undefined : split(document).json;
    },
    async put(realm, clientId, body, options = {}) {
      const { client, secret, errors } = readOAuth2Client(clientId, body);
      if (errors.length > 0) throw invalidClient(errors);
      const previous = await stored(realm, clientId);
      const previousEnvelope = previous === undefined ? undefined : split(previous).envelope;
      let sealed = secret.kind === 'keep' && client.clientType === 'Confidential' ? previousEnvelope : undefined;
      let generatedSecret: string | undefined;
      let plain = secret.kind === 'set' ? secret.value : undefined;
      const needsSecret = client.clientType === 'Confidential' && (usesSecret(client) || client.idTokenSignedResponseAlg.startsWith('HS'));
      if (needsSecret && plain === undefined && sealed === undefined && options.generateSecret === true && secret.kind === 'keep') {
        generatedSecret = generateClientSecret();
        plain = generatedSecret;
      }
      if (plain !== undefined) sealed = sealedEnvelope(sealer.seal(plain, purpose(realm, clientId)), sealer.keyId);
      if (needsSecret && sealed === undefined) {
        const why = usesSecret(client) ? `${client.tokenEndpointAuthMethod} authenticates with the client secret` : `${client.idTokenSignedResponseAlg} signs ID tokens with the client secret`;
        const fields: ClientFieldError[] = [{ field: 'coreOAuth2ClientConfig.userpassword', reason: `is required: ${why}` }];
        throw invalidClient(fields);
      }
      const json = oauth2ClientJson(client);
      const document = structuredClone(json);
      if (sealed !== undefined && isRecord(document.coreOAuth2ClientConfig)) document.coreOAuth2ClientConfig.userpassword = sealed;
      await configs.put(clientDocumentId(realm, clientId), document);
      return { created: previous === undefined, client: json, ...(generatedSecret === undefined ? {} : { generatedSecret }) };
    },
    async delete(realm, clientId) {
      const document = await stored(realm, clientId);
      if (document === undefined) return undefined;
      await configs.delete(clientDocumentId(realm, clientId));
      return split(document).json;
    },
    async clientWithSecret(realm, clientId) {
      const document = await stored(realm, clientId);
      if (document === undefined) return undefined;
      const { json, envelope } = split(document);
      const read = readOAuth2Client(clientId, json, { stored: true });
      if (read.errors.length > 0) throw invalidClient(read.errors);
      if (envelope === undefined) return { client: read.client };
      try {
        return { client: read.client, secret: sealer.open(envelope.$crypto.value.data, purpose(realm, clientId)) };
      } catch (error) {
        if (isSecretsError(error)) throw oauth2ClientError('SECRET_UNAVAILABLE', `The secret of OAuth2 client "${clientId}" cannot be opened: ${error.message}`);
        throw error;
      }
    },
  };
}
