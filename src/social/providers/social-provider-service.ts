/**
 * The Social Identity Provider Service of each realm (AM's `SocialIdentityProviders`): provider
 * client configurations in AM's JSON, validated on every write (every bad field reported), with
 * the type's preset filling what a write leaves out and OpenID Connect discovery filling and
 * checking the rest (its document fetched only from addresses `ARBOR_OUTBOUND_NETWORKS` allows). `clientSecret` is write-only: sealed with the master key (bound to the realm
 * and provider name) before it is stored, never returned, kept when a write leaves it out (or sends
 * `null`, as exports do), removed when a write sends `""`. Names are unique per realm across types
 * (sign-in pages and journeys name providers without their type).
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { guardedFetch } from '../../net/guarded-fetch.ts';
import { DEFAULT_OUTBOUND_NETWORKS, type OutboundNetworks } from '../../net/outbound-networks.ts';
import { asSealedEnvelope, sealedEnvelope } from '../../secrets/sealed-envelope.ts';
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import { isSecretsError } from '../../secrets/errors.ts';
import type { ProviderType, SocialProviderConfig } from '../provider-config.ts';
import { completeProvider, type ProviderSettings } from './complete-provider.ts';
import { DEFAULT_DISCOVERY_LIMITS, type DiscoveryLimits, discoveryProblems, fetchDiscovery, fillFromDiscovery } from './discovery.ts';
import { parseProviderDocumentId, providerDocumentId, type ProviderJson, providerJson, realmPrefix, withoutSecret } from './provider-document.ts';
import { invalidProvider, type ProviderFieldError, socialProviderError } from './provider-errors.ts';
import { readProviderBody } from './read-provider-body.ts';
import { builtinTransformOf } from './normalize/transform-ids.ts';
import { scriptDocumentId } from '../../scripting/script-store.ts';

/** What the service is built from. */
export interface SocialProviderServiceDeps {
  configs: ConfigRepository;
  /** The master key's sealer (the same as the SMTP password's). */
  sealer: SecretSealer;
  /** Fetches discovery documents; the global `fetch` by default, always limited to `outboundNetworks`. */
  fetch?: typeof fetch;
  /** The addresses discovery documents may be fetched from (`ARBOR_OUTBOUND_NETWORKS`; all but link-local by default). */
  outboundNetworks?: OutboundNetworks;
  discoveryLimits?: DiscoveryLimits;
}

/** How a write is checked. */
export interface PutProviderOptions {
  /**
   * Fetch `wellKnownEndpoint` to fill and check (default true). A journey import passes false: the
   * file is taken as complete, and nothing is fetched.
   */
  discovery?: boolean;
}

/** The result of a PUT. */
export interface PutProviderResult {
  created: boolean;
  provider: ProviderJson;
}

/** A stored provider, addressed by type and name. */
interface StoredRef {
  id: string;
  type: ProviderType;
  name: string;
}

