import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AnonymousCaller, type Caller, callerEvent } from '../../access/caller.js';
import { refuseBeyond } from '../../access/not-above.js';
import type { JwtPrincipal } from '../../access/principal.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { changedRows } from '../../common/changed-rows.js';
import { AppError } from '../../common/errors/app-error.js';
import { sha256Hex } from '../../common/sha256.js';
import { UserSnapshots } from '../../users/user-snapshots.js';
import { refuseWrongPassword } from '../current-password.js';
import { hashPassword } from '../passwords.js';
import { SessionFamilies } from '../session-families.js';
import type { ChangePasswordDto, PasswordResetView, ResetPasswordDto, SessionView } from './account.dto.js';

/** Reset tokens last an hour (API.md §10). */
export const PASSWORD_RESET_TTL_MS = 3600_000;

/** Sessions are refresh-token families; one stands while it has a token neither spent, revoked nor expired. */
const SESSIONS_SQL = `
  SELECT family_id AS id, min(created_at) AS "createdAt", max(created_at) AS "lastUsedAt",
         (array_agg(ip ORDER BY created_at DESC))[1] AS ip, (array_agg(user_agent ORDER BY created_at DESC))[1] AS "userAgent"
  FROM refresh_tokens WHERE user_id = $1
  GROUP BY family_id
  HAVING bool_or(revoked_at IS NULL AND spent_at IS NULL AND expires_at > now())
  ORDER BY max(created_at) DESC`;

/** The signed-in user's own account: password, sessions, and the reset an admin hands over. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly families: SessionFamilies,
    private readonly snapshots: UserSnapshots,
  ) {}

  /** Every other session ends; this one stays. */
  async changePassword(caller: Caller, principal: JwtPrincipal, dto: ChangePasswordDto): Promise<void> {
    const userId = principal.user.id;
    await refuseWrongPassword(this.db.manager, userId, dto.currentPassword, 'currentPassword');
    const passwordHash = await hashPassword(dto.newPassword);
    const ended = await this.db.transaction(async (manager) => {
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, passwordHash]);
      const families = await this.revokeSessions(manager, userId, principal.sessionId);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.password_changed', details: { sessionsEnded: families.length } }));
      return families;
    });
    this.announce(ended);
  }

  async sessions(principal: JwtPrincipal): Promise<SessionView[]> {
    const rows = await this.db.query<Array<Omit<SessionView, 'current'>>>(SESSIONS_SQL, [principal.user.id]);
    return rows.map((row) => ({ ...row, current: row.id === principal.sessionId }));
  }

  /** Ends one of the caller's sessions: its refresh tokens, and the access tokens of that sign-in, stop at once. */
  async endSession(caller: Caller, principal: JwtPrincipal, sessionId: string): Promise<void> {
    const ended = await this.db.transaction(async (manager) => {
      const [family] = await manager.query<Array<{ family_id: string }>>(
        changedRows(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND family_id = $2 AND revoked_at IS NULL RETURNING family_id`),
        [principal.user.id, sessionId],
      );
      if (!family) throw new AppError('session.not_found');
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.session_revoked', details: { sessionId, current: sessionId === principal.sessionId } }));
      return [sessionId];
    });
    this.announce(ended);
  }

  /** An instance admin's one-hour token for a user who cannot sign in; never for someone above the admin. */
  async issueReset(caller: Caller, userId: string): Promise<PasswordResetView> {
    const user = await this.snapshots.get(userId);
    if (!user) throw new AppError('user.not_found');
    refuseBeyond(caller, user.permissions, 'You cannot reset the password of a user with permissions you do not hold');
    const token = `kwpr_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
    await this.db.transaction(async (manager) => {
      // A new token replaces any the user has not used yet.
      await manager.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId]);
      await manager.query('INSERT INTO password_resets (user_id, token_hash, issued_by, expires_at) VALUES ($1, $2, $3, $4)', [
        userId,
        sha256Hex(token),
        caller.principal.user.id,
        expiresAt,
      ]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.password_reset_issued', details: { forUserId: userId, expiresAt: expiresAt.toISOString() } }));
    });
    return { token, expiresAt };
  }

  /** Sets the new password with a reset token (once, within the hour) and ends every session of that user. */
  async resetPassword(caller: AnonymousCaller, dto: ResetPasswordDto): Promise<void> {
    const passwordHash = await hashPassword(dto.newPassword);
    const ended = await this.db.transaction(async (manager) => {
      const [reset] = await manager.query<Array<{ id: string; user_id: string }>>(
        `SELECT id, user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
        [sha256Hex(dto.token)],
      );
      if (!reset) throw new AppError('auth.token_invalid', 'The reset token is unknown, used or expired');
      await manager.query('UPDATE password_resets SET used_at = now() WHERE id = $1', [reset.id]);
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [reset.user_id, passwordHash]);
      const families = await this.revokeSessions(manager, reset.user_id, null);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.password_reset', userId: reset.user_id, details: { sessionsEnded: families.length } }));
      return families;
    });
    this.announce(ended);
  }

  /** Revokes the user's sessions but `keep`; returns the families it ended. */
  private async revokeSessions(manager: EntityManager, userId: string, keep: string | null): Promise<string[]> {
    const rows = await manager.query<Array<{ family_id: string }>>(
      `WITH revoked AS (
         UPDATE refresh_tokens SET revoked_at = now()
         WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2)
         RETURNING family_id)
       SELECT DISTINCT family_id FROM revoked`,
      [userId, keep],
    );
    return rows.map((row) => row.family_id);
  }

  /** After the commit: the ended sessions' access tokens stop here and on the other instances. */
  private announce(families: string[]): void {
    for (const family of families) this.families.revoked(family);
  }
}
