/**
 * A recording wrapper for tests: every method call on the wrapped services is logged (service,
 * method, arguments) and forwarded to the real service unchanged. It observes; it never answers.
 */

/** One call made through `recordCalls`. */
export interface RecordedCall {
  service: string;
  method: string;
  args: unknown[];
}

/** The wrapped object and the log of its calls. */
export interface Recorded<T> {
  wrapped: T;
  calls: RecordedCall[];
}

function wrapService(name: string, service: object, calls: RecordedCall[]): object {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service)) {
    wrapped[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            calls.push({ service: name, method: key, args });
            return Reflect.apply(value, service, args);
          }
        : value;
  }
  return wrapped;
}

/** Wraps every service (an object of functions) of `services`; other properties pass through. */
export function recordCalls<T extends object>(services: T): Recorded<T> {
  const calls: RecordedCall[] = [];
  const wrapped: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) {
    wrapped[name] = typeof service === 'object' && service !== null ? wrapService(name, service, calls) : service;
  }
  // The wrapper has the same keys and callable members as `services`.
  return { wrapped: wrapped as T, calls };
}