/** The service. */
export interface SocialProviderService {
  /** Every provider of the realm (AM's JSON without secrets), by type then name. */
  list(realm: string): Promise<ProviderJson[]>;
  /** The providers of one type. */
  listOfType(realm: string, type: ProviderType): Promise<ProviderJson[]>;
  get(realm: string, type: ProviderType, name: string): Promise<ProviderJson | undefined>;
  /** Creates or replaces; INVALID_PROVIDER naming every bad field, PROVIDER_NAME_TAKEN for a name of another type. */
  put(realm: string, type: ProviderType, name: string, body: unknown, options?: PutProviderOptions): Promise<PutProviderResult>;
  /** Removes the provider; its JSON, or undefined when there was none. */
  delete(realm: string, type: ProviderType, name: string): Promise<ProviderJson | undefined>;
  /** The enabled providers (no secrets), for SelectIdP. */
  enabledProviders(realm: string): Promise<ProviderSettings[]>;
  /** The provider named `name`, its secret opened (in memory only), for the relying party; undefined when there is none. */
  providerForJourney(realm: string, name: string): Promise<SocialProviderConfig | undefined>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Makes the service. */
export function createSocialProviderService(deps: SocialProviderServiceDeps): SocialProviderService {
  const { configs, sealer } = deps;
  const fetcher = guardedFetch(deps.outboundNetworks ?? DEFAULT_OUTBOUND_NETWORKS, deps.fetch ?? fetch);
  const limits = deps.discoveryLimits ?? DEFAULT_DISCOVERY_LIMITS;
  const purpose = (realm: string, name: string): string => `socialIdentityProviders ${realm}/${name} clientSecret`;

  async function refs(realm: string): Promise<StoredRef[]> {
    const found: StoredRef[] = [];
    for (const id of await configs.list(realmPrefix(realm))) {
      const parsed = parseProviderDocumentId(realm, id);
      if (parsed !== undefined) found.push({ id, ...parsed });
    }
    return found;
  }

  async function stored(id: string): Promise<Record<string, unknown> | undefined> {
    const document = await configs.get(id);
    return isRecord(document) ? document : undefined;
  }

  function settingsOf(ref: StoredRef, document: Record<string, unknown>): ProviderSettings {
    const { draft, errors } = readProviderBody(ref.type, ref.name, withoutSecret(document), { preset: false });
    const complete = completeProvider(draft);
    if (errors.length > 0 || complete.settings === undefined) throw invalidProvider([...errors, ...complete.errors]);
    return complete.settings;
  }

  async function discover(draft: Parameters<typeof fillFromDiscovery>[0]): Promise<ProviderFieldError[]> {
    if (draft.wellKnownEndpoint === undefined) return [];
    const result = await fetchDiscovery(draft.wellKnownEndpoint, fetcher, limits);
    if (!result.ok) return [{ field: 'wellKnownEndpoint', reason: result.reason }];
    return [...fillFromDiscovery(draft, result.document), ...discoveryProblems(draft, result.document)];
  }

  return {
    async list(realm) {
      const all: ProviderJson[] = [];
      for (const ref of await refs(realm)) {
        const document = await stored(ref.id);
        if (document !== undefined) all.push(withoutSecret(document));
      }
      return all;
    },
    async listOfType(realm, type) {
      return (await this.list(realm)).filter((provider) => isRecord(provider._type) && provider._type._id === type);
    },
    async get(realm, type, name) {
      const document = await stored(providerDocumentId(realm, type, name));
      return document === undefined ? undefined : withoutSecret(document);
    },
    async put(realm, type, name, body, options = {}) {
      const id = providerDocumentId(realm, type, name);
      const other = (await refs(realm)).find((ref) => ref.name === name && ref.type !== type);
      if (other !== undefined) throw socialProviderError('PROVIDER_NAME_TAKEN', `A provider named "${name}" already exists as ${other.type}; delete it first or choose another name`);
      const { draft, secret, errors } = readProviderBody(type, name, body, { preset: true });
      if (errors.length === 0 && options.discovery !== false) {
        errors.push(...(await discover(draft)));
        // Without the document, what it would have filled cannot be judged: its reason is the answer.
        if (errors.some((error) => error.field === 'wellKnownEndpoint')) throw invalidProvider(errors);
      }
      if (draft.transform !== undefined && builtinTransformOf(draft.transform) === undefined && (await configs.get(scriptDocumentId(realm, draft.transform))) === undefined) {
        errors.push({ field: 'transform', reason: `no profile normalization script with id ${draft.transform}: name one of Arbor's built-ins or a script of the realm` });
      }
      const complete = completeProvider(draft);
      // A field already refused is not also "required".
      errors.push(...complete.errors.filter((error) => !errors.some((known) => known.field === error.field)));
      if (errors.length > 0 || complete.settings === undefined) throw invalidProvider(errors);
      const previous = await stored(id);
      const json = providerJson(complete.settings);
      const document: Record<string, unknown> = { ...json };
      if (secret.kind === 'set') document.clientSecret = sealedEnvelope(sealer.seal(secret.value, purpose(realm, name)), sealer.keyId);
      else if (secret.kind === 'keep' && previous !== undefined && asSealedEnvelope(previous.clientSecret) !== undefined) document.clientSecret = structuredClone(previous.clientSecret);
      await configs.put(id, document);
      return { created: previous === undefined, provider: json };
    },
    async delete(realm, type, name) {
      const id = providerDocumentId(realm, type, name);
      const document = await stored(id);
      if (document === undefined) return undefined;
      await configs.delete(id);
      return withoutSecret(document);
    },
    async enabledProviders(realm) {
      const enabled: ProviderSettings[] = [];
      for (const ref of await refs(realm)) {
        const document = await stored(ref.id);
        if (document === undefined) continue;
        const settings = settingsOf(ref, document);
        if (settings.enabled) enabled.push(settings);
      }
      return enabled;
    },
    async providerForJourney(realm, name) {
      const ref = (await refs(realm)).find((candidate) => candidate.name === name);
      const document = ref === undefined ? undefined : await stored(ref.id);
      if (ref === undefined || document === undefined) return undefined;
      const settings = settingsOf(ref, document);
      const envelope = asSealedEnvelope(document.clientSecret);
      if (envelope === undefined) return { ...settings };
      try {
        return { ...settings, clientSecret: sealer.open(envelope.$crypto.value.data, purpose(realm, name)) };
      } catch (error) {
        if (isSecretsError(error)) throw socialProviderError('SECRET_UNAVAILABLE', `The client secret of provider "${name}" cannot be opened: ${error.message}`);
        throw error;
      }
    },
  };
}
