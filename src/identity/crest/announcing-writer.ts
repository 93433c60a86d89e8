/**
 * An `ObjectWriter` that tells the account-change listener about updates that end the account's
 * sessions: a new value of the schema's hashed password, or `accountStatus` becoming inactive.
 */
import type { AccountChangeListener } from '../account-change.ts';
import { accountChangeReason } from '../account-change-reason.ts';
import type { ObjectWriter } from './object-writer.ts';
import { hashedPasswordProperty } from './schema-properties.ts';

/** Wraps `writer`; without a listener, `writer` itself. */
export function announcingWriter(writer: ObjectWriter, listener: AccountChangeListener | undefined): ObjectWriter {
  if (listener === undefined) return writer;
  return {
    async write(request) {
      const written = await writer.write(request);
      if (request.stored === undefined || written === request.stored) return written;
      const reason = accountChangeReason(request.stored.data, written.data, hashedPasswordProperty(request.config.schema));
      if (reason !== undefined) await listener({ type: request.type, id: request.id, reason });
      return written;
    },
  };
}
