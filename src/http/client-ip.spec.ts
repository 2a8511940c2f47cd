import { clientIp, proxyTrust, UNKNOWN_CLIENT_IP } from './client-ip.js';

const none = proxyTrust(0);
const oneHop = proxyTrust(1);
const twoHops = proxyTrust(2);
const listed = proxyTrust(['127.0.0.1/8', '10.0.0.0/8']);

describe('clientIp', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(none).toBeNull();
    expect(clientIp('127.0.0.1', '203.0.113.7', none)).toBe('127.0.0.1');
  });

  it('with one trusted hop takes the rightmost entry, whatever the client wrote to its left', () => {
    expect(clientIp('127.0.0.1', '203.0.113.7', oneHop)).toBe('203.0.113.7');
    expect(clientIp('127.0.0.1', '198.51.100.1, 203.0.113.7', oneHop)).toBe('203.0.113.7');
  });

  it('with two trusted hops takes the second entry from the right', () => {
    expect(clientIp('127.0.0.1', '198.51.100.1, 203.0.113.7, 10.0.0.2', twoHops)).toBe('203.0.113.7');
  });

  it('with fewer entries than hops takes the leftmost', () => {
    expect(clientIp('127.0.0.1', '203.0.113.7', twoHops)).toBe('203.0.113.7');
    expect(clientIp('127.0.0.1', undefined, twoHops)).toBe('127.0.0.1');
  });

  it('with a list of trusted proxies takes the first untrusted address from the right', () => {
    expect(clientIp('127.0.0.1', '198.51.100.1, 203.0.113.7, 10.1.2.3', listed)).toBe('203.0.113.7');
    expect(clientIp('127.0.0.1', '10.9.9.9', listed)).toBe('10.9.9.9');
  });

  it('never reads X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientIp('198.51.100.9', '203.0.113.7', listed)).toBe('198.51.100.9');
  });

  it.each(['=1+2', 'not-an-ip', '1.2.3.4:8080', '[2001:db8::1]', '01.2.3.4', `1.2.3.4${'0'.repeat(5000)}`, 'unknown'])(
    'never takes %s for the client IP: the hop that handed it over is the client',
    (garbage) => {
      expect(clientIp('127.0.0.1', garbage, oneHop)).toBe('127.0.0.1');
      expect(clientIp('127.0.0.1', `${garbage}, 10.1.2.3`, listed)).toBe('10.1.2.3');
      expect(clientIp('127.0.0.1', `203.0.113.7, ${garbage}`, twoHops)).toBe('127.0.0.1');
    },
  );

  it('reads X-Forwarded-For sent as several headers', () => {
    expect(clientIp('127.0.0.1', ['198.51.100.1', '203.0.113.7'], oneHop)).toBe('203.0.113.7');
  });

  it('normalises the address: IPv4-mapped IPv6 becomes IPv4, IPv6 is lower-case and compressed', () => {
    expect(clientIp('::ffff:127.0.0.1', undefined, none)).toBe('127.0.0.1');
    expect(clientIp('::ffff:127.0.0.1', '2001:DB8:0:0:0:0:0:1', oneHop)).toBe('2001:db8::1');
    expect(clientIp('::1', '::FFFF:203.0.113.7', oneHop)).toBe('203.0.113.7');
  });

  it('stands an unknown socket address for one known placeholder rather than nothing', () => {
    expect(clientIp(undefined, undefined, none)).toBe(UNKNOWN_CLIENT_IP);
  });
});
