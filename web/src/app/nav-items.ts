import { hasPermission } from '../auth/permissions';

export interface NavItem {
  to: string;
  label: string;
}

const ITEMS: Array<NavItem & { needs: string | null }> = [
  { to: '/keys', label: 'API keys', needs: null },
  { to: '/audit', label: 'Audit log', needs: null },
  // Workspace pages: what they offer follows my permissions in the current workspace, not these.
  { to: '/members', label: 'Members', needs: null },
  { to: '/admin/users', label: 'Users', needs: 'users:read' },
  { to: '/admin/roles', label: 'Roles', needs: 'roles:read' },
];

/** The pages a user may open; the instance admin pages only appear with their permission from an instance role. */
export function navItems(instancePermissions: readonly string[]): NavItem[] {
  return ITEMS.filter((item) => item.needs === null || hasPermission(instancePermissions, item.needs)).map(({ to, label }) => ({ to, label }));
}

export function isCurrent(item: NavItem, pathname: string): boolean {
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
