import { isCurrent, navItems } from './nav-items';

const labels = (permissions: string[]) => navItems(permissions).map((item) => item.label);

describe('navItems', () => {
  it('shows someone without instance roles no admin pages, whatever they may do in their workspaces', () => {
    expect(labels([])).toEqual(['API keys', 'Audit log', 'Members']);
  });

  it('shows an instance auditor the users page but not roles', () => {
    expect(labels(['audit:read', 'users:read', 'keys:read'])).toEqual(['API keys', 'Audit log', 'Members', 'Users']);
  });

  it('shows an instance admin (*) everything', () => {
    expect(labels(['*'])).toEqual(['API keys', 'Audit log', 'Members', 'Users', 'Roles']);
  });

  it('understands resource wildcards', () => {
    expect(labels(['roles:*'])).toContain('Roles');
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
