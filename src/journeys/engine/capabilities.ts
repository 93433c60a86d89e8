/**
 * Capabilities beyond the core node services (social sign-in, scripting, multi-factor…): each
 * brings its own service, registers it under a typed key, and its nodes find it by that key. The
 * engine knows no capability by name, so adding one never edits a closed list of services.
 */
import { journeyError } from './errors.ts';

/** The typed name of a capability's service. */
export interface CapabilityKey<T> {
  readonly name: string;
  /** Never set: carries `T` for the type checker only. */
  readonly type?: (value: T) => T;
}

/** Makes the key a capability registers its service under. */
export function capabilityKey<T>(name: string): CapabilityKey<T> {
  return Object.freeze({ name });
}

/** The capabilities' services, as nodes find them. */
export interface Capabilities {
  /** The service registered under `key`; CAPABILITY_MISSING when this deployment has none. */
  get<T>(key: CapabilityKey<T>): T;
  has(key: { readonly name: string }): boolean;
}

/** Collects capability services while the platform is built; `seal` hands them to the nodes. */
export interface CapabilityRegistry {
  register<T>(key: CapabilityKey<T>, service: T): void;
  seal(): Capabilities;
}

/** A registry with nothing registered. */
export function createCapabilityRegistry(): CapabilityRegistry {
  // Keyed by the key object itself: two capabilities with the same name never meet.
  const services = new Map<object, unknown>();
  let sealed = false;
  return {
    register(key, service) {
      if (sealed) throw new Error(`capability ${key.name} registered after the platform was built`);
      if (services.has(key)) throw new Error(`capability ${key.name} is registered twice`);
      services.set(key, service);
    },
    seal() {
      sealed = true;
      return {
        get<T>(key: CapabilityKey<T>): T {
          if (!services.has(key)) throw journeyError('CAPABILITY_MISSING', `This server has no ${key.name} service`);
          // Only `register` puts values in, under their own typed key.
          return services.get(key) as T;
        },
        has: (key) => services.has(key),
      };
    },
  };
}

/** No capabilities (node tests that need none). */
export const NO_CAPABILITIES: Capabilities = createCapabilityRegistry().seal();
