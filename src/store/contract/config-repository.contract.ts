/** Contract of ConfigRepository: JSON documents by id, prefix listing. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

/** Registers the ConfigRepository tests on stores made by `makeStore`. */
export function configRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('ConfigRepository', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('stores any JSON value and reads it back unchanged', async () => {
      const values: unknown[] = [{ objects: [{ name: 'user', schema: { properties: {} } }] }, 'a string', '{"looks":"like json"}', 42, true, null, [1, 'two']];
      for (const value of values) {
        const id = unique('cfg');
        await store.configs.put(id, value);
        assert.deepEqual(await store.configs.get(id), value);
      }
    });

    it('returns undefined for an absent id', async () => {
      assert.equal(await store.configs.get(unique('none')), undefined);
    });

    it('replaces a document on a second put', async () => {
      const id = unique('cfg');
      await store.configs.put(id, { v: 1 });
      await store.configs.put(id, { v: 2 });
      assert.deepEqual(await store.configs.get(id), { v: 2 });
    });

    it('deletes, saying whether there was a document', async () => {
      const id = unique('cfg');
      await store.configs.put(id, { v: 1 });
      assert.equal(await store.configs.delete(id), true);
      assert.equal(await store.configs.get(id), undefined);
      assert.equal(await store.configs.delete(id), false);
    });

    it('lists ids by prefix, sorted, case-sensitively and without wildcards', async () => {
      const root = unique('p');
      const ids = [`${root}emailTemplate/welcome`, `${root}emailTemplate/resetPassword`, `${root}external.email`, `${root}managed`];
      for (const id of ids) await store.configs.put(id, {});
      await store.configs.put(`${root.toUpperCase()}emailTemplate/x`, {});
      await store.configs.put(`${root}email_Template/x`, {});
      assert.deepEqual(await store.configs.list(`${root}emailTemplate/`), [`${root}emailTemplate/resetPassword`, `${root}emailTemplate/welcome`]);
      assert.deepEqual(await store.configs.list(`${root}e`), [`${root}emailTemplate/resetPassword`, `${root}emailTemplate/welcome`, `${root}email_Template/x`, `${root}external.email`]);
      assert.deepEqual(await store.configs.list(`${root}email%`), []);
      assert.deepEqual(await store.configs.list(`${root}email_T`), [`${root}email_Template/x`]);
      assert.deepEqual(await store.configs.list(unique('none')), []);
      await store.configs.put(`${root}🌳/é`, {});
      assert.deepEqual(await store.configs.list(`${root}🌳`), [`${root}🌳/é`]);
    });
  });
}
