import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CallWorkspace } from '../../access/call-workspace.js';
import { type Caller, callerEvent } from '../../access/caller.js';
import { refuseBeyond } from '../../access/not-above.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import { sha256Hex } from '../../common/sha256.js';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../common/pagination.js';
import { refusePersonal } from '../workspace.policies.js';
import { changedRows } from '../../common/changed-rows.js';
import { existingRolePermissions } from '../roles/workspace-role-lookup.js';
import type { CreateInvitationDto } from '../workspaces.dto.js';
import { WorkspaceChanges } from '../workspace-changes.js';

/** Invitations last a week (API.md §9). */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const TOKEN_PREFIX = 'kwinv_';

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  expiresAt: Date;
  createdAt: Date;
}

/** The one response that carries the token. */
export interface CreatedInvitation extends InvitationView {
  token: string;
}

interface InvitationRow {
  id: string;
  workspace_id: string;
  email: string;
  role_name: string;
  expires_at: Date;
  accepted_at: Date | null;
  created_at: Date;
}

const toView = (row: InvitationRow): InvitationView => ({ id: row.id, email: row.email, role: row.role_name, expiresAt: row.expires_at, createdAt: row.created_at });

/**
 * Invitations by e-mail: the token is 256 random bits, shown once and stored as its SHA-256,
 * and works once, for the invited address only. A new invitation to the same address replaces
 * the pending one.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly changes: WorkspaceChanges,
  ) {}

  async create(caller: Caller, workspace: CallWorkspace, dto: CreateInvitationDto): Promise<CreatedInvitation> {
    refusePersonal(workspace, 'Nobody can be invited into a personal workspace');
    const email = dto.email.toLowerCase();
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    return this.db.transaction(async (manager) => {
      refuseBeyond(caller, await existingRolePermissions(manager, workspace.id, dto.role), 'You cannot invite someone into a role above your own');
      const [member] = await manager.query(
        'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2',
        [workspace.id, email],
      );
      if (member) throw new AppError('member.exists');
      await manager.query('DELETE FROM invitations WHERE workspace_id = $1 AND email = $2 AND accepted_at IS NULL', [workspace.id, email]);
      const [row] = await manager.query<InvitationRow[]>(
        `INSERT INTO invitations (workspace_id, email, role_name, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [workspace.id, email, dto.role, sha256Hex(token), caller.principal.user.id, new Date(Date.now() + INVITATION_TTL_MS)],
      );
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'invitation.created', details: { workspaceId: workspace.id, invitationId: row.id, email, role: dto.role } }),
      );
      return { ...toView(row), token };
    });
  }

  async listPending(workspace: CallWorkspace, query: PageQuery): Promise<Page<InvitationView>> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.query<Array<InvitationRow & { createdAt: Date }>>(
      `SELECT *, created_at AS "createdAt" FROM invitations
       WHERE workspace_id = $1 AND accepted_at IS NULL AND expires_at > now()
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [workspace.id, cursor?.createdAt ?? null, cursor?.id ?? null, query.limit + 1],
    );
    return toPage(rows, query.limit, toView);
  }

  async revoke(caller: Caller, workspace: CallWorkspace, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [deleted] = await manager.query<InvitationRow[]>(
        changedRows('DELETE FROM invitations WHERE id = $1 AND workspace_id = $2 AND accepted_at IS NULL RETURNING *'),
        [id, workspace.id],
      );
      if (!deleted) throw new AppError('invitation.not_found');
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'invitation.revoked', details: { workspaceId: workspace.id, invitationId: id, email: deleted.email } }));
    });
  }

  /** Joins the signed-in user to the invitation's workspace; returns that workspace's id. */
  async accept(caller: Caller, token: string): Promise<string> {
    const workspaceId = await this.db.transaction(async (manager) => {
      const [invitation] = await manager.query<InvitationRow[]>(
        `SELECT i.* FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND w.deleted_at IS NULL FOR UPDATE OF i`,
        [sha256Hex(token)],
      );
      if (!invitation) throw new AppError('invitation.not_found');
      if (invitation.expires_at.getTime() <= Date.now()) throw new AppError('invitation.expired');
      const user = caller.principal.user;
      if (user.email !== invitation.email) throw new AppError('invitation.email_mismatch');
      const joined = await manager.query<unknown[]>(
        `INSERT INTO memberships (workspace_id, user_id, role_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [invitation.workspace_id, user.id, invitation.role_name],
      );
      if (joined.length === 0) throw new AppError('member.exists');
      await manager.query('UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1', [invitation.id, user.id]);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'invitation.accepted', chainId: invitation.workspace_id, details: { workspaceId: invitation.workspace_id, invitationId: invitation.id, role: invitation.role_name } }),
      );
      return invitation.workspace_id;
    });
    this.changes.changed(workspaceId);
    return workspaceId;
  }
}
