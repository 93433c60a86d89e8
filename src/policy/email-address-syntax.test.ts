import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailAddressProblem, isEmailAddress } from './email-address-syntax.ts';

describe('one email address, strictly', () => {
  it('takes the mailboxes people have', () => {
    for (const address of ['bjensen@example.com', 'Babs.Jensen+news@Example.COM', "o'hara@example.ie", 'a_b-c@sub.example.co.uk', 'josé@exemple.fr', 'user@bücher.example', '1@example.museum', 'x@xn--bcher-kva.example']) {
      assert.equal(emailAddressProblem(address), undefined, address);
    }
  });

  it('refuses lists, display names, headers, controls, quoting, literals, bare hosts and over-long addresses', () => {
    for (const value of [
      'a@x.com, attacker@evil.example',
      'a@x.com,attacker@evil.example',
      'a@x.com;attacker@evil.example',
      'a@x.com attacker@evil.example',
      'Bob <bob@example.com>',
      '<bob@example.com>',
      'bob@example.com (Bob)',
      'bob@example.com\r\nBcc: attacker@evil.example',
      'bob@example.com\n',
      'bob\u0000@example.com',
      '"bob smith"@example.com',
      'bob@[127.0.0.1]',
      'bob@localhost',
      'bob@example',
      'bob@example.123',
      'bob@-example.com',
      'bob@example..com',
      '.bob@example.com',
      'bob.@example.com',
      'bo..b@example.com',
      'bob@@example.com',
      'bob@exa@mple.com',
      '@example.com',
      'bob@',
      'bob',
      '',
      ' bob@example.com',
      'bob@example.com ',
      'b\u202eob@example.com',
      `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(64)}.com`,
      `a@${`${'b'.repeat(60)}.`.repeat(5)}com`,
    ]) {
      assert.equal(isEmailAddress(value), false, JSON.stringify(value));
    }
  });
});
