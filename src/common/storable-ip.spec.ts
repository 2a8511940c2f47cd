import { storableIp } from './storable-ip.js';

describe('storableIp', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(storableIp('203.0.113.7')).toBe('203.0.113.7');
  });

  it('writes an IPv6 address in its canonical form: lower-case, compressed, without a zone', () => {
    expect(storableIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(storableIp('fe80::1%eth0')).toBe('fe80::1');
    expect(storableIp('0000:0000:0000:0000:0000:ffff:255.255.255.255')).toBe('::ffff:255.255.255.255');
    expect(storableIp('::1')).toBe('::1');
  });

  it('answers null for anything that is not an IP address', () => {
    for (const junk of ['', 'unknown', '1.2.3.4, 5.6.7.8', '001.2.3.4', '1.2.3.4:80', '[::1]', 'x'.repeat(10_000), '\ud800', null, undefined, 42]) {
      expect(storableIp(junk)).toBeNull();
    }
  });

  it('never answers more than the 64 characters of its columns', () => {
    expect(storableIp(`fe80::1%${'z'.repeat(80)}`)).toBeNull();
    expect(storableIp('1:2:3:4:5:6:7:8')!.length).toBeLessThanOrEqual(64);
  });

  it('answers each address for itself when the same IPv6 address comes twice in a row, then another', () => {
    expect([storableIp('2001:DB8::7'), storableIp('2001:DB8::7'), storableIp('2001:db8::8'), storableIp('not::an::ip')]).toEqual(['2001:db8::7', '2001:db8::7', '2001:db8::8', null]);
  });
});
