/** `ARBOR_OUTBOUND_NETWORKS`: the three policies, what each allows, and refusals that name the host, the address and why. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOutboundAddressError, literalHostRefusal, type OutboundNetworks, outboundRefusal, parseOutboundNetworks } from './outbound-networks.ts';

/** One address of each class. */
const SAMPLES = {
  public: '93.184.216.34',
  private: '10.0.0.5',
  loopback: '127.0.0.1',
  'link-local': '169.254.169.254',
  metadata: 'fd00:ec2::254',
  'never-valid': '0.0.0.0',
} as const;

function allowed(networks: OutboundNetworks): string[] {
  return Object.entries(SAMPLES)
    .filter(([, address]) => outboundRefusal(networks, 'provider.example', address) === undefined)
    .map(([kind]) => kind);
}

describe('outbound networks', () => {
  it('parses the three policies (case and spaces aside), the default when unset, and names the variable otherwise', () => {
    assert.deepEqual(parseOutboundNetworks(undefined), { networks: 'all-but-link-local' });
    assert.deepEqual(parseOutboundNetworks('  '), { networks: 'all-but-link-local' });
    assert.deepEqual(parseOutboundNetworks('PUBLIC'), { networks: 'public' });
    assert.deepEqual(parseOutboundNetworks('all'), { networks: 'all' });
    assert.deepEqual(parseOutboundNetworks('all-but-link-local'), { networks: 'all-but-link-local' });
    assert.deepEqual(parseOutboundNetworks('private'), { problem: 'ARBOR_OUTBOUND_NETWORKS must be all-but-link-local, public or all, got "private"' });
  });

  it('the default allows public, private and loopback addresses, not link-local, metadata or never-valid ones', () => {
    assert.deepEqual(allowed('all-but-link-local'), ['public', 'private', 'loopback']);
  });

  it('public allows public addresses only; all allows everything', () => {
    assert.deepEqual(allowed('public'), ['public']);
    assert.deepEqual(allowed('all'), Object.keys(SAMPLES));
  });

  it('a refusal names the host, the kind of address it resolved to (never the address) and the setting that refuses it', () => {
    const refusal = outboundRefusal('all-but-link-local', 'metadata.internal', '169.254.169.254');
    assert.ok(isOutboundAddressError(refusal));
    assert.equal(refusal.code, 'OUTBOUND_ADDRESS_REFUSED');
    assert.equal(refusal.address, '169.254.169.254', 'the code still knows the address');
    assert.equal(refusal.message, 'metadata.internal resolves to a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow');
    assert.equal(outboundRefusal('public', 'localhost', '::1')?.message, 'localhost resolves to a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow');
  });

  it('judges an IP literal in a URL host directly (brackets and IPv4-mapped forms included), and leaves host names to the lookup', () => {
    assert.equal(literalHostRefusal('all-but-link-local', '169.254.169.254')?.message, '169.254.169.254 is a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow');
    assert.equal(literalHostRefusal('all-but-link-local', new URL('http://[::ffff:169.254.169.254]/').hostname)?.addressClass, 'link-local');
    assert.equal(literalHostRefusal('all-but-link-local', new URL('http://[fd00:ec2::254]/').hostname)?.addressClass, 'metadata');
    assert.equal(literalHostRefusal('public', new URL('http://0x7f.1/').hostname)?.address, '127.0.0.1');
    assert.equal(literalHostRefusal('all-but-link-local', '127.0.0.1'), undefined);
    assert.equal(literalHostRefusal('public', 'localhost'), undefined, 'a name is judged when it is looked up');
    assert.equal(literalHostRefusal('all', '169.254.169.254'), undefined);
  });
});
