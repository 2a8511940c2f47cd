import type { UserSnapshot } from '../access/principal.js';
import { normalizePermissions } from '../access/permissions.js';

/** One row per role the user holds (or one row with nulls for a user without roles). */
export interface UserRoleRow {
  id: string;
  email: string;
  name: string;
  active: boolean;
  createdAt: Date;
  twoFactorEnabled: boolean;
  role: string | null;
  permissions: string[] | null;
}

/** Rows of another table read together with the user who owns them: `from` names `ownerColumn`. */
export interface OwnedRows {
  columns: string;
  from: string;
  ownerColumn: string;
  where: string;
}

const USER_COLUMNS = `u.id, u.email, u.name, u.active, u.created_at AS "createdAt", u.totp_secret IS NOT NULL AS "twoFactorEnabled", r.name AS role, r.permissions`;
const ROLES_OF_U = `LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN roles r ON r.name = ur.role_name`;

/**
 * The one query for a user with their roles (rows as UserRoleRow): the user whose id is $1, or,
 * given `owned`, joined behind rows that name their owner, so a caller reads both at once (the
 * API-key lookup).
 */
export function userWithRolesSql(owned?: OwnedRows): string {
  if (!owned) return `SELECT ${USER_COLUMNS} FROM users u ${ROLES_OF_U} WHERE u.id = $1`;
  return `SELECT ${owned.columns}, ${USER_COLUMNS} FROM ${owned.from} JOIN users u ON u.id = ${owned.ownerColumn} ${ROLES_OF_U} WHERE ${owned.where}`;
}

export function toUserSnapshot(rows: UserRoleRow[]): UserSnapshot | null {
  const first = rows[0];
  if (!first) return null;
  const roles = rows.flatMap((row) => (row.role ? [row.role] : [])).sort();
  const permissions = normalizePermissions(rows.flatMap((row) => row.permissions ?? []));
  const { id, email, name, active, twoFactorEnabled } = first;
  return { id, email, name, active, twoFactorEnabled, createdAt: new Date(first.createdAt), roles, permissions };
}
