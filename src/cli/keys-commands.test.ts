/**
 * `arbor keys generate|import|list|rotate` against a real SQLite data directory: itsme's keys and
 * the URL to give itsme; existing keys kept unless --force; PEM imports with good and bad inputs,
 * each refusal one line with exit 2; the listing without private material; rotation keeping the
 * old key published.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { keysGenerateCommand } from './keys-generate-command.ts';
import { keysImportCommand } from './keys-import-command.ts';
import { keysListCommand } from './keys-list-command.ts';
import { keysRotateCommand } from './keys-rotate-command.ts';
import { useUsersCliFixture } from './users-cli-testing.ts';

const KID = '[A-Za-z0-9_-]{43}';

/** The fields of the listing's lines. */
function listed(out: string[]): string[][] {
  return out.map((line) => line.split('\t'));
}

describe('arbor keys', () => {
  const fixture = useUsersCliFixture();

  it('generate --itsme makes RSA-2048 RS256 and RSA-OAEP keys with certificates and prints the URL to give itsme; again, it keeps them', async () => {
    const generated = await fixture().run(keysGenerateCommand, ['--realm', 'alpha', '--itsme']);
    assert.equal(generated.code, 0, generated.err.join('\n'));
    assert.match(generated.out[0] ?? '', new RegExp(`^generated sig RS256 key ${KID} in realm alpha, self-signed certificate until \\d{4}-`));
    assert.match(generated.out[1] ?? '', new RegExp(`^generated enc RSA-OAEP key ${KID} in realm alpha, self-signed certificate until `));
    assert.equal(generated.out[2], 'key set: http://localhost:8080/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri');
    assert.match(generated.out[3] ?? '', /to itsme/);
    assert.match(generated.err.join('\n'), /WARNING: generated a new master key/);
    assert.match(generated.err.join('\n'), /ARBOR_PUBLIC_URL is not set/);

    const again = await fixture().run(keysGenerateCommand, ['--itsme']);
    assert.equal(again.code, 0);
    assert.match(again.out[0] ?? '', /^realm alpha has a RS256 key already: kept sig RS256 key /);
    const list = await fixture().run(keysListCommand, ['--realm', '/alpha']);
    assert.equal(list.code, 0);
    const rows = listed(list.out);
    assert.deepEqual(
      rows.map((row) => [...row.slice(1, 4), row[7]]),
      [
        ['sig', 'RS256', 'active', 'rp.sig'],
        ['enc', 'RSA-OAEP', 'active', 'rp.enc'],
      ],
    );
    for (const row of rows) {
      assert.equal(row[5], '-');
      assert.match(row[6] ?? '', /^CN=Arbor relying party alpha (sig|enc) \(self-signed, until \d{4}-\d\d-\d\dT/);
    }
    assert.doesNotMatch(list.out.join('\n'), /PRIVATE|"d"/);
    assert.equal(list.err[0], '2 keys in realm alpha; key set: http://localhost:8080/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri; provider key set: http://localhost:8080/am/oauth2/realms/root/realms/alpha/connect/jwk_uri');
  });

  it('rotate replaces the keys: the old ones stay listed as retired for --retire-after', async () => {
    const before = listed((await fixture().run(keysListCommand, [])).out);
    const rotated = await fixture().run(keysRotateCommand, ['--use', 'sig', '--retire-after', '2h']);
    assert.equal(rotated.code, 0, rotated.err.join('\n'));
    assert.match(rotated.out[0] ?? '', new RegExp(`^rotated sig RS256: new key ${KID}; sig RS256 key ${before[0]?.[0]} retired, published until `));
    const after = listed((await fixture().run(keysListCommand, [])).out);
    assert.deepEqual(
      after.map((row) => [row[1], row[3]]),
      [
        ['sig', 'retired'],
        ['enc', 'active'],
        ['sig', 'active'],
      ],
    );
    const retireTime = Date.parse(after[0]?.[5] ?? '');
    assert.ok(Math.abs(retireTime - (Date.now() + 2 * 3_600_000)) < 60_000, 'retired for two hours');
    const none = await fixture().run(keysRotateCommand, ['--realm', 'root']);
    assert.deepEqual([none.code, none.err], [1, ['arbor keys rotate: realm root has no active sig or enc key to rotate: create keys with arbor keys generate --realm root']]);
  });

  it('rotate --provider rotates the OpenID provider’s signing key (making one when the realm has none), not the relying party’s', async () => {
    const rpBefore = listed((await fixture().run(keysListCommand, ['--realm', 'alpha'])).out).filter((row) => row[3] === 'active');
    const made = await fixture().run(keysRotateCommand, ['--realm', 'alpha', '--provider']);
    assert.deepEqual([made.code, made.out], [0, ['realm alpha had no OpenID provider signing key: generated one (sig RS256)']], made.err.join('\n'));
    const rotated = await fixture().run(keysRotateCommand, ['--realm', 'alpha', '--provider', '--retire-after', '1h']);
    assert.equal(rotated.code, 0, rotated.err.join('\n'));
    assert.match(rotated.out[0] ?? '', new RegExp(`^rotated sig RS256: new key ${KID}; sig RS256 key ${KID} retired, published until `));
    const listing = listed((await fixture().run(keysListCommand, ['--realm', 'alpha'])).out);
    const rpAfter = listing.filter((row) => row[3] === 'active' && row[7] !== 'op.sig');
    assert.deepEqual(rpAfter.map((row) => row[0]), rpBefore.map((row) => row[0]), 'the relying party’s keys are untouched');
    const provider = listing.filter((row) => row[7] === 'op.sig');
    assert.deepEqual(provider.map((row) => [row[1], row[2], row[3]]), [
      ['sig', 'RS256', 'retired'],
      ['sig', 'RS256', 'active'],
    ]);
    assert.match(rotated.out[0] ?? '', new RegExp(`new key ${provider[1]?.[0]}; sig RS256 key ${provider[0]?.[0]} retired`));
    assert.ok(Math.abs(Date.parse(provider[0]?.[5] ?? '') - (Date.now() + 3_600_000)) < 60_000, 'published for an hour');
    const both = await fixture().run(keysRotateCommand, ['--provider', '--use', 'sig']);
    assert.equal(both.code, 2);
  });

  it('generate --alg and --tls add other keys; --force replaces; bad options are usage errors', async () => {
    const es = await fixture().run(keysGenerateCommand, ['--realm', 'root', '--alg', 'ES256,ECDH-ES', '--tls']);
    assert.equal(es.code, 0, es.err.join('\n'));
    assert.deepEqual(
      es.out.slice(0, 3).map((line) => line.split(' ').slice(0, 4).join(' ')),
      ['generated sig ES256 key', 'generated enc ECDH-ES key', 'generated tls RS256 key'],
    );
    assert.equal(es.out[3], 'key set: http://localhost:8080/am/oauth2/realms/root/connect/rp/jwk_uri');
    const forced = await fixture().run(keysGenerateCommand, ['--realm', 'root', '--alg', 'ES256', '--force']);
    assert.match(forced.out[1] ?? '', /^ {2}replaced sig ES256 key .*: retired, published until /);
    const rows = listed((await fixture().run(keysListCommand, ['--realm', 'root'])).out);
    assert.deepEqual(
      rows.map((row) => [row[1], row[2], row[3]]),
      [
        ['sig', 'ES256', 'retired'],
        ['enc', 'ECDH-ES', 'active'],
        ['tls', 'RS256', 'active'],
        ['sig', 'ES256', 'active'],
      ],
    );
    for (const [args, message] of [
      [['--alg', 'HS256'], '--alg HS256 is not an algorithm Arbor offers (see --help)'],
      [['--itsme', '--alg', 'ES256'], '--itsme makes the RS256 and RSA-OAEP keys itsme asks for: give it without --alg and --tls'],
      [['--itsme', '--key-size', '4096'], 'itsme takes RSA-2048 keys: give --itsme without --key-size'],
      [['--key-size', '1024'], '--key-size must be an integer from 2048 to 8192, got "1024"'],
      [['--force', '--retire-after', 'soon'], '--retire-after must be a duration such as 24h, 90m or 7d (365d at most), got "soon"'],
    ] as const) {
      const run = await fixture().run(keysGenerateCommand, [...args]);
      assert.deepEqual([run.code, run.err[0], run.opened()], [2, `arbor keys generate: ${message}`, 0]);
    }
    const unknown = await fixture().run(keysGenerateCommand, ['--realm', 'beta']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err[0] ?? '', /^arbor keys generate: realm \/beta does not exist/);
  });

  it('import takes PEM keys with certificates, and refuses what it cannot use in one line with exit 2', async () => {
    const f = fixture();
    const pair = await generate([{ name: 'commonName', value: 'rp.example.com' }], { keyType: 'rsa', keySize: 2048, algorithm: 'sha256' });
    const key = await f.file('enc-key.pem', pair.private);
    const cert = await f.file('enc-cert.pem', pair.cert);
    const imported = await f.run(keysImportCommand, ['--use', 'enc', '--key', key, '--cert', cert, '--retire-after', '1h']);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    assert.match(imported.out[0] ?? '', new RegExp(`^imported enc RSA-OAEP key ${KID} into realm alpha with certificate CN=rp.example.com \\(self-signed, until `));
    assert.match(imported.out[1] ?? '', /^ {2}replaced enc RSA-OAEP key .*: retired, published until /);
    const pkcs1 = await f.file('pkcs1.pem', String(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs1' })));
    const ps = await f.run(keysImportCommand, ['--use', 'sig', '--alg', 'PS256', '--key', pkcs1]);
    assert.equal(ps.code, 0, ps.err.join('\n'));
    assert.match(ps.out[0] ?? '', /^imported sig PS256 key /);

    const other = await generate([{ name: 'commonName', value: 'other' }], { keyType: 'rsa', keySize: 2048, algorithm: 'sha256' });
    const weak = await f.file('weak.pem', String(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' })));
    const p384 = await f.file('p384.pem', String(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'sec1' })));
    const ec = await f.file('ec.pem', String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' })));
    const otherCert = await f.file('other-cert.pem', other.cert);
    const cases: [string[], number, string][] = [
      [['--use', 'sig', '--key', key, '--cert', otherCert], 2, 'the certificate (CN=other) is not for this key'],
      [['--use', 'sig', '--key', weak], 2, 'the RSA key has 1024 bits: Arbor needs 2048 or more'],
      [['--use', 'sig', '--key', p384], 2, 'the EC key is on curve secp384r1: Arbor takes P-256 (prime256v1) only'],
      [['--use', 'enc', '--key', ec, '--alg', 'RSA-OAEP'], 2, 'RSA-OAEP needs an RSA key, not an EC one'],
      [['--use', 'enc', '--key', key], 2, /^realm alpha holds this key already \(kid [\w-]+, enc RSA-OAEP, active\): use a new key$/.source],
      [['--use', 'tls', '--key', ec], 2, '--use tls needs --cert: the TLS client certificate (chain), PEM'],
      [['--use', 'sign', '--key', key], 2, '--use must be sig, enc or tls, got "sign"'],
      [['--use', 'sig'], 2, '--key is required: the PEM private key file'],
      [['--use', 'sig', '--key', `${f.dir}/missing.pem`], 2, `cannot read --key ${f.dir}/missing.pem: ENOENT`],
      [['--use', 'sig', '--key', cert], 2, 'no PEM private key found (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)'],
    ];
    for (const [args, code, message] of cases) {
      const run = await f.run(keysImportCommand, args);
      assert.equal(run.code, code, `${args.join(' ')}: ${run.err.join('\n')}`);
      assert.equal(run.err.length === 1 || run.err[1] === '', true, `one line: ${run.err.join('\n')}`);
      if (message.startsWith('^')) assert.match(run.err[0] ?? '', new RegExp(message.replace('^', '^arbor keys import: ')));
      else assert.equal(run.err[0], `arbor keys import: ${message}`);
    }
  });
});
