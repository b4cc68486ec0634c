import { describe, expect, it } from 'vitest';
import { createAddressPolicy, isPublicAddress } from './address-policy.ts';

describe('isPublicAddress', () => {
  it('accepts ordinary public IPv4 and IPv6 addresses', () => {
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '2001:4860:4860::8888']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it('refuses every special-purpose range, IPv4-mapped forms included', () => {
    const special = [
      '0.0.0.0', '0.1.2.3', '10.1.2.3', '100.64.0.1', '100.127.255.254', '127.0.0.1', '127.255.0.1', '169.254.169.254',
      '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.0.2.1', '198.18.0.1', '224.0.0.1', '240.0.0.1', '255.255.255.255',
      '::', '::1', '::7f00:1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.5', '::ffff:a9fe:a9fe',
      'fc00::1', 'fd7a:115c:a1e0::1', 'fe80::1', 'ff02::1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::1', '2002:7f00:1::', '2001::1', '2001:db8::1',
    ];
    for (const address of special) expect(isPublicAddress(address), address).toBe(false);
  });

  it('refuses text that is not a canonical IP address', () => {
    for (const text of ['', 'example.com', '0x7f000001', '2130706433', '127.1', '1.2.3.4.5']) expect(isPublicAddress(text), text).toBe(false);
  });
});

describe('createAddressPolicy', () => {
  it('allows nothing private by default', () => {
    const policy = createAddressPolicy();
    expect(policy.isAllowedAddress('192.168.1.20')).toBe(false);
    expect(policy.isAllowlistedHost('192.168.1.20')).toBe(false);
    expect(policy.isAllowedAddress('93.184.216.34')).toBe(true);
  });

  it('opens exact addresses, CIDR ranges and host names from the allowlist', () => {
    const policy = createAddressPolicy(['192.168.1.20', '10.1.0.0/16', 'fd00::/8', 'NAS.example.org']);
    expect(policy.isAllowedAddress('192.168.1.20')).toBe(true);
    expect(policy.isAllowedAddress('192.168.1.21')).toBe(false);
    expect(policy.isAllowedAddress('10.1.200.3')).toBe(true);
    expect(policy.isAllowedAddress('::ffff:10.1.200.3')).toBe(true);
    expect(policy.isAllowedAddress('10.2.0.1')).toBe(false);
    expect(policy.isAllowedAddress('fd12::1')).toBe(true);
    expect(policy.isAllowlistedHost('nas.example.org')).toBe(true);
    expect(policy.isAllowlistedHost('nas.example.org.')).toBe(true);
    expect(policy.isAllowlistedHost('other.example.org')).toBe(false);
    expect(policy.isAllowlistedHost('[fd12::1]')).toBe(true);
  });
});
