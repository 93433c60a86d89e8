/**
 * Bulk export of managed users, page by page in `_id` order through the repository's query
 * (cookie paging: each page costs the same however far in), so memory stays flat. Password hashes
 * and security answers are left out unless asked for; then the hash comes as `passwordHash` and the
 * answers in their stored (hashed) form, which `users import` reads back.
 */
import { DEFAULT_KBA_PROPERTY, withoutKbaAnswers } from '../kba-answers.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../ports.ts';

/** What an export reads. */
export interface ExportUsersOptions {
  objects: Pick<ManagedObjectRepository, 'query'>;
  type: string;
  /** Users per page (1,000 by default). */
  pageSize?: number;
  /** Also the stored security answers. */
  includePasswordHashes?: boolean;
  /** The property holding the security answers (`kbaInfo`). */
  kbaPropertyName?: string;
}

/** One exported user: `_id` first, then the properties, then `passwordHash` when asked for (security answers only then). */
export function exportedUser(stored: StoredManagedObject, includePasswordHashes: boolean, kbaPropertyName: string = DEFAULT_KBA_PROPERTY): Record<string, unknown> {
  const { password, ...properties } = includePasswordHashes ? stored.data : withoutKbaAnswers(stored.data, kbaPropertyName);
  const user: Record<string, unknown> = { _id: stored.id, ...properties };
  if (includePasswordHashes && typeof password === 'string') user.passwordHash = password;
  return user;
}

/** The users of `type`, in `_id` order. */
export async function* exportUsers(options: ExportUsersOptions): AsyncGenerator<Record<string, unknown>> {
  const pageSize = options.pageSize ?? 1000;
  let cookie: string | undefined;
  do {
    const page = await options.objects.query(options.type, {
      filter: { op: 'true' },
      sortKeys: [],
      pageSize,
      countTotal: false,
      ...(cookie === undefined ? {} : { cookie }),
    });
    for (const stored of page.items) yield exportedUser(stored, options.includePasswordHashes === true, options.kbaPropertyName);
    cookie = page.pagedResultsCookie ?? undefined;
  } while (cookie !== undefined);
}
