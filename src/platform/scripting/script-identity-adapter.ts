/**
 * `ScriptIdentity` (what `openidm` and `idRepository` reach) over the platform: creates, reads
 * and patches through the request's `IdentityGateway` (policies checked, passwords hashed, the
 * request's reads shared), queries and deletes on the managed object repository. A password (its
 * hash) never reaches a script.
 */
import type { ManagedObjectRepository, StoredManagedObject } from '../../identity/ports.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import type { IdentityGateway, ManagedUserView } from '../../journeys/engine/node-context.ts';
import { scriptHostError } from '../../scripting/script-host.ts';
import { isStoreError } from '../../store/errors.ts';
import type { ScriptIdentity, ScriptObject } from '../../scripting/script-identity.ts';

function fromView(view: ManagedUserView): ScriptObject {
  return { ...view.attributes, _id: view._id, _rev: view._rev };
}

function fromStored(object: StoredManagedObject): ScriptObject {
  const { password: _password, ...data } = object.data;
  return { ...data, _id: object.id, _rev: object.rev };
}

/** The scripts' identity operations over the request's gateway and the repository. */
export function scriptIdentityOver(gateway: IdentityGateway, objects: ManagedObjectRepository): ScriptIdentity {
  const resource = (type: string): string => `managed/${type}`;
  const read = async (type: string, id: string): Promise<ScriptObject | null> => {
    const view = await gateway.getUser(resource(type), id);
    return view === undefined ? null : fromView(view);
  };
  return {
    async create(type, content) {
      const created = await gateway.createUser(resource(type), content);
      if (!created.ok) throw scriptHostError('POLICY_VALIDATION_FAILED', created.message);
      return fromView(created.user);
    },
    read,
    async findBy(type, attribute, value) {
      const view = await gateway.findUser(resource(type), attribute, value);
      return view === undefined ? null : fromView(view);
    },
    async patch(type, id, fields) {
      const written: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(fields)) written[name] = value === null ? undefined : value;
      const patched = await gateway.tryPatchUser(resource(type), id, written);
      if (!patched.ok) throw scriptHostError('PATCH_FAILED', patched.message);
      const after = await read(type, id);
      if (after === null) throw scriptHostError('NOT_FOUND', `no ${type} ${id}`);
      return after;
    },
    async query(type, filter, limit) {
      let parsed: ReturnType<typeof parseQueryFilter>;
      try {
        parsed = parseQueryFilter(filter);
      } catch (error) {
        throw scriptHostError('BAD_REQUEST', error instanceof Error ? error.message : 'invalid _queryFilter');
      }
      const page = await objects.query(type, { filter: parsed, sortKeys: [], pageSize: limit, countTotal: false });
      return page.items.map(fromStored);
    },
    async delete(type, id) {
      try {
        return fromStored(await objects.delete(type, id));
      } catch (error) {
        if (isStoreError(error, 'NOT_FOUND')) return null;
        throw error;
      }
    },
  };
}
