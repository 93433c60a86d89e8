/** The bad fields a refused write names in its error body (`detail.errors: [{field, reason}]`), read as hostile input. */
import { isRecord, own } from './json-guards.ts';

/** A bad field as the server names it (`coreOAuth2ClientConfig.redirectionUris`) and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The bad fields of an error body; none when it names none. */
export function fieldErrorsOf(body: unknown): FieldError[] {
  const detail = isRecord(body) ? own(body, 'detail') : undefined;
  const errors = isRecord(detail) ? own(detail, 'errors') : undefined;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter(isRecord)
    .slice(0, 100)
    .flatMap((error) => {
      const field = own(error, 'field');
      const reason = own(error, 'reason');
      return typeof field === 'string' && typeof reason === 'string' ? [{ field: field.slice(0, 200), reason: reason.slice(0, 1000) }] : [];
    });
}
