import { ipAllowed, isIpRange, normalizeIp, parseIp, parseIpRange, rangeWithin } from './ip-ranges.js';

const ranges = (...texts: string[]) => texts.map((text) => parseIpRange(text)!);

describe('parseIpRange', () => {
  it.each(['10.0.0.0/8', '192.168.1.7', '0.0.0.0/0', '2001:db8::/32', '::1', '::/0', 'fe80::1/64', '::ffff:10.0.0.0/104'])('accepts %s', (text) => {
    expect(isIpRange(text)).toBe(true);
  });

  it.each(['10.0.0.0/33', '10.0.0/8', '256.1.1.1', '2001:db8::/129', 'localhost', '', '10.0.0.0/8/1', '10.0.0.0/-1', '10.0.0.0/ 8', '1.2.3.4/x'])(
    'rejects %s',
    (text) => {
      expect(isIpRange(text)).toBe(false);
    },
  );
});

describe('ipAllowed', () => {
  it('allows everyone when the list is empty', () => {
    expect(ipAllowed([], '203.0.113.9')).toBe(true);
  });

  it('matches IPv4 CIDRs by prefix', () => {
    const list = ranges('10.0.0.0/8', '192.168.1.0/24');
    expect(ipAllowed(list, '10.255.0.1')).toBe(true);
    expect(ipAllowed(list, '192.168.1.200')).toBe(true);
    expect(ipAllowed(list, '192.168.2.1')).toBe(false);
    expect(ipAllowed(list, '11.0.0.1')).toBe(false);
  });

  it('matches a single address exactly', () => {
    expect(ipAllowed(ranges('127.0.0.1'), '127.0.0.1')).toBe(true);
    expect(ipAllowed(ranges('127.0.0.1'), '127.0.0.2')).toBe(false);
  });

  it('matches IPv6 CIDRs, including compressed forms', () => {
    const list = ranges('2001:db8::/32');
    expect(ipAllowed(list, '2001:db8:0:0:1::5')).toBe(true);
    expect(ipAllowed(list, '2001:0db8:ffff::1')).toBe(true);
    expect(ipAllowed(list, '2001:db9::1')).toBe(false);
    expect(ipAllowed(ranges('::1'), '0:0:0:0:0:0:0:1')).toBe(true);
  });

  it('treats IPv4-mapped IPv6 client addresses as IPv4', () => {
    expect(ipAllowed(ranges('127.0.0.0/8'), '::ffff:127.0.0.1')).toBe(true);
    expect(ipAllowed(ranges('::ffff:10.0.0.0/104'), '10.1.2.3')).toBe(true);
  });

  it('never matches across families or on garbage', () => {
    expect(ipAllowed(ranges('0.0.0.0/0'), '::1')).toBe(false);
    expect(ipAllowed(ranges('::/0'), '1.2.3.4')).toBe(false);
    expect(ipAllowed(ranges('0.0.0.0/0'), 'not an ip')).toBe(false);
  });

  it('treats /0 as everything in its family', () => {
    expect(ipAllowed(ranges('0.0.0.0/0'), '8.8.8.8')).toBe(true);
    expect(ipAllowed(ranges('::/0'), '2606:4700::1111')).toBe(true);
  });
});

describe('parseIp', () => {
  it('reads a zone id away and keeps the address', () => {
    expect(parseIp('fe80::1%eth0')).toEqual({ family: 6, value: parseIp('fe80::1')!.value });
  });
});

describe('rangeWithin', () => {
  const range = (text: string) => parseIpRange(text)!;

  it('holds for a range inside another of the same family, and for the range itself', () => {
    expect(rangeWithin(range('10.1.0.0/16'), range('10.0.0.0/8'))).toBe(true);
    expect(rangeWithin(range('10.1.2.3'), range('10.0.0.0/8'))).toBe(true);
    expect(rangeWithin(range('10.0.0.0/8'), range('10.0.0.0/8'))).toBe(true);
  });

  it('fails for a wider range, a disjoint one, or another family', () => {
    expect(rangeWithin(range('10.0.0.0/7'), range('10.0.0.0/8'))).toBe(false);
    expect(rangeWithin(range('11.0.0.1'), range('10.0.0.0/8'))).toBe(false);
    expect(rangeWithin(range('2001:db8::1'), range('10.0.0.0/8'))).toBe(false);
  });
});

describe('normalizeIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:CB00:7107', '203.0.113.7'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['1::', '1::'],
  ])('spells %s as %s', (text, canonical) => {
    expect(normalizeIp(text)).toBe(canonical);
  });

  it.each(['=1+2', 'not-an-ip', '', ' 1.2.3.4', '1.2.3.4:80', '[::1]', '01.2.3.4', '256.0.0.1', '1.2.3.4.5'])('refuses %s', (text) => {
    expect(normalizeIp(text)).toBeNull();
  });
});
