/**
 * AM's Validation Service of a realm (`realm-config/services/validation`): `validGotoDestinations`,
 * the absolute URLs allowed as redirect targets (`goto`, `gotoOnFail`, Success URL) and as the
 * base of emailed links, besides ARBOR_PUBLIC_URL's and ARBOR_CORS_ORIGINS' origins. Each entry
 * is checked when written (`parseGotoDestination`). Kept in the realm configuration.
 */
import { parseGotoDestination } from './goto-destination.ts';
import type { RealmConfig } from './realm-config.ts';
import { realmConfigError } from './realm-config-error.ts';

/** The service's `_type`, as AM answers it. */
export const VALIDATION_SERVICE_TYPE = Object.freeze({ _id: 'validation', name: 'Validation Service', collection: false });

/** The most entries a realm keeps. */
const MAX_ENTRIES = 100;

/** The service as AM's REST API reads it. */
export function validationServiceBody(realm: RealmConfig): Record<string, unknown> {
  return { _id: '', validGotoDestinations: [...(realm.validGotoDestinations ?? [])], _type: { ...VALIDATION_SERVICE_TYPE } };
}

/** The entries of a PUT body (`{validGotoDestinations: [url…]}`; `_id`, `_rev`, `_type` ignored); INVALID_VALIDATION_SERVICE names the entry at fault. */
export function parseValidationServiceBody(body: unknown): string[] {
  const fail = (field: string, problem: string) => realmConfigError('INVALID_VALIDATION_SERVICE', `validation: ${field} ${problem}`, field);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail('the document', 'must be an object');
  const entries: unknown = (body as { validGotoDestinations?: unknown }).validGotoDestinations;
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw fail('validGotoDestinations', 'must be an array of URLs');
  if (entries.length > MAX_ENTRIES) throw fail('validGotoDestinations', `must hold at most ${MAX_ENTRIES} URLs`);
  return entries.map((entry: unknown, index) => {
    const field = `validGotoDestinations[${index}]`;
    if (typeof entry !== 'string') throw fail(field, 'must be a string');
    const parsed = parseGotoDestination(entry);
    if ('problem' in parsed) throw fail(field, parsed.problem);
    return entry;
  });
}
