import { isCurrent, navItems } from './nav-items';

const labels = (instance: string[], workspace: string[] = []) => navItems(instance, workspace).map((item) => item.label);

describe('navItems', () => {
  it('shows someone without instance roles no admin pages, whatever they may do in their workspaces', () => {
    expect(labels([])).toEqual(['API keys', 'Audit log', 'Members']);
  });

  it('shows an instance auditor the users page but not roles', () => {
    expect(labels(['audit:read', 'users:read', 'keys:read'])).toEqual(['API keys', 'Audit log', 'Members', 'Users']);
  });

  it('shows an instance admin (*) every instance page, but OAuth apps only by the current workspace', () => {
    expect(labels(['*'])).toEqual(['API keys', 'Audit log', 'Members', 'Users', 'Roles']);
  });

  it('understands resource wildcards', () => {
    expect(labels(['roles:*'])).toContain('Roles');
    expect(labels([], ['apps:*'])).toContain('OAuth apps');
  });

  it('shows OAuth apps to whoever holds apps:read in the current workspace (an owner, an admin)', () => {
    expect(labels([], ['*'])).toEqual(['API keys', 'Audit log', 'Members', 'OAuth apps']);
    expect(labels([], ['apps:read', 'members:read'])).toContain('OAuth apps');
  });

  it('hides OAuth apps from a member, whose role there grants no apps:read, and never takes it from an instance role', () => {
    expect(labels([], ['contents:read', 'contents:write', 'keys:read', 'keys:write'])).not.toContain('OAuth apps');
    expect(labels(['apps:read'], [])).not.toContain('OAuth apps');
  });
});

describe('isCurrent', () => {
  it('marks API keys as current on a key detail page', () => {
    expect(isCurrent({ to: '/keys', label: 'API keys' }, '/keys/abc')).toBe(true);
  });

  it('does not mark a page whose path merely starts the same', () => {
    expect(isCurrent({ to: '/keys', label: 'API keys' }, '/keysmith')).toBe(false);
  });
});
