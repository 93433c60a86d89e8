import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { openPlatformStore } from './src/platform/open-platform-store.ts';
import { loadServerSettings } from './src/config/server-settings.ts';
import { importUsers } from './src/identity/bulk/import-users.ts';
import { readOnceConfigs } from './src/identity/bulk/read-once-configs.ts';
import { schemaForType } from './src/identity/schema-for-type.ts';
import { createPolicyService } from './src/policy/policy-service.ts';
import { createPasswordHasher } from './src/identity/password-hasher.ts';
rmSync('/tmp/arbor-scratch/d3', { recursive: true, force: true });
const store = await openPlatformStore(loadServerSettings({ ARBOR_DATA_DIR: '/tmp/arbor-scratch/d3', ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' }, '/tmp'), () => undefined);
const configs = readOnceConfigs(store.configs, { managedType: 'alpha_user' });
const { schema } = await schemaForType(configs, 'alpha_user');
const N = Number(process.argv[2]);
async function* gen() { for (let i = 0; i < N; i++) yield { line: i + 1, attributes: { userName: `u${i}`, givenName: 'G', sn: `S${i}`, mail: `u${i}@example.com`, passwordHash: '$2b$04$abcdefghijklmnopqrstuu5Yd6N8Wh1xLqLbTFpY2ahZ7w9j2U2Gm' } }; }
await importUsers({ type: 'alpha_user', schema, records: gen(), store, policy: createPolicyService({ objects: store.managedObjects, configs }), hasher: createPasswordHasher(), clock: { now: () => Date.now() }, newId: randomUUID, progressEvery: 25000,
  onProgress: (p) => { const m = process.memoryUsage(); console.log(p.processed, p.rate, 'rss', (m.rss / 2**20).toFixed(0), 'heap', (m.heapUsed / 2**20).toFixed(0), 'ext', (m.external / 2**20).toFixed(0)); } });
await store.close();
