/**
 * Certificates for mTLS tests, made fresh per run with `selfsigned`: a test CA, a server
 * certificate for 127.0.0.1 issued by it, a CA-issued client certificate (`tls_client_auth`) and a
 * self-signed one (`self_signed_tls_client_auth`). Test use only.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A certificate and its private key, PEM. */
export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** Everything an mTLS test needs. */
export interface TestCertificates {
  ca: TestCertificate;
  server: TestCertificate;
  caIssuedClient: TestCertificate & { subjectDn: string };
  selfSignedClient: TestCertificate;
}

const DAY_MS = 24 * 60 * 60_000;

/** Generates a CA, a server certificate for 127.0.0.1 and two client certificates. */
export async function generateTestCertificates(): Promise<TestCertificates> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + DAY_MS);
  const base = { keySize: 2048, algorithm: 'sha256', notBeforeDate, notAfterDate } as const;
  const ca = await generate([{ name: 'commonName', value: 'Arbor Test CA' }], {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const issuer = { key: ca.private, cert: ca.cert };
  const [server, client, selfSigned] = await Promise.all([
    generate([{ name: 'commonName', value: '127.0.0.1' }], {
      ...base,
      ca: issuer,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
      ],
    }),
    generate([{ name: 'commonName', value: 'arbor-rp-client' }], {
      ...base,
      ca: issuer,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    }),
    generate([{ name: 'commonName', value: 'arbor-rp-self-signed' }], {
      ...base,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    }),
  ]);
  return {
    ca: { certificatePem: ca.cert, privateKeyPem: ca.private },
    server: { certificatePem: server.cert, privateKeyPem: server.private },
    caIssuedClient: { certificatePem: client.cert, privateKeyPem: client.private, subjectDn: new X509Certificate(client.cert).subject },
    selfSignedClient: { certificatePem: selfSigned.cert, privateKeyPem: selfSigned.private },
  };
}
