import { accountNetworkOf, ipSourceOf, networkOf } from './ip-prefix.js';

describe('ipSourceOf', () => {
  it('keeps an IPv4 client to its own address', () => {
    expect(ipSourceOf('203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys an IPv6 client by its /64, so addresses within it share one budget', () => {
    expect(ipSourceOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipSourceOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(ipSourceOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(ipSourceOf('::1')).toBe('::/64');
  });
});

describe('accountNetworkOf', () => {
  it('takes the /24 of an IPv4 client', () => {
    expect(accountNetworkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(accountNetworkOf('203.0.113.250')).toBe('203.0.113.0/24');
    expect(accountNetworkOf('203.0.114.7')).toBe('203.0.114.0/24');
  });

  it('takes the /64 of an IPv6 client', () => {
    expect(accountNetworkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
  });
});

describe('networkOf', () => {
  it('masks in the address family of the address', () => {
    expect(networkOf('10.1.2.3', { v4: 8, v6: 48 })).toBe('10.0.0.0/8');
    expect(networkOf('2001:db8:abcd:1234::1', { v4: 8, v6: 48 })).toBe('2001:db8:abcd::/48');
    expect(networkOf('::ffff:10.1.2.3', { v4: 16, v6: 64 })).toBe('10.1.0.0/16');
  });

  it('leaves something that is not an address as it is', () => {
    expect(networkOf('not-an-ip', { v4: 24, v6: 64 })).toBe('not-an-ip');
  });
});
