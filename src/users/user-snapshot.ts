import type { UserSnapshot } from '../access/principal.js';
import { normalizePermissions } from '../access/permissions.js';

/** One row per role the user holds (or one row with nulls for a user without roles). */
export interface UserRoleRow {
  id: string;
  email: string;
  name: string;
  active: boolean;
  createdAt: Date;
  role: string | null;
  permissions: string[] | null;
}

export const USER_SNAPSHOT_SQL = `
  SELECT u.id, u.email, u.name, u.active, u.created_at AS "createdAt", r.name AS role, r.permissions
  FROM users u
  LEFT JOIN user_roles ur ON ur.user_id = u.id
  LEFT JOIN roles r ON r.name = ur.role_name
  WHERE u.id = $1`;

export function toUserSnapshot(rows: UserRoleRow[]): UserSnapshot | null {
  const first = rows[0];
  if (!first) return null;
  const roles = rows.flatMap((row) => (row.role ? [row.role] : [])).sort();
  const permissions = normalizePermissions(rows.flatMap((row) => row.permissions ?? []));
  return { id: first.id, email: first.email, name: first.name, active: first.active, createdAt: new Date(first.createdAt), roles, permissions };
}
