import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateMasterKeyText } from '../secrets/master-key.ts';
import { booleanSetting, isSettingsError, loadServerSettings, type SettingsError } from './server-settings.ts';

const CWD = '/srv/arbor';

/** The settings error `env` causes (fails when there is none). */
function refusal(env: Record<string, string>): SettingsError {
  try {
    loadServerSettings(env, CWD);
  } catch (error) {
    assert.ok(isSettingsError(error), String(error));
    return error;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

describe('server settings', () => {
  it('has defaults for everything', () => {
    const settings = loadServerSettings({}, CWD);
    assert.deepEqual(
      { ...settings },
      {
        port: 8080,
        host: '0.0.0.0',
        dataDir: '/srv/arbor/data',
        databaseUrl: undefined,
        redisUrl: undefined,
        redisCa: undefined,
        publicUrl: 'http://localhost:8080',
        cookieName: 'iPlanetDirectoryPro',
        secureCookie: false,
        cookieSameSite: 'lax',
        corsOrigins: [],
        trustProxy: false,
        nodeHeaders: ['accept-language', 'user-agent', 'x-forwarded-for'],
        bodyLimit: 262144,
        adminPassword: undefined,
        masterKeyFromEnv: false,
        log: true,
        debug: false,
        hashConcurrency: 4,
        hashQueueLimit: 64,
        storeTimeouts: { connectMs: 2000, statementMs: 2000, idleMs: 30_000, redisCommandMs: 2000 },
        databasePoolSize: 10,
        databasePreparedStatements: true,
        readyTimeoutMs: 2000,
        outboundNetworks: 'all-but-link-local',
      },
    );
    assert.ok(Object.isFrozen(settings));
  });

  it('reads booleans strictly: true/1, false/0 in upper or lower case, empty for the default; other values name the variable', () => {
    for (const [raw, value] of [['true', true], ['TRUE', true], ['1', true], ['false', false], ['False', false], ['0', false], ['', false]] as const) {
      assert.equal(booleanSetting({ ARBOR_TRUST_PROXY: raw }, 'ARBOR_TRUST_PROXY', false), value, raw);
    }
    assert.equal(booleanSetting({}, 'ARBOR_LOG', true), true);
    for (const name of ['ARBOR_DEBUG', 'ARBOR_LOG', 'ARBOR_SECURE_COOKIE', 'ARBOR_TRUST_PROXY']) {
      const error = refusal({ [name]: 'maybe' });
      assert.equal(error.message, `${name} must be true or false (or 1 or 0), got "maybe"`);
      assert.equal(error.variable, name);
    }
    assert.equal(loadServerSettings({ ARBOR_DEBUG: 'true', ARBOR_LOG: '0' }, CWD).debug, true);
    assert.equal(loadServerSettings({ ARBOR_LOG: '0' }, CWD).log, false, 'ARBOR_LOG=0 silences the log (it used to leave it on)');
    assert.equal(refusal({ ARBOR_LOG: 'off' }).variable, 'ARBOR_LOG');
  });

  it('reads the store time limits and the readiness limit in milliseconds, within bounds, naming the variable', () => {
    const settings = loadServerSettings(
      { ARBOR_DATABASE_CONNECT_TIMEOUT_MS: '1500', ARBOR_DATABASE_STATEMENT_TIMEOUT_MS: '60000', ARBOR_DATABASE_IDLE_TIMEOUT_MS: '5000', ARBOR_REDIS_COMMAND_TIMEOUT_MS: '750', ARBOR_READY_TIMEOUT_MS: '1000' },
      CWD,
    );
    assert.deepEqual(settings.storeTimeouts, { connectMs: 1500, statementMs: 60_000, idleMs: 5000, redisCommandMs: 750 });
    assert.equal(settings.readyTimeoutMs, 1000);
    for (const [name, raw] of [['ARBOR_DATABASE_CONNECT_TIMEOUT_MS', '0'], ['ARBOR_DATABASE_STATEMENT_TIMEOUT_MS', '2s'], ['ARBOR_DATABASE_IDLE_TIMEOUT_MS', '10'], ['ARBOR_REDIS_COMMAND_TIMEOUT_MS', '600000'], ['ARBOR_READY_TIMEOUT_MS', '-1']] as const) {
      const error = refusal({ [name]: raw });
      assert.equal(error.variable, name);
      assert.match(error.message, new RegExp(`^${name} must be an integer from \\d+ to \\d+, got "${raw}"$`));
    }
  });

  it('reads the PostgreSQL pool size within bounds and whether statements run prepared, naming the variable', () => {
    const settings = loadServerSettings({ ARBOR_DATABASE_POOL_SIZE: '4', ARBOR_DATABASE_PREPARED_STATEMENTS: 'false' }, CWD);
    assert.deepEqual([settings.databasePoolSize, settings.databasePreparedStatements], [4, false]);
    for (const raw of ['0', '1001', 'ten']) assert.equal(refusal({ ARBOR_DATABASE_POOL_SIZE: raw }).variable, 'ARBOR_DATABASE_POOL_SIZE');
    assert.equal(refusal({ ARBOR_DATABASE_PREPARED_STATEMENTS: 'sometimes' }).variable, 'ARBOR_DATABASE_PREPARED_STATEMENTS');
  });

  it('reads which networks outbound calls may reach, refusing an unknown policy at start, naming the variable', () => {
    for (const [raw, networks] of [['public', 'public'], [' Public ', 'public'], ['all', 'all'], ['all-but-link-local', 'all-but-link-local'], ['', 'all-but-link-local']] as const) {
      assert.equal(loadServerSettings({ ARBOR_OUTBOUND_NETWORKS: raw }, CWD).outboundNetworks, networks, raw);
    }
    for (const raw of ['private', 'none', 'public,private']) {
      const error = refusal({ ARBOR_OUTBOUND_NETWORKS: raw });
      assert.equal(error.variable, 'ARBOR_OUTBOUND_NETWORKS');
      assert.equal(error.message, `ARBOR_OUTBOUND_NETWORKS must be all-but-link-local, public or all, got "${raw}"`);
    }
  });

  it('checks each CORS origin is scheme://host[:port], and keeps it as browsers send it', () => {
    assert.deepEqual(loadServerSettings({ ARBOR_CORS_ORIGINS: ' https://App.Example.com , http://localhost:3000,https://app.example.com:443' }, CWD).corsOrigins, ['https://app.example.com', 'http://localhost:3000']);
    for (const bad of ['https://app.example.com/', 'https://app.example.com/login', 'app.example.com', 'https://app.example.com?x=1', 'https://user@app.example.com', 'localhost:3000']) {
      const error = refusal({ ARBOR_CORS_ORIGINS: `http://ok.example,${bad}` });
      assert.equal(error.variable, 'ARBOR_CORS_ORIGINS', bad);
      assert.match(error.message, /^ARBOR_CORS_ORIGINS: "[^"]+" is not an/, bad);
    }
    assert.equal(refusal({ ARBOR_CORS_ORIGINS: 'ftp://files.example' }).message, 'ARBOR_CORS_ORIGINS: "ftp://files.example" is not an http or https origin');
    assert.match(refusal({ ARBOR_CORS_ORIGINS: 'https://a.example,,https://b.example' }).message, /empty entry/);
    assert.match(refusal({ ARBOR_CORS_ORIGINS: '*' }).message, /cannot be \*/);
  });

  it('checks the master key format without echoing the key, and records that it came from the environment', () => {
    assert.equal(loadServerSettings({ ARBOR_MASTER_KEY: generateMasterKeyText() }, CWD).masterKeyFromEnv, true);
    const standard = Buffer.alloc(32, 0xfb).toString('base64');
    const cases: Record<string, RegExp> = {
      short: /it has 5 characters$/,
      [standard]: /that is standard base64; use base64url/,
      [`${generateMasterKeyText()}x`]: /it has 44 characters$/,
      ['é'.repeat(43)]: /characters outside/,
    };
    for (const [key, reason] of Object.entries(cases)) {
      const error = refusal({ ARBOR_MASTER_KEY: key });
      assert.equal(error.variable, 'ARBOR_MASTER_KEY');
      assert.match(error.message, /^ARBOR_MASTER_KEY must be base64url of 32 bytes \(43 characters/);
      assert.match(error.message, reason);
      assert.ok(!error.message.includes(key), 'the key is not printed');
    }
  });

  it('checks HOST is a host name or an address, without scheme or port', () => {
    for (const host of ['127.0.0.1', '::1', '::', 'localhost', 'arbor.example.com', 'fe80::1%eth0']) assert.equal(loadServerSettings({ HOST: host }, CWD).host, host);
    for (const host of ['http://0.0.0.0', 'localhost:8080', '0.0.0.0/24', 'two words', '-bad.example']) {
      const error = refusal({ HOST: host });
      assert.equal(error.variable, 'HOST', host);
      assert.equal(error.message, `HOST must be a host name or an IP address (no scheme, port or path; the port is PORT), got "${host}"`);
    }
  });

  it('checks numbers, URLs and the cookie settings, naming the variable', () => {
    const expected: Array<[Record<string, string>, string, string]> = [
      [{ PORT: 'abc' }, 'PORT', 'PORT must be an integer from 0 to 65535, got "abc"'],
      [{ PORT: '8080.5' }, 'PORT', 'PORT must be an integer from 0 to 65535, got "8080.5"'],
      [{ PORT: '70000' }, 'PORT', 'PORT must be an integer from 0 to 65535, got "70000"'],
      [{ ARBOR_BODY_LIMIT: '1e6' }, 'ARBOR_BODY_LIMIT', 'ARBOR_BODY_LIMIT must be an integer from 1024 to 67108864, got "1e6"'],
      [{ ARBOR_DATABASE_URL: 'mysql://db/arbor' }, 'ARBOR_DATABASE_URL', 'ARBOR_DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite store)'],
      [{ ARBOR_DATABASE_URL: 'postgres://arbor:p@ss:word@db:notaport/arbor' }, 'ARBOR_DATABASE_URL', 'ARBOR_DATABASE_URL is not a valid URL (a password with @, :, / or # must be percent-encoded)'],
      [{ ARBOR_REDIS_URL: 'localhost:6379' }, 'ARBOR_REDIS_URL', 'ARBOR_REDIS_URL must be a redis://, redis+sentinel:// or redis+cluster:// URL (rediss://, rediss+sentinel://, rediss+cluster:// for TLS)'],
      [{ ARBOR_PUBLIC_URL: 'id.example.com' }, 'ARBOR_PUBLIC_URL', 'ARBOR_PUBLIC_URL is not a URL: "id.example.com"'],
      [{ ARBOR_PUBLIC_URL: 'ftp://id.example.com' }, 'ARBOR_PUBLIC_URL', 'ARBOR_PUBLIC_URL must be an http or https URL, got "ftp://id.example.com"'],
      [{ ARBOR_COOKIE_SAMESITE: 'sometimes' }, 'ARBOR_COOKIE_SAMESITE', 'ARBOR_COOKIE_SAMESITE must be lax, strict or none, got "sometimes"'],
      [{ ARBOR_COOKIE_SAMESITE: 'none' }, 'ARBOR_COOKIE_SAMESITE', 'ARBOR_COOKIE_SAMESITE=none needs a Secure cookie: an https ARBOR_PUBLIC_URL, or ARBOR_SECURE_COOKIE=true (browsers refuse it otherwise)'],
      [{ ARBOR_COOKIE_NAME: 'my cookie' }, 'ARBOR_COOKIE_NAME', 'ARBOR_COOKIE_NAME may hold letters, digits, - and _ only, got "my cookie"'],
    ];
    for (const [env, variable, message] of expected) {
      const error = refusal(env);
      assert.deepEqual([error.variable, error.message, error.code], [variable, message, 'INVALID_SETTING'], JSON.stringify(env));
    }
    const secret = refusal({ ARBOR_DATABASE_URL: 'mysql://arbor:S3cret@db/arbor' });
    assert.ok(!secret.message.includes('S3cret'), 'a URL with a password is never echoed');
  });

  it('accepts the documented forms', () => {
    const settings = loadServerSettings(
      {
        PORT: '0',
        ARBOR_DATABASE_URL: 'postgresql://arbor:s%40cret@db.example.com:5432/arbor?options=-c%20search_path%3Dmyschema',
        ARBOR_REDIS_URL: 'rediss://redis.example.com:6380',
        ARBOR_PUBLIC_URL: 'https://id.example.com/',
        ARBOR_SECURE_COOKIE: '1',
        ARBOR_COOKIE_SAMESITE: 'None',
        ARBOR_DATA_DIR: 'var/arbor',
      },
      CWD,
    );
    assert.deepEqual([settings.port, settings.publicUrl, settings.cookieSameSite, settings.dataDir], [0, 'https://id.example.com', 'none', '/srv/arbor/var/arbor']);
  });
});
