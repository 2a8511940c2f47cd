import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CallWorkspace } from '../access/call-workspace.js';
import { type Caller, callerEvent } from '../access/caller.js';
import { AuditLog } from '../audit/chain/audit-log.js';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { changedRows } from '../common/changed-rows.js';
import { parseWorkspaceReference, slugFromName, withSuffix } from './slugs.js';
import { refuseKeyPolicyChange, refusePersonal, refuseUnlessOwner } from './workspace.policies.js';
import { changedKeyPolicy, storedKeyPolicy, toKeyPolicy } from './key-policy-settings.js';
import { type PlanDefaults, toWorkspaceView, WORKSPACE_COLUMNS, type WorkspaceRow, type WorkspaceView } from './workspace.view.js';
import { OWNER } from './roles/workspace-roles.js';
import { WorkspaceChanges } from './workspace-changes.js';
import type { CreateWorkspaceDto, UpdatePlanDto, UpdateWorkspaceDto } from './workspaces.dto.js';

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === UNIQUE_VIOLATION;
/** Generated slugs retry with a random tail this many times before giving up. */
const SLUG_ATTEMPTS = 5;

/** Workspaces themselves: the ones a user belongs to, creating, renaming, deleting, plans. */
@Injectable()
export class WorkspacesService {
  private readonly defaults: PlanDefaults;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly changes: WorkspaceChanges,
    config: ConfigService<AppConfig, true>,
  ) {
    const keys = config.get('keys', { infer: true });
    this.defaults = { maxRateLimit: keys.maxRateLimit, maxKeysPerUser: keys.maxPerUser };
  }

  /** Every workspace the user belongs to, personal first. */
  async listMine(userId: string): Promise<WorkspaceView[]> {
    const rows = await this.db.query<Array<WorkspaceRow & { role: string }>>(
      `SELECT ${WORKSPACE_COLUMNS}, m.role_name AS role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.user_id = $1 AND w.deleted_at IS NULL ORDER BY w.personal DESC, w.created_at, w.id`,
      [userId],
    );
    return rows.map((row) => toWorkspaceView(row, row.role, this.defaults));
  }

  async get(workspace: CallWorkspace): Promise<WorkspaceView> {
    return toWorkspaceView(await this.row(this.db.manager, workspace.id), workspace.role, this.defaults);
  }

  async create(caller: Caller, dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    const userId = caller.principal.user.id;
    const row = await this.insertWithSlug(dto.slug, dto.name, async (slug) =>
      this.db.transaction(async (manager) => {
        const [created] = await manager.query<WorkspaceRow[]>(
          `INSERT INTO workspaces AS w (slug, name, created_by) VALUES ($1, $2, $3) RETURNING ${WORKSPACE_COLUMNS}`,
          [slug, dto.name, userId],
        );
        await manager.query(`INSERT INTO memberships (workspace_id, user_id, role_name) VALUES ($1, $2, $3)`, [created.id, userId, OWNER]);
        await this.audit.recordIn(manager, callerEvent(caller, { type: 'workspace.created', chainId: created.id, details: { workspaceId: created.id, slug, name: dto.name } }));
        return created;
      }),
    );
    // Someone may have asked for this slug before it existed: what was cached as nothing goes.
    this.changes.changed(row.id);
    return toWorkspaceView(row, OWNER, this.defaults);
  }

  async update(caller: Caller, workspace: CallWorkspace, dto: UpdateWorkspaceDto): Promise<WorkspaceView> {
    // Whoever requires two-factor sign-in must have it, or the setting would shut them out at once.
    if (dto.requireTwoFactor === true && !caller.principal.user.twoFactorEnabled) {
      throw new AppError('auth.2fa_required', 'Turn on two-factor sign-in yourself before requiring it of the workspace');
    }
    if (dto.keyPolicy) refuseKeyPolicyChange(workspace.permissions);
    const row = await this.translateSlugConflict(() =>
      this.changes.commit(workspace.id, async (manager) => {
        const before = await this.row(manager, workspace.id, true);
        const keyPolicy = dto.keyPolicy && storedKeyPolicy(changedKeyPolicy(toKeyPolicy(before.key_policy), dto.keyPolicy));
        const [after] = await manager.query<WorkspaceRow[]>(
          changedRows(`UPDATE workspaces AS w SET name = coalesce($2, name), slug = coalesce($3, slug),
             require_two_factor = coalesce($4, require_two_factor), key_policy = coalesce($5::jsonb, key_policy), updated_at = now()
           WHERE id = $1 RETURNING ${WORKSPACE_COLUMNS}`),
          [workspace.id, dto.name ?? null, dto.slug ?? null, dto.requireTwoFactor ?? null, keyPolicy ? JSON.stringify(keyPolicy) : null],
        );
        await this.recordUpdate(manager, caller, dto, before, after);
        return after;
      }),
    );
    return toWorkspaceView(row, workspace.role, this.defaults);
  }

  /** A request that only changes the key policy is that event alone; any other is workspace.updated, as before. */
  private async recordUpdate(manager: EntityManager, caller: Caller, dto: UpdateWorkspaceDto, before: WorkspaceRow, after: WorkspaceRow): Promise<void> {
    const workspaceId = before.id;
    if (!dto.keyPolicy || dto.name !== undefined || dto.slug !== undefined || dto.requireTwoFactor !== undefined) {
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'workspace.updated', details: { workspaceId, before: settingsOf(before), after: settingsOf(after) } }));
    }
    if (dto.keyPolicy) {
      const details = { workspaceId, before: toKeyPolicy(before.key_policy), after: toKeyPolicy(after.key_policy) };
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'workspace.key_policy_changed', details }));
    }
  }

  /** Soft: the row stays for the audit events that name it; its slug is free again; its keys stop at once (WorkspaceAccess). */
  async remove(caller: Caller, workspace: CallWorkspace): Promise<void> {
    refusePersonal(workspace, 'A personal workspace cannot be deleted');
    refuseUnlessOwner(workspace.role);
    await this.changes.commit(workspace.id, async (manager) => {
      await manager.query(`UPDATE workspaces SET deleted_at = now(), updated_at = now() WHERE id = $1`, [workspace.id]);
      await manager.query(`DELETE FROM invitations WHERE workspace_id = $1 AND accepted_at IS NULL`, [workspace.id]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'workspace.deleted', details: { workspaceId: workspace.id, slug: workspace.slug } }));
    });
  }

  /** An instance admin's decision (instance permission `workspaces:write`): any workspace, member or not. */
  async setPlan(caller: Caller, reference: string, dto: UpdatePlanDto): Promise<WorkspaceView> {
    const named = parseWorkspaceReference(reference);
    if (!named) throw new AppError('workspace.not_found');
    const row = await this.db.transaction(async (manager) => {
      const [before] = await manager.query<WorkspaceRow[]>(
        `SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.${named.column} = $1 AND w.deleted_at IS NULL FOR UPDATE`,
        [named.value],
      );
      if (!before) throw new AppError('workspace.not_found');
      const workspace = before;
      const [after] = await manager.query<WorkspaceRow[]>(
        changedRows(`UPDATE workspaces AS w SET max_rate_limit = CASE WHEN $2 THEN $3::int ELSE max_rate_limit END,
           max_keys_per_user = CASE WHEN $4 THEN $5::int ELSE max_keys_per_user END, updated_at = now()
         WHERE id = $1 RETURNING ${WORKSPACE_COLUMNS}`),
        [workspace.id, dto.maxRateLimit !== undefined, dto.maxRateLimit ?? null, dto.maxKeysPerUser !== undefined, dto.maxKeysPerUser ?? null],
      );
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'workspace.plan_changed', chainId: workspace.id, details: { workspaceId: workspace.id, before: planOf(before), after: planOf(after) } }),
      );
      return after;
    });
    this.changes.changed(row.id);
    return toWorkspaceView(row, await this.roleOf(row.id, caller.principal.user.id), this.defaults);
  }

  /** The user's role in a workspace they may not belong to (an instance admin acts as owner). */
  private async roleOf(workspaceId: string, userId: string): Promise<string> {
    const [membership] = await this.db.query<Array<{ role: string }>>(
      'SELECT role_name AS role FROM memberships WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId],
    );
    return membership?.role ?? OWNER;
  }

  private async row(manager: EntityManager, id: string, forUpdate = false): Promise<WorkspaceRow> {
    const [row] = await manager.query<WorkspaceRow[]>(
      `SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.id = $1 AND w.deleted_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new AppError('workspace.not_found');
    return row;
  }

  /** An asked-for slug that is taken is the caller's 409; a generated one tries a random tail instead. */
  private async insertWithSlug<T>(asked: string | undefined, name: string, insert: (slug: string) => Promise<T>): Promise<T> {
    if (asked) return this.translateSlugConflict(() => insert(asked));
    const base = slugFromName(name);
    for (let attempt = 0; ; attempt++) {
      try {
        return await insert(attempt === 0 ? base : withSuffix(base, randomBytes(3).toString('hex')));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt + 1 >= SLUG_ATTEMPTS) throw error;
      }
    }
  }

  private async translateSlugConflict<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('workspace.slug_taken');
      throw error;
    }
  }
}

const settingsOf = (row: WorkspaceRow) => ({ name: row.name, slug: row.slug, requireTwoFactor: row.require_two_factor });
const planOf = (row: WorkspaceRow) => ({ maxRateLimit: row.max_rate_limit, maxKeysPerUser: row.max_keys_per_user });
