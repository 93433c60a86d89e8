import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { isSocialRpError } from './errors.ts';
import { ephemeralRequestObjectStore, takeRequestObject } from './request-object-store.ts';
import { requestUriFor } from './request-uri.ts';

test('the request_uri keeps an explicit :443 in the realm base URL, as itsme requires', () => {
  const uri = requestUriFor('https://id.example.be:443/am/oauth2/realms/root/realms/alpha/', 'abc');
  assert.equal(uri, 'https://id.example.be:443/am/oauth2/realms/root/realms/alpha/request_uri?requestObjectId=abc');
});

test('a request_uri over 512 characters is refused', () => {
  assert.throws(
    () => requestUriFor(`https://id.example.be:443/${'a'.repeat(480)}`, 'x'.repeat(43)),
    (error: unknown) => isSocialRpError(error, 'REQUEST_URI_TOO_LONG'),
  );
});

test('a request object is served once, then gone', async () => {
  const store = ephemeralRequestObjectStore(openMemoryStore().ephemeral);
  const id = await store.put('header.payload.signature');
  assert.equal(await takeRequestObject(store, id), 'header.payload.signature');
  assert.equal(await takeRequestObject(store, id), undefined);
  assert.equal(await takeRequestObject(store, ['not', 'a', 'string']), undefined);
});

test('a request object expires after its time to live', async () => {
  let now = 1_000_000;
  const store = ephemeralRequestObjectStore(openMemoryStore({ clock: { now: () => now } }).ephemeral);
  const id = await store.put('header.payload.signature');
  now += 2 * 60_000 + 1;
  assert.equal(await takeRequestObject(store, id), undefined);
});
