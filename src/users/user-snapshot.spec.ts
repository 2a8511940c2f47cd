import { toUserSnapshot, type UserRoleRow } from './user-snapshot.js';

const CREATED = new Date('2026-01-02T03:04:05.678Z');
const profile = { id: '0190a0a0-0000-7000-8000-000000000001', email: 'ada@example.com', name: 'Ada', active: true, twoFactorEnabled: false, createdAt: CREATED };

/** One joined row per role, as userWithRolesSql() returns them. */
const rowsFor = (roles: Array<[role: string, permissions: string[]]>): UserRoleRow[] =>
  roles.map(([role, permissions]) => ({ ...profile, role, permissions }));

describe('toUserSnapshot', () => {
  it('returns null when the user does not exist (no rows)', () => {
    expect(toUserSnapshot([])).toBeNull();
  });

  it('gives a user without roles no roles and no permissions', () => {
    expect(toUserSnapshot([{ ...profile, role: null, permissions: null }])).toEqual({ ...profile, roles: [], permissions: [] });
  });

  it('takes the profile from the rows and lists every role, sorted', () => {
    const snapshot = toUserSnapshot(rowsFor([['viewer', ['contents:read']], ['auditor', ['audit:read']], ['member', ['contents:write']]]));
    expect(snapshot).toMatchObject(profile);
    expect(snapshot?.roles).toEqual(['auditor', 'member', 'viewer']);
  });

  it('holds the union of the roles’ permissions, each once, sorted', () => {
    const snapshot = toUserSnapshot(rowsFor([['member', ['keys:write', 'contents:read']], ['auditor', ['audit:read', 'contents:read']]]));
    expect(snapshot?.permissions).toEqual(['audit:read', 'contents:read', 'keys:write']);
  });

  it('drops permissions a wildcard of another role already covers', () => {
    const snapshot = toUserSnapshot(rowsFor([['editor', ['contents:*']], ['member', ['contents:read', 'contents:write', 'keys:read']]]));
    expect(snapshot?.permissions).toEqual(['contents:*', 'keys:read']);
  });

  it('collapses everything to * for an admin, whatever else they hold', () => {
    const snapshot = toUserSnapshot(rowsFor([['admin', ['*']], ['member', ['contents:read', 'keys:write']]]));
    expect(snapshot?.roles).toEqual(['admin', 'member']);
    expect(snapshot?.permissions).toEqual(['*']);
  });

  it('keeps a role whose permission list is empty or null, granting nothing through it', () => {
    const snapshot = toUserSnapshot([...rowsFor([['empty', []]]), { ...profile, role: 'unlisted', permissions: null }]);
    expect(snapshot?.roles).toEqual(['empty', 'unlisted']);
    expect(snapshot?.permissions).toEqual([]);
  });

  it('turns a createdAt that arrives as text into a Date', () => {
    const snapshot = toUserSnapshot([{ ...profile, createdAt: CREATED.toISOString() as unknown as Date, role: null, permissions: null }]);
    expect(snapshot?.createdAt).toBeInstanceOf(Date);
    expect(snapshot?.createdAt.getTime()).toBe(CREATED.getTime());
  });

  it('reports a disabled user as inactive rather than dropping them', () => {
    expect(toUserSnapshot([{ ...profile, active: false, role: 'member', permissions: ['contents:read'] }])).toMatchObject({ active: false, roles: ['member'] });
  });
});
