import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/chain/audit-log.js';
import { type Caller, callerEvent } from '../access/caller.js';
import { AppError } from '../common/errors/app-error.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import { normalizePermissions } from '../access/permissions.js';
import { refuseBeyond } from '../access/not-above.js';
import { mayChangeBuiltInRole } from './role.policies.js';
import { Role } from './role.entity.js';
import type { CreateRoleDto, UpdateRoleDto } from '../access/role-bodies.js';

@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly invalidations: InvalidationBus,
  ) {}

  list(): Promise<Role[]> {
    return this.db.getRepository(Role).find({ order: { builtIn: 'DESC', name: 'ASC' } });
  }

  /** The roles of these names that exist, read in `manager`'s transaction. */
  named(manager: EntityManager, names: string[]): Promise<Role[]> {
    return manager.getRepository(Role).findBy(names.map((name) => ({ name })));
  }

  async create(caller: Caller, dto: CreateRoleDto): Promise<Role> {
    const permissions = this.grantable(caller, dto.permissions);
    return this.db.transaction(async (manager) => {
      const repository = manager.getRepository(Role);
      if (await repository.existsBy({ name: dto.name })) throw new AppError('role.exists');
      const role = await repository.save(repository.create({ name: dto.name, description: dto.description ?? '', permissions, builtIn: false }));
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'role.created', details: { role: role.name, permissions } }));
      return role;
    });
  }

  async update(caller: Caller, name: string, dto: UpdateRoleDto): Promise<Role> {
    const permissions = dto.permissions && this.grantable(caller, dto.permissions);
    const role = await this.db.transaction(async (manager) => {
      const repository = manager.getRepository(Role);
      const existing = await repository.findOneBy({ name });
      if (!existing) throw new AppError('role.not_found');
      const builtIn = mayChangeBuiltInRole(caller, existing);
      if (builtIn === 'never') throw new AppError('role.builtin', 'The built-in admin role cannot be changed');
      if (builtIn === 'instance_admin_only') throw new AppError('role.builtin', 'Only an instance admin can change a built-in role');
      await this.assertNotAbove(manager, caller, existing);
      const before = { description: existing.description, permissions: existing.permissions };
      if (dto.description !== undefined) existing.description = dto.description;
      if (permissions) existing.permissions = permissions;
      const saved = await repository.save(existing);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'role.updated', details: { role: name, before, after: { description: saved.description, permissions: saved.permissions } } }),
      );
      return saved;
    });
    this.invalidations.publish({ kind: 'roles' });
    return role;
  }

  async remove(caller: Caller, name: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const repository = manager.getRepository(Role);
      const existing = await repository.findOneBy({ name });
      if (!existing) throw new AppError('role.not_found');
      if (existing.builtIn) throw new AppError('role.builtin', 'Built-in roles cannot be deleted');
      await this.assertNotAbove(manager, caller, existing);
      await repository.delete({ name });
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'role.deleted', details: { role: name, permissions: existing.permissions } }));
    });
    this.invalidations.publish({ kind: 'roles' });
  }

  /**
   * Nobody edits or deletes a role above themselves: one carrying a permission they lack (they
   * would remove it from its holders), or held by someone with a permission they lack (that
   * someone, an admin say, is theirs to change only if they could change the user too).
   */
  private async assertNotAbove(manager: EntityManager, caller: Caller, role: Role): Promise<void> {
    refuseBeyond(caller, role.permissions, 'You cannot change a role carrying permissions you do not hold');
    const rows = await manager.query<Array<{ permission: string }>>(
      `SELECT DISTINCT unnest(r.permissions) AS permission
       FROM user_roles holder
       JOIN user_roles held ON held.user_id = holder.user_id
       JOIN roles r ON r.name = held.role_name
       WHERE holder.role_name = $1`,
      [role.name],
    );
    refuseBeyond(caller, rows.map((row) => row.permission), 'You cannot change a role held by someone with permissions you do not hold');
  }

  /** Nobody hands out, through a role, a permission they do not hold themselves. */
  private grantable(caller: Caller, permissions: string[]): string[] {
    refuseBeyond(caller, permissions, 'You cannot grant permissions you do not hold');
    return normalizePermissions(permissions);
  }
}
