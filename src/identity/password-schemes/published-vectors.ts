/**
 * Published password hash test vectors, one or more per supported encoding, with where each comes
 * from. Shared by the scheme tests and the hasher tests.
 */

/** A stored hash and the password it was made from. */
export interface PublishedVector {
  source: string;
  password: string;
  encoded: string;
}

/** Every vector below verifies with its password and with nothing else. */
export const PUBLISHED_VECTORS: readonly PublishedVector[] = [
  { source: 'argon2 reference implementation (phc-winner-argon2 test.c), argon2i v=19', password: 'password', encoded: '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA' },
  { source: 'argon2 reference implementation (phc-winner-argon2 test.c), argon2id v=19', password: 'password', encoded: '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc' },
  { source: "Django's auth_tests/test_hashers.py, argon2i with version", password: 'secret', encoded: 'argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q' },
  {
    source: "Django's auth_tests/test_hashers.py, argon2i without version (0x10)",
    password: 'secret',
    encoded: 'argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg',
  },
  { source: "Openwall crypt_blowfish's own tests, $2a$", password: 'U*U', encoded: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
  { source: "Openwall crypt_blowfish's own tests, $2a$", password: 'U*U*U', encoded: '$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a' },
  { source: "OpenDJ's BcryptPasswordStorageSchemeTestCase, {BCRYPT}", password: 'password', encoded: '{BCRYPT}$2a$05$bvIG6Nmid91Mu9RcmmWZfO5HJIMCT8riNW0hEp8f6/FuA2/mHZFpe' },
  { source: "OpenDJ's BcryptPasswordStorageSchemeTestCase, {BCRYPT}", password: 'secret', encoded: '{BCRYPT}$2a$08$sxnezK9Dp9cQvU56LHRwIeI0RvfNn//fFzGnOgQ2l7TOZcZ1wbOVO' },
  { source: "passlib's test_handlers_pbkdf2.py, pbkdf2_sha1", password: 'password', encoded: '$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI' },
  { source: "passlib's test_handlers_pbkdf2.py, pbkdf2_sha256", password: 'password', encoded: '$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ' },
  {
    source: "passlib's test_handlers_pbkdf2.py, pbkdf2_sha512",
    password: 'password',
    encoded: '$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww',
  },
  { source: "passlib's test_handlers_pbkdf2.py, ldap_pbkdf2_sha256", password: 'password', encoded: '{PBKDF2-SHA256}1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ' },
  { source: "Django's auth_tests/test_hashers.py, pbkdf2_sha256", password: 'lètmein', encoded: 'pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=' },
  { source: "Django's auth_tests/test_hashers.py, pbkdf2_sha1", password: 'lètmein', encoded: 'pbkdf2_sha1$390000$seasalt2$aDapRanzW8aHTz97v2TcfHzWD+I=' },
  { source: 'RFC 6070 test vector 3 (P="password", S="salt", c=4096) in Django form', password: 'password', encoded: 'pbkdf2_sha1$4096$salt$SwB5AbdlSJq+rUnZJvch0GWkKcE=' },
  {
    source: "ForgeRock DS sample make-users.sh ('password' encoded with PBKDF2-HMAC-SHA256)",
    password: 'password',
    encoded: '{PBKDF2-HMAC-SHA256}10000:xKsMmlzVLRYdYzcgBuD3ZIAeSj8tNhjDHGFDqhth8Kcbw5qjL5UZxaiS2awL1HjO',
  },
  { source: "passlib's test_handlers_pbkdf2.py, atlassian_pbkdf2_sha1 (generated with Jira)", password: 'admin', encoded: '{PKCS5S2}c4xaeTQM0lUieMS3V5voiexyX9XhqC2dBd5ecVy60IPksHChwoTAVYFrhsgoq8/p' },
];
