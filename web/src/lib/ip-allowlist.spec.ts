import { allowlistEntryProblem, isIPv4, isIPv6, parseAllowlist } from './ip-allowlist';

describe('allowlistEntryProblem', () => {
  it.each(['10.0.0.1', '0.0.0.0', '255.255.255.255', '10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', '1.2.3.4/32'])(
    'accepts the IPv4 entry %s',
    (entry) => expect(allowlistEntryProblem(entry)).toBeNull(),
  );

  it.each(['::1', '::', '2001:db8::', '2001:db8::/32', 'fe80::1:2:3:4', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:10.0.0.1', '::/0', '2001:db8::/128', 'ABCD::ef'])(
    'accepts the IPv6 entry %s',
    (entry) => expect(allowlistEntryProblem(entry)).toBeNull(),
  );

  it('rejects 10.0.0.0/33 as an allowlist entry', () => {
    expect(allowlistEntryProblem('10.0.0.0/33')).toMatch(/0 to 32/);
  });

  it('rejects an IPv6 prefix longer than 128', () => {
    expect(allowlistEntryProblem('2001:db8::/129')).toMatch(/0 to 128/);
  });

  it.each(['10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/a', '10.0.0.0/8/8'])('rejects the malformed prefix in %s', (entry) => {
    expect(allowlistEntryProblem(entry)).not.toBeNull();
  });

  it.each(['256.0.0.1', '10.0.0', '10.0.0.1.2', '010.0.0.1', '10.0.0.-1', ' 10.0.0.1', 'localhost', '', '1.2.3.4 '])(
    'rejects the IPv4-looking "%s"',
    (entry) => expect(allowlistEntryProblem(entry)).not.toBeNull(),
  );

  it.each(['1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7::8', 'fe80::1%eth0', '::ffff:256.0.0.1', ':1:2:3:4:5:6:7'])(
    'rejects the IPv6-looking "%s"',
    (entry) => expect(allowlistEntryProblem(entry)).not.toBeNull(),
  );
});

describe('isIPv4 / isIPv6', () => {
  it('does not take an IPv6 address for IPv4', () => {
    expect(isIPv4('::1')).toBe(false);
  });

  it('does not take an IPv4 address for IPv6', () => {
    expect(isIPv6('10.0.0.1')).toBe(false);
  });
});

describe('parseAllowlist', () => {
  it('returns trimmed entries and skips blank lines', () => {
    expect(parseAllowlist(' 10.0.0.1 \n\n2001:db8::/32\n')).toEqual({ entries: ['10.0.0.1', '2001:db8::/32'], problems: [] });
  });

  it('treats empty text as no allowlist', () => {
    expect(parseAllowlist('')).toEqual({ entries: [], problems: [] });
  });

  it('reports each bad line with its line number', () => {
    const { entries, problems } = parseAllowlist('10.0.0.1\nnope\n10.0.0.0/33');
    expect(entries).toEqual(['10.0.0.1']);
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[0].message).toContain('Line 2: "nope"');
  });

  it('flags an entry listed twice', () => {
    const { problems } = parseAllowlist('::1\n::1');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/twice/);
  });
});
