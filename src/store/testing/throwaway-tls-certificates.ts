/**
 * Throwaway TLS material for tests, made with `selfsigned` (as the social mTLS tests make theirs,
 * `src/social/testing/test-certificates.ts`) and written to a directory the test owns, since a
 * Redis server reads its certificate from files: a CA valid for a day and a server certificate it
 * signs for `localhost` and `127.0.0.1`, or for the name `localhost` only (usable as a client
 * certificate too, as Redis servers present it to each other for replication and the cluster bus).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate, type SubjectAltNameEntry } from 'selfsigned';

/** The files of a CA and of the server certificate it signed. */
export interface ThrowawayTls {
  /** The CA's certificate (PEM): what a client trusts. */
  caFile: string;
  /** The server's certificate (PEM), for DNS:localhost and IP:127.0.0.1 (or DNS:localhost only). */
  certFile: string;
  /** The server's private key (PEM). */
  keyFile: string;
}

const DAY_MS = 24 * 60 * 60_000;

/** A new CA named `name` and a server certificate it signs, in `dir/name` (created); `namesOnly`: for DNS:localhost, not for 127.0.0.1. */
export async function throwawayTls(dir: string, name: string, options: { namesOnly?: boolean } = {}): Promise<ThrowawayTls> {
  const home = join(dir, name);
  await mkdir(home, { recursive: true });
  const file = (base: string): string => join(home, base);
  const base = { keySize: 2048, algorithm: 'sha256', notBeforeDate: new Date(Date.now() - DAY_MS), notAfterDate: new Date(Date.now() + DAY_MS) } as const;
  const ca = await generate([{ name: 'commonName', value: `Arbor test CA ${name}` }], {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const altNames: SubjectAltNameEntry[] = options.namesOnly === true ? [{ type: 2, value: 'localhost' }] : [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }];
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...base,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await Promise.all([writeFile(file('ca.pem'), ca.cert), writeFile(file('server.pem'), server.cert), writeFile(file('server.key'), server.private, { mode: 0o600 })]);
  return { caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key') };
}
