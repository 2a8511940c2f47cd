import { toChainedEvent } from './audit-chain.js';
import type { ChainedEvent } from './hash-chain.js';
import { rejectedEvent } from './rejected-event.js';

const refusal = { code: '22P02', message: 'invalid input syntax for type json' };

describe('rejectedEvent', () => {
  it('names the refused event and why, keeping its fields and details', () => {
    const original = toChainedEvent({ type: 'auth.login_failed', ip: '203.0.113.5', path: '/api/v1/auth/login', method: 'POST', statusCode: 401, details: { email: 'a@example.test' } });
    const rejected = rejectedEvent(original, refusal);
    expect(rejected).toMatchObject({
      type: 'audit.event_rejected',
      severity: 'warning',
      occurredAt: original.occurredAt,
      ip: '203.0.113.5',
      path: '/api/v1/auth/login',
      method: 'POST',
      statusCode: 401,
      details: { rejectedType: 'auth.login_failed', rejectedId: original.id, reason: refusal, details: { email: 'a@example.test' } },
    });
    expect(rejected.id).not.toBe(original.id);
  });

  it('is critical when the refused event was', () => {
    expect(rejectedEvent(toChainedEvent({ type: 'suspicious.brute_force' }), refusal).severity).toBe('critical');
  });

  it('makes the strings of a refused event storable, wherever they came from', () => {
    const raw: ChainedEvent = { ...toChainedEvent({ type: 'api_key.auth_failed' }), userAgent: 'ua\ud800', path: '/\u0000', details: { name: 'k\udc00' } };
    expect(rejectedEvent(raw, refusal)).toMatchObject({ userAgent: 'ua\ufffd', path: '/\ufffd', details: { details: { name: 'k\ufffd' } } });
  });

  it('moves what cannot fill its column into details as text', () => {
    const raw: ChainedEvent = { ...toChainedEvent({ type: 'api_key.auth_failed' }), userId: 'not-a-uuid', apiKeyId: 'x'.repeat(300), statusCode: 99_999 };
    const rejected = rejectedEvent(raw, refusal);
    expect(rejected).toMatchObject({ userId: null, apiKeyId: null, statusCode: null, details: { unstorable: { userId: 'not-a-uuid', apiKeyId: 'x'.repeat(100), statusCode: '99999' } } });
  });

  it('leaves the original details out when asked, for when even they are refused', () => {
    const rejected = rejectedEvent(toChainedEvent({ type: 'auth.login', details: { big: 'x' } }), refusal, false);
    expect(rejected.details).toEqual({ rejectedType: 'auth.login', rejectedId: expect.any(String), reason: refusal, detailsOmitted: true });
  });
});
