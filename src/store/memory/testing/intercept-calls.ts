/**
 * Thin wrappers around a REAL repository (a memory store's) for tests that need to see or steer
 * the calls a service makes: run a hook before a method (to make a concurrent write really happen
 * at that moment), or count calls. Every call is forwarded to the real object, which alone decides
 * what happens: the wrappers never re-implement a port.
 */

/** Hooks by method name, each receiving that method's arguments. */
export type CallHooks<R> = { [K in keyof R]?: R[K] extends (...args: infer A) => unknown ? (...args: A) => unknown : never };

function hookOf<R extends object>(hooks: CallHooks<R>, property: string | symbol): ((...args: unknown[]) => unknown) | undefined {
  if (typeof property !== 'string' || !Object.hasOwn(hooks, property)) return undefined;
  const hook: unknown = Reflect.get(hooks, property);
  return typeof hook === 'function' ? (...args: unknown[]) => Reflect.apply(hook, hooks, args) : undefined;
}

/** `target` behind a proxy that awaits `hooks[name](...args)` before forwarding `name(...args)` to `target`. */
export function interceptCalls<R extends object>(target: R, hooks: CallHooks<R>): R {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      const hook = hookOf(hooks, property);
      if (typeof value !== 'function' || hook === undefined) return value;
      return async (...args: unknown[]) => {
        await hook(...args);
        return Reflect.apply(value, object, args);
      };
    },
  });
}

/** A repository that counts the calls of each method, and the count so far. */
export interface CountedCalls<R> {
  repository: R;
  /** How many times `method` was called through `repository`. */
  count(method: keyof R & string): number;
}

/** `target` behind a proxy that counts calls per method before forwarding them. */
export function countCalls<R extends object>(target: R): CountedCalls<R> {
  const counts = new Map<string, number>();
  const repository = new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        counts.set(property, (counts.get(property) ?? 0) + 1);
        return Reflect.apply(value, object, args);
      };
    },
  });
  return { repository, count: (method) => counts.get(method) ?? 0 };
}
