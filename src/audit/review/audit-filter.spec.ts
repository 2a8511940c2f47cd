import { AppError } from '../../common/errors/app-error.js';
import { buildAuditFilter, decodeAuditCursor, encodeAuditCursor } from './audit-filter.js';

describe('buildAuditFilter', () => {
  it('is empty for an admin without filters', () => {
    expect(buildAuditFilter({}, { everything: true })).toEqual({ where: '', params: [] });
  });

  it('parameterises every filter', () => {
    const filter = buildAuditFilter(
      { type: 'api_key.used', severity: 'warning,critical', userId: 'u', apiKeyId: 'k', ip: '1.2.3.4', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      { everything: true },
    );
    expect(filter.where).toBe(
      'WHERE type = $1 AND severity = ANY($2::varchar[]) AND user_id = $3 AND api_key_id = $4 AND ip = $5 AND occurred_at >= $6 AND occurred_at < $7',
    );
    expect(filter.params).toEqual(['api_key.used', ['warning', 'critical'], 'u', 'k', '1.2.3.4', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']);
  });

  it('looks an address up in the canonical form it is stored in', () => {
    expect(buildAuditFilter({ ip: '2001:DB8:0:0:0:0:0:1' }, { everything: true }).params).toEqual(['2001:db8::1']);
    expect(buildAuditFilter({ ip: 'not-an-ip' }, { everything: true }).params).toEqual(['not-an-ip']);
  });

  it('reads a trailing .* as a prefix, escaping LIKE wildcards', () => {
    const filter = buildAuditFilter({ type: 'suspicious.*,auth.login' }, { everything: true });
    expect(filter.where).toBe('WHERE (type = $1 OR type LIKE $2)');
    expect(filter.params).toEqual(['auth.login', 'suspicious.%']);
    expect(buildAuditFilter({ type: 'auth.login,auth.logout' }, { everything: true }).where).toBe('WHERE type = ANY($1::varchar[])');
    expect(buildAuditFilter({ type: 'a_b.*' }, { everything: true }).params).toEqual(['a\\_b.%']);
  });

  it('limits a reader without audit:read to their own events, changes made to them, and their keys', () => {
    const filter = buildAuditFilter({ type: 'api_key.used' }, { everything: false, userId: 'me' });
    expect(filter.where).toBe('WHERE type = $1 AND (user_id = $2 OR subject_user_id = $2 OR api_key_id IN (SELECT id FROM api_keys WHERE user_id = $2))');
    expect(filter.params).toEqual(['api_key.used', 'me']);
  });

  it('continues after a cursor', () => {
    const cursor = { occurredAt: new Date('2026-11-23T10:00:00.000Z'), seq: '42' };
    const filter = buildAuditFilter({}, { everything: true }, cursor);
    expect(filter.where).toBe('WHERE (occurred_at, seq) < ($1::timestamptz, $2::bigint)');
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  it('refuses a forged cursor', () => {
    expect(() => decodeAuditCursor('not-a-cursor')).toThrow(AppError);
  });
});
