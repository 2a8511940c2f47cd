import { AppError } from '../../common/errors/app-error.js';
import { assertWindow, resolveSettings, type SettingRules } from './key-settings.js';

const now = new Date('2025-11-23T12:00:00.000Z');
const rules: SettingRules = { ownerPermissions: ['contents:read', 'contents:write', 'keys:read'], maxRateLimit: 10_000, now };

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected an AppError');
}

describe('resolveSettings', () => {
  it('keeps only the fields the request stated', () => {
    expect(resolveSettings({ name: 'ci' }, rules)).toEqual({ name: 'ci' });
  });

  it('normalises scopes the owner holds', () => {
    expect(resolveSettings({ scopes: ['contents:read', 'contents:read'] }, rules).scopes).toEqual(['contents:read']);
    expect(resolveSettings({ scopes: ['*'] }, rules).scopes).toEqual(['*']);
  });

  it('refuses scopes beyond the owner with permission.denied naming them', () => {
    const error = errorOf(() => resolveSettings({ scopes: ['contents:read', 'audit:read', 'contents:*', 'users:*'] }, rules));
    expect(error.code).toBe('permission.denied');
    expect(error.details).toEqual([{ required: 'audit:read' }, { required: 'users:*' }]);
  });

  it('refuses instance administration even to an owner holding * in the workspace', () => {
    const error = errorOf(() => resolveSettings({ scopes: ['contents:read', 'users:read', 'workspaces:*'] }, { ...rules, ownerPermissions: ['*'] }));
    expect(error.code).toBe('permission.denied');
    expect(error.details).toEqual([{ required: 'users:read' }, { required: 'workspaces:*' }]);
    expect(resolveSettings({ scopes: ['*', 'keys:admin', 'members:write'] }, { ...rules, ownerPermissions: ['*'] }).scopes).toEqual(['*']);
  });

  it('refuses an empty scope list', () => {
    expect(errorOf(() => resolveSettings({ scopes: [] }, rules)).code).toBe('validation.failed');
  });

  it('refuses a rate limit above the maximum', () => {
    const error = errorOf(() => resolveSettings({ rateLimit: 10_001 }, rules));
    expect(error.details).toEqual([{ field: 'rateLimit', message: 'rateLimit must not be greater than 10000' }]);
    expect(resolveSettings({ rateLimit: 10_000 }, rules).rateLimit).toBe(10_000);
  });

  it('refuses an expiry in the past and accepts null for "never"', () => {
    expect(errorOf(() => resolveSettings({ expiresAt: '2025-11-23T11:59:59.000Z' }, rules)).details).toEqual([
      { field: 'expiresAt', message: 'expiresAt must be in the future' },
    ]);
    expect(resolveSettings({ expiresAt: null }, rules).expiresAt).toBeNull();
    expect(resolveSettings({ expiresAt: '2026-01-01T00:00:00.000Z' }, rules).expiresAt).toEqual(new Date('2026-01-01T00:00:00.000Z'));
  });

  it('de-duplicates the IP allowlist', () => {
    expect(resolveSettings({ allowedIps: ['10.0.0.0/8', ' 10.0.0.0/8'] }, rules).allowedIps).toEqual(['10.0.0.0/8']);
  });
});

describe('assertWindow', () => {
  it('refuses validFrom at or after expiresAt', () => {
    expect(() => assertWindow(new Date('2026-01-02'), new Date('2026-01-01'))).toThrow(AppError);
    expect(() => assertWindow(new Date('2026-01-01'), new Date('2026-01-02'))).not.toThrow();
    expect(() => assertWindow(null, new Date('2026-01-01'))).not.toThrow();
  });
});
