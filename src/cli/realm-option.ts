/**
 * The realm named by `--realm`, read as the server reads realm paths: `alpha`, `/alpha`,
 * `root/alpha`, `/root/realms/alpha` and `root/realms/alpha` all name the realm `alpha`; `root`,
 * `/root` and `/` name the root realm. A sub-realm is `/parent/child` (the name `parent/child`, as
 * in `…/realms/root/realms/parent/realms/child/…`). Names keep their case: realm names are
 * case-sensitive, as the server's URLs are.
 */
import { usageError } from './cli-error.ts';

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The realm name `raw` denotes; a usage error for an empty or malformed one. */
export function realmOption(raw: string): string {
  if (raw.trim() === '') throw usageError('--realm needs a realm name (alpha, /alpha or / for root)');
  let segments = raw.split('/').filter((segment) => segment !== '');
  if (segments[0] === 'root') segments = segments.slice(1);
  // The URL form: realms/<a>/realms/<b>.
  if (segments.length > 0 && segments.length % 2 === 0 && segments.every((segment, index) => index % 2 === 1 || segment === 'realms')) {
    segments = segments.filter((_, index) => index % 2 === 1);
  }
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) throw usageError(`--realm "${raw}" is not a realm name: a realm name has letters, digits, - and _ only`);
  return segments.length === 0 ? 'root' : segments.join('/');
}
