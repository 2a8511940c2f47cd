import { hasPermission } from '../auth/permissions';

export interface NavItem {
  to: string;
  label: string;
}

const ITEMS: Array<NavItem & { needs: string | null }> = [
  { to: '/keys', label: 'API keys', needs: null },
  { to: '/audit', label: 'Audit log', needs: null },
  // A workspace role, not an instance permission, decides what the members page offers.
  { to: '/members', label: 'Members', needs: null },
  { to: '/admin/users', label: 'Users', needs: 'users:read' },
  { to: '/admin/roles', label: 'Roles', needs: 'roles:read' },
];

/** The pages a user may open; instance admin pages only appear with their permission. */
export function navItems(permissions: readonly string[]): NavItem[] {
  return ITEMS.filter((item) => item.needs === null || hasPermission(permissions, item.needs)).map(({ to, label }) => ({ to, label }));
}

export function isCurrent(item: NavItem, pathname: string): boolean {
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
