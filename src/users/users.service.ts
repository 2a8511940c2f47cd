import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/chain/audit-log.js';
import { type Caller, callerEvent } from '../access/caller.js';
import { AppError } from '../common/errors/app-error.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import { decodeCursor, type Page, type PageQuery, toPage } from '../common/pagination.js';
import { refuseBeyond } from '../access/not-above.js';
import type { Role } from '../roles/role.entity.js';
import { RolesService } from '../roles/roles.service.js';
import { isSelfDemotion } from './user.policies.js';
import type { UpdateUserDto, UserView } from './users.dto.js';

const USER_VIEW_SQL = `
  SELECT u.id, u.email, u.name, u.active, u.created_at AS "createdAt", u.totp_secret IS NOT NULL AS "twoFactorEnabled",
         coalesce(array_agg(ur.role_name ORDER BY ur.role_name) FILTER (WHERE ur.role_name IS NOT NULL), '{}') AS roles
  FROM users u
  LEFT JOIN user_roles ur ON ur.user_id = u.id`;

const permissionsOf = (roles: Role[]) => roles.flatMap((role) => role.permissions);

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly invalidations: InvalidationBus,
    private readonly roles: RolesService,
  ) {}

  async list(query: PageQuery): Promise<Page<UserView>> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.query<UserView[]>(
      `${USER_VIEW_SQL}
       WHERE $1::timestamptz IS NULL OR (u.created_at, u.id) < ($1::timestamptz, $2::uuid)
       GROUP BY u.id ORDER BY u.created_at DESC, u.id DESC LIMIT $3`,
      [cursor?.createdAt ?? null, cursor?.id ?? null, query.limit + 1],
    );
    return toPage(rows, query.limit, (row) => row);
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<UserView> {
    const [row] = await manager.query<UserView[]>(`${USER_VIEW_SQL} WHERE u.id = $1 GROUP BY u.id`, [id]);
    if (!row) throw new AppError('user.not_found');
    return row;
  }

  async update(caller: Caller, id: string, dto: UpdateUserDto): Promise<UserView> {
    const updated = await this.db.transaction(async (manager) => {
      const before = await this.get(id, manager);
      const roles = dto.roles && [...new Set(dto.roles)].sort();
      if (isSelfDemotion(caller, id, before.roles, { roles, active: dto.active })) throw new AppError('user.self_change');
      await this.assertNotAbove(manager, caller, before.roles);
      if (roles) await this.assertGrantable(manager, caller, roles.filter((role) => !before.roles.includes(role)));
      await manager.query(
        `UPDATE users SET name = coalesce($2, name), active = coalesce($3, active), updated_at = now() WHERE id = $1`,
        [id, dto.name ?? null, dto.active ?? null],
      );
      if (roles) {
        await manager.query(`DELETE FROM user_roles WHERE user_id = $1`, [id]);
        await manager.query(`INSERT INTO user_roles (user_id, role_name) SELECT $1, unnest($2::varchar[])`, [id, roles]);
      }
      const after = await this.get(id, manager);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, {
          type: 'user.updated',
          details: { targetUserId: id, before: { name: before.name, roles: before.roles, active: before.active }, after: { name: after.name, roles: after.roles, active: after.active } },
        }),
      );
      return after;
    });
    this.invalidations.publish({ kind: 'user', id });
    return updated;
  }

  /** Nobody edits, demotes or disables a user holding permissions they lack (an admin, for a users:write holder). */
  private async assertNotAbove(manager: EntityManager, caller: Caller, targetRoles: string[]): Promise<void> {
    if (targetRoles.length === 0) return;
    refuseBeyond(caller, permissionsOf(await this.roles.named(manager, targetRoles)), 'You cannot change a user who holds permissions you do not hold');
  }

  /** Roles must exist, and nobody hands out a role carrying permissions they lack. */
  private async assertGrantable(manager: EntityManager, caller: Caller, added: string[]): Promise<void> {
    if (added.length === 0) return;
    const roles = await this.roles.named(manager, added);
    const missing = added.filter((name) => !roles.some((role) => role.name === name));
    if (missing.length) {
      throw new AppError('validation.failed', undefined, missing.map((name) => ({ field: 'roles', message: `role "${name}" does not exist` })));
    }
    refuseBeyond(caller, permissionsOf(roles), 'You cannot grant a role with permissions you do not hold');
  }
}
