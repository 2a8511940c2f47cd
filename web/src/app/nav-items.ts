import { hasPermission } from '../auth/permissions';

export interface NavItem {
  to: string;
  label: string;
}

/** Whose permission opens a page: an instance role's, or my role's in the current workspace. */
type Needs = { instance: string } | { workspace: string } | null;

const ITEMS: Array<NavItem & { needs: Needs }> = [
  { to: '/keys', label: 'API keys', needs: null },
  { to: '/audit', label: 'Audit log', needs: null },
  // Workspace pages: what they offer follows my permissions in the current workspace, not these.
  { to: '/members', label: 'Members', needs: null },
  // Only admins manage apps, so only they are shown the page at all.
  { to: '/oauth-apps', label: 'OAuth apps', needs: { workspace: 'apps:read' } },
  { to: '/admin/users', label: 'Users', needs: { instance: 'users:read' } },
  { to: '/admin/roles', label: 'Roles', needs: { instance: 'roles:read' } },
];

/**
 * The pages a user may open: the instance admin pages only with their permission from an instance
 * role, OAuth apps only with `apps:read` in the current workspace (`workspacePermissions`).
 */
export function navItems(instancePermissions: readonly string[], workspacePermissions: readonly string[] = []): NavItem[] {
  const opens = (needs: Needs) =>
    needs === null || ('instance' in needs ? hasPermission(instancePermissions, needs.instance) : hasPermission(workspacePermissions, needs.workspace));
  return ITEMS.filter((item) => opens(item.needs)).map(({ to, label }) => ({ to, label }));
}

export function isCurrent(item: NavItem, pathname: string): boolean {
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
