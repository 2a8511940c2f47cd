import { prepareEvent, toChainedEvent } from './audit-chain.js';

describe('toChainedEvent', () => {
  it('makes every string of an event storable before it is hashed: lone surrogates and NUL become U+FFFD', () => {
    const event = toChainedEvent({
      type: 'auth.login_failed',
      keyPrefix: 'kw_\ud800',
      userAgent: 'ua\u0000',
      method: 'GE\udc00',
      path: '/x/\ud800',
      details: { email: '\ud800poison@example.test', 'k\u0000': ['\udc00'] },
    });
    expect(event).toMatchObject({
      keyPrefix: 'kw_\ufffd',
      userAgent: 'ua\ufffd',
      method: 'GE\ufffd',
      path: '/x/\ufffd',
      details: { email: '\ufffdpoison@example.test', 'k\ufffd': ['\ufffd'] },
    });
    expect(prepareEvent(event).canonical).not.toMatch(/\\u(d[89a-f][0-9a-f]{2}|0000)/i);
  });

  it('cuts texts to their columns and stores an address canonical, or not at all when it is none', () => {
    const event = toChainedEvent({ type: 'api_key.used', userAgent: 'u'.repeat(600), path: `/${'p'.repeat(2000)}`, ip: '2001:DB8::0:1' });
    expect(event.userAgent).toHaveLength(500);
    expect(event.path).toHaveLength(1000);
    expect(event.ip).toBe('2001:db8::1');
    expect(toChainedEvent({ type: 'api_key.used', ip: `1.2.3.4, ${'x'.repeat(100)}` }).ip).toBeNull();
  });

  it('keeps the details object itself when nothing in it needs cleaning', () => {
    const details = { email: 'a@example.test', n: 1 };
    expect(toChainedEvent({ type: 'auth.login', details }).details).toBe(details);
  });

  it('dates an event with an invalid time now, rather than failing its batch', () => {
    const before = Date.now();
    expect(toChainedEvent({ type: 'auth.login', occurredAt: new Date(Number.NaN) }).occurredAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});
