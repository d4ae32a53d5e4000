import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyAddress, createAllowList, isPublicAddress } from './ip-policy.js';

const REFUSED: [string, string][] = [
  // IPv4 special-purpose ranges
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.19.255.255', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.99', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.88.99.1', 'reserved'],
  // IPv6
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456:789a::1', 'uniqueLocal'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'zoned'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['3fff::1', 'reserved'],
  ['100::1', 'discard'],
  ['2001:2::1', 'benchmarking'],
  ['5f00::1', 'segmentRouting'],
  ['4000::1', 'notGlobalUnicast'],
  ['::8.8.8.8', 'ipv4Compatible'],
  ['::7f00:1', 'ipv4Compatible'],
  ['::127.0.0.1', 'ipv4Compatible'],
  // IPv6 forms that embed a refused IPv4 address
  ['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
  ['::ffff:7f00:1', 'ipv4Mapped:loopback'],
  ['::ffff:10.0.0.1', 'ipv4Mapped:private'],
  ['::ffff:169.254.169.254', 'ipv4Mapped:linkLocal'],
  ['::ffff:0:127.0.0.1', 'ipv4Translated:loopback'],
  ['64:ff9b::127.0.0.1', 'nat64:loopback'],
  ['64:ff9b::a00:1', 'nat64:private'],
  ['64:ff9b:1::8.8.8.8', 'nat64LocalUse'],
  ['2002:7f00:1::', '6to4:loopback'],
  ['2002:c0a8:101::1', '6to4:private'],
  ['2002:a9fe:a9fe::', '6to4:linkLocal'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['2001::1', 'teredo'],
  // Not addresses at all (the URL parser, not this module, reads numeric host forms)
  ['localhost', 'invalid'],
  ['127.1', 'invalid'],
  ['0x7f.0.0.1', 'invalid'],
  ['2130706433', 'invalid'],
  ['', 'invalid'],
];

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '14.225.0.1', // Viettel IDC
  '113.160.0.1',
  '172.15.255.255',
  '172.32.0.0',
  '100.63.255.255',
  '100.128.0.0',
  '192.0.3.1',
  '198.20.0.1',
  '223.255.255.255',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '2402:800::1',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '2002:808:808::1',
];

describe('classifyAddress', () => {
  for (const [address, range] of REFUSED) {
    test(`refuses ${address || '(empty)'} as ${range}`, () => {
      assert.deepEqual(classifyAddress(address), { public: false, address, range });
      assert.equal(isPublicAddress(address), false);
    });
  }
  for (const address of PUBLIC) {
    test(`allows ${address}`, () => {
      assert.deepEqual(classifyAddress(address), { public: true, address });
      assert.equal(isPublicAddress(address), true);
    });
  }
});

describe('createAllowList', () => {
  test('is empty (off) by default', () => {
    const list = createAllowList([]);
    assert.equal(list.empty, true);
    assert.equal(list.allowsHost('localhost'), false);
    assert.equal(list.allowsAddress('127.0.0.1'), false);
  });

  test('host names match the name only, never the addresses behind it', () => {
    const list = createAllowList(['LocalHost', 'feeds.test.', ' ']);
    assert.equal(list.empty, false);
    assert.equal(list.allowsHost('localhost'), true);
    assert.equal(list.allowsHost('feeds.test'), true);
    assert.equal(list.allowsHost('feeds.test.'), true);
    assert.equal(list.allowsHost('sub.feeds.test'), false);
    assert.equal(list.allowsAddress('127.0.0.1'), false);
  });

  test('addresses and CIDR ranges match addresses, including the IPv4-mapped form', () => {
    const list = createAllowList(['127.0.0.1', '10.1.0.0/16', '[::1]', 'fd00::/8', '0x7f.0.0.2']);
    assert.equal(list.allowsAddress('127.0.0.1'), true);
    assert.equal(list.allowsAddress('::ffff:127.0.0.1'), true);
    assert.equal(list.allowsAddress('127.0.0.2'), true, 'numeric forms are normalised');
    assert.equal(list.allowsAddress('127.0.0.3'), false);
    assert.equal(list.allowsAddress('10.1.200.3'), true);
    assert.equal(list.allowsAddress('10.2.0.1'), false);
    assert.equal(list.allowsAddress('::1'), true);
    assert.equal(list.allowsAddress('fd12::1'), true);
    assert.equal(list.allowsAddress('fe80::1'), false);
    assert.equal(list.allowsHost('127.0.0.1'), false, 'an address entry is not a host name');
  });

  test('malformed entries are rejected', () => {
    for (const entry of ['10.0.0.0/33', '10.0.0.0/x', 'not a host/8', '::1/129', 'a b']) {
      assert.throws(() => createAllowList([entry]), /Invalid allow-list entry/, entry);
    }
  });
});
