/**
 * ARBOR_REDIS_URL's three forms, plain and TLS, read into their targets, and bad URLs refused
 * with a message that names ARBOR_REDIS_URL and never repeats the password; the server settings
 * use the same check.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadServerSettings } from '../../config/server-settings.ts';
import { isRedisUrlError, parseRedisUrl, redisUrlProblem } from './parse-redis-url.ts';

/** The error `url` is refused with. */
function refusal(url: string): Error {
  try {
    parseRedisUrl(url);
  } catch (error) {
    assert.ok(isRedisUrlError(error), String(error));
    return error;
  }
  assert.fail(`${url} was accepted`);
}

describe('parseRedisUrl', () => {
  it('keeps a single-server URL as given, naming host:port; rediss:// is TLS with the host name sent and checked', () => {
    assert.deepEqual(parseRedisUrl('redis://:pw@cache.internal:6380/2'), { kind: 'single', url: 'redis://:pw@cache.internal:6380/2', tls: false, servername: undefined, address: 'cache.internal:6380' });
    assert.deepEqual(parseRedisUrl('rediss://cache.internal'), { kind: 'single', url: 'rediss://cache.internal', tls: true, servername: 'cache.internal', address: 'cache.internal:6379' });
  });

  it('reads the TLS scheme whatever its case, and sends no server name for an address', () => {
    assert.deepEqual(parseRedisUrl('REDISS://Cache.Internal:6380'), { kind: 'single', url: 'REDISS://Cache.Internal:6380', tls: true, servername: 'cache.internal', address: 'Cache.Internal:6380' });
    assert.equal(parseRedisUrl('rediss://10.0.0.5:6380').servername, undefined);
    assert.equal(parseRedisUrl('rediss://[::1]:6380').servername, undefined);
    assert.equal(parseRedisUrl('Rediss+Cluster://n1:7000').tls, true);
  });

  it('reads a Sentinel URL: sentinels with default port 26379, master name, db, both passwords decoded', () => {
    const target = parseRedisUrl('redis+sentinel://app:data%40pw@s1.internal:26380,s2.internal,[::1]:26381/mymaster?db=3&sentinelPassword=sent%2Fpw&sentinelUsername=watch');
    assert.deepEqual(target, {
      kind: 'sentinel',
      sentinels: [
        { host: 's1.internal', port: 26380 },
        { host: 's2.internal', port: 26379 },
        { host: '::1', port: 26381 },
      ],
      name: 'mymaster',
      db: 3,
      username: 'app',
      password: 'data@pw',
      sentinelUsername: 'watch',
      sentinelPassword: 'sent/pw',
      tls: false,
      servername: undefined,
      address: 'master mymaster via sentinels s1.internal:26380,s2.internal:26379,[::1]:26381',
    });
  });

  it('reads rediss+sentinel:// as TLS to the sentinels and the master, with an optional servername', () => {
    const target = parseRedisUrl('rediss+sentinel://:data%40pw@s1.internal:26380,s2.internal/mymaster?sentinelPassword=s&servername=redis.example.com');
    assert.equal(target.kind, 'sentinel');
    assert.equal(target.tls, true);
    assert.equal(target.servername, 'redis.example.com');
    assert.equal(target.kind === 'sentinel' && target.password, 'data@pw');
    assert.equal(target.address, 'master mymaster via sentinels s1.internal:26380,s2.internal:26379');
    assert.equal(parseRedisUrl('rediss+sentinel://s1/mymaster').servername, undefined, 'without servername each certificate is checked against the host connected to');
  });

  it('reads a Cluster URL: nodes with default port 6379, optional password, database 0 only', () => {
    assert.deepEqual(parseRedisUrl('REDIS+CLUSTER://:pw@10.0.0.1:7000,10.0.0.2'), {
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 6379 },
      ],
      username: undefined,
      password: 'pw',
      tls: false,
      servername: undefined,
      address: 'cluster 10.0.0.1:7000,10.0.0.2:6379',
    });
    assert.equal(parseRedisUrl('redis+cluster://n1:7000/0').kind, 'cluster');
  });

  it('reads rediss+cluster:// as TLS to every node, with an optional servername', () => {
    assert.deepEqual(parseRedisUrl('rediss+cluster://app:pw@clustercfg.example.cache.amazonaws.com:6379'), {
      kind: 'cluster',
      nodes: [{ host: 'clustercfg.example.cache.amazonaws.com', port: 6379 }],
      username: 'app',
      password: 'pw',
      tls: true,
      servername: undefined,
      address: 'cluster clustercfg.example.cache.amazonaws.com:6379',
    });
    assert.equal(parseRedisUrl('rediss+cluster://10.0.0.1:6380,10.0.0.2:6380?servername=arbor.redis.cache.windows.net').servername, 'arbor.redis.cache.windows.net');
  });

  for (const [url, message] of [
    ['localhost:6379', 'ARBOR_REDIS_URL must be a redis://, redis+sentinel:// or redis+cluster:// URL (rediss://, rediss+sentinel://, rediss+cluster:// for TLS)'],
    ['memcached://cache:11211', 'ARBOR_REDIS_URL must be a redis://, redis+sentinel:// or redis+cluster:// URL (rediss://, rediss+sentinel://, rediss+cluster:// for TLS)'],
    ['redis+tls://cache:6380', 'ARBOR_REDIS_URL must be a redis://, redis+sentinel:// or redis+cluster:// URL (rediss://, rediss+sentinel://, rediss+cluster:// for TLS)'],
    ['rediss+sentinel://s1:26379', 'ARBOR_REDIS_URL needs the master name as its path: rediss+sentinel://host1:26379,host2:26379/mymaster'],
    ['rediss+cluster://n1:7000/1', 'ARBOR_REDIS_URL cannot select a database with rediss+cluster:// (Redis Cluster has database 0 only)'],
    ['rediss+cluster://n1:7000?db=1', 'ARBOR_REDIS_URL has an unknown query parameter (allowed: servername)'],
    ['redis+cluster://n1:7000?servername=n1.example.com', 'ARBOR_REDIS_URL has servername, which is for TLS only (rediss+sentinel://, rediss+cluster://)'],
    ['redis+sentinel://s1/mymaster?servername', 'ARBOR_REDIS_URL has servername, which is for TLS only (rediss+sentinel://, rediss+cluster://)'],
    ['rediss+cluster://n1:7000?servername=10.0.0.1', 'ARBOR_REDIS_URL has a servername that is not a host name (letters, digits, - and dots; not an IP address)'],
    ['rediss+cluster://n1:7000?servername=', 'ARBOR_REDIS_URL has a servername that is not a host name (letters, digits, - and dots; not an IP address)'],
    ['rediss+cluster://n1:7000?servername=*.example.com', 'ARBOR_REDIS_URL has a servername that is not a host name (letters, digits, - and dots; not an IP address)'],
    ['rediss+sentinel://s1/mymaster?servername=a.example&servername=b.example', 'ARBOR_REDIS_URL gives the query parameter servername twice'],
    ['redis+sentinel://s1:26379,s2:26379', 'ARBOR_REDIS_URL needs the master name as its path: redis+sentinel://host1:26379,host2:26379/mymaster'],
    ['redis+sentinel://s1:26379/my master', 'ARBOR_REDIS_URL has a master name that is not letters, digits, ., _ or - (at most 128)'],
    ['redis+sentinel:///mymaster', 'ARBOR_REDIS_URL lists no host: write at least one host[:port] after //'],
    ['redis+sentinel://s1:26379,,s2/mymaster', 'ARBOR_REDIS_URL host 2 of the list is not host[:port] (a user name or password with @, :, /, ?, # or , must be percent-encoded)'],
    ['redis+sentinel://s1:99999/mymaster', 'ARBOR_REDIS_URL host 1 of the list is not host[:port] (a user name or password with @, :, /, ?, # or , must be percent-encoded)'],
    ['redis+sentinel://s1/mymaster?db=x', 'ARBOR_REDIS_URL has a db that is not a number from 0 to 9999'],
    ['redis+sentinel://s1/mymaster?password=x', 'ARBOR_REDIS_URL has an unknown query parameter (allowed: db, sentinelUsername, sentinelPassword)'],
    ['redis+sentinel://s1/mymaster?db=1&db=2', 'ARBOR_REDIS_URL gives the query parameter db twice'],
    ['redis+cluster://n1:7000/3', 'ARBOR_REDIS_URL cannot select a database with redis+cluster:// (Redis Cluster has database 0 only)'],
    ['redis+cluster://n1:7000?db=1', 'ARBOR_REDIS_URL takes no query parameters here'],
    ['redis+cluster://', 'ARBOR_REDIS_URL lists no host: write at least one host[:port] after //'],
  ] as const) {
    it(`refuses ${url}`, () => {
      const error = refusal(url);
      assert.equal(error.message, message);
      assert.equal(isRedisUrlError(error) && error.code, 'INVALID_REDIS_URL');
    });
  }

  it('never repeats a password, even a mistyped one that breaks the URL apart', () => {
    const cases = [
      'redis+sentinel://:Hunter2/Secret@s1:26379/mymaster', // an unencoded / cuts the password into the host list
      'redis+cluster://:Hunter2#Secret@n1:7000', // an unencoded # starts a fragment
      'redis+sentinel://:Hunter2Secret@s1/mymaster?sentinelPassword=%zz', // malformed escape next to it
      'redis+cluster://:Hunter2%zzSecret@n1:7000',
      'redis://:Hunter2:Secret@cache:notaport',
      'rediss+sentinel://:Hunter2/Secret@s1:26379/mymaster',
      'rediss+cluster://:Hunter2#Secret@n1:7000',
      'rediss+cluster://:Hunter2%zzSecret@n1:7000?servername=n1.example.com',
      'rediss+sentinel://:Hunter2Secret@s1/mymaster?servername=Hunter2_Secret',
      'rediss+sentinel://s1/mymaster?sentinelPassword=Hunter2Secret&servername=%zz',
      'rediss://:Hunter2:Secret@cache:notaport',
      'redis+tls://:Hunter2Secret@cache:6380',
    ];
    for (const url of cases) {
      const error = refusal(url);
      assert.match(error.message, /^ARBOR_REDIS_URL /);
      assert.doesNotMatch(error.message, /Hunter2|Secret/, url);
    }
  });

  it('refuses oversized URLs and host lists', () => {
    assert.match(refusal(`redis+cluster://${'n'.repeat(5000)}:7000`).message, /longer than 4096 characters/);
    assert.match(refusal(`redis+cluster://${Array.from({ length: 65 }, (_, i) => `n${i}:7000`).join(',')}`).message, /more than 64 hosts/);
  });

  it('is what the server settings check ARBOR_REDIS_URL with', () => {
    assert.equal(redisUrlProblem('redis+sentinel://s1/mymaster'), undefined);
    const settings = loadServerSettings({ ARBOR_REDIS_URL: 'redis+sentinel://s1:26379,s2:26379/mymaster?db=1' }, '/');
    assert.equal(settings.redisUrl, 'redis+sentinel://s1:26379,s2:26379/mymaster?db=1');
    assert.equal(loadServerSettings({ ARBOR_REDIS_URL: 'rediss+cluster://n1:7000,n2:7000' }, '/').redisUrl, 'rediss+cluster://n1:7000,n2:7000');
    assert.throws(() => loadServerSettings({ ARBOR_REDIS_URL: 'redis+cluster://n1:7000/5' }, '/'), { name: 'SettingsError', message: /^ARBOR_REDIS_URL cannot select a database/ });
  });
});
