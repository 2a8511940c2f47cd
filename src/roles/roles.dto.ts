import type { Role } from './role.entity.js';

export interface RoleView {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
}

export function toRoleView(role: Role): RoleView {
  return { name: role.name, description: role.description, permissions: role.permissions, builtIn: role.builtIn };
}
