import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AnonymousCaller, type Caller, callerEvent, refusalEvent } from '../../access/caller.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors/app-error.js';
import { sha256Hex } from '../../common/sha256.js';
import type { AppConfig } from '../../config/app-config.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import { refuseWrongPassword } from '../current-password.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { deriveSealingKey, open, seal } from './secret-box.js';
import { acceptedStep, newTotpSecret, otpauthUrl } from './totp.js';
import type { DisableTwoFactorDto, MfaChallenge, SecondFactorDto, TwoFactorSetup } from './two-factor.dto.js';

/** A right password opens a challenge for this long (API.md §10). */
export const MFA_CHALLENGE_SECONDS = 300;
/** Wrong codes one challenge takes before it is dead. */
export const MFA_CHALLENGE_TRIES = 5;
const ISSUER = 'Keyward';

interface FactorRow {
  email: string;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: string | null;
}

type Proof = { step: number } | { recoveryCodeId: string } | null;

/**
 * TOTP two-factor sign-in: the secret sealed with a key derived from the server's key-hash
 * secret, codes accepted within one step of drift and once each, ten recovery codes (HMAC'd,
 * once each), and the challenge between a right password and a right code.
 */
@Injectable()
export class TwoFactorService {
  private readonly sealingKey: Buffer;
  private readonly recoveryKey: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly invalidations: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    const secret = config.get('keys', { infer: true }).hashSecret;
    this.sealingKey = deriveSealingKey(secret);
    this.recoveryKey = deriveSealingKey(`${secret}:recovery-codes`);
  }

  /** A new secret, pending until a code from it confirms it (enable). */
  async setup(userId: string): Promise<TwoFactorSetup> {
    const row = await this.factors(this.db.manager, userId);
    if (row.totp_secret) throw alreadyOn();
    const secret = newTotpSecret();
    await this.db.query('UPDATE users SET totp_pending = $2 WHERE id = $1', [userId, seal(this.sealingKey, secret)]);
    return { secret, otpauthUrl: otpauthUrl(secret, row.email, ISSUER) };
  }

  /** Confirms the pending secret with a code from it; answers the recovery codes, shown once. */
  async enable(caller: Caller, code: string): Promise<string[]> {
    const userId = caller.principal.user.id;
    const recoveryCodes = await this.db.transaction(async (manager) => {
      const row = await this.factors(manager, userId, true);
      if (row.totp_secret) throw alreadyOn();
      const pending = row.totp_pending && open(this.sealingKey, row.totp_pending);
      if (!pending) throw new AppError('validation.failed', 'Start with POST /auth/2fa/setup', [{ field: 'code', message: 'there is no two-factor setup to confirm' }]);
      const step = acceptedStep(pending, code, this.clock.now(), null);
      if (step === null) throw new AppError('auth.mfa_invalid');
      await manager.query(
        'UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2, two_factor_enabled_at = now() WHERE id = $1',
        [userId, step],
      );
      const codes = newRecoveryCodes();
      await manager.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
      await manager.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [userId, codes.map((c) => hashRecoveryCode(this.recoveryKey, c))]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.2fa_enabled' }));
      return codes;
    });
    this.invalidations.publish({ kind: 'user', id: userId });
    return recoveryCodes;
  }

  /** Turns it off with the password and a code (or a recovery code). */
  async disable(caller: Caller, dto: DisableTwoFactorDto): Promise<void> {
    const userId = caller.principal.user.id;
    await refuseWrongPassword(this.db.manager, userId, dto.password, 'password');
    await this.db.transaction(async (manager) => {
      const row = await this.factors(manager, userId, true);
      if (!row.totp_secret) throw new AppError('validation.failed', 'Two-factor sign-in is not on', [{ field: 'code', message: 'two-factor sign-in is not on' }]);
      const factor = /^\d{6}$/.test(dto.code) ? { code: dto.code } : { recoveryCode: dto.code };
      if (!(await this.prove(manager, userId, row, factor))) throw new AppError('auth.mfa_invalid');
      await manager.query('UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL, two_factor_enabled_at = NULL WHERE id = $1', [userId]);
      await manager.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.2fa_disabled' }));
    });
    this.invalidations.publish({ kind: 'user', id: userId });
  }

  async isOn(userId: string): Promise<boolean> {
    const [row] = await this.db.query<Array<{ on: boolean }>>('SELECT totp_secret IS NOT NULL AS on FROM users WHERE id = $1', [userId]);
    return row?.on ?? false;
  }

  /** What a right password gets when two-factor is on: a challenge, stored as its SHA-256. */
  async challenge(userId: string): Promise<MfaChallenge> {
    const mfaToken = `kwmfa_${randomBytes(32).toString('base64url')}`;
    await this.db.query('INSERT INTO mfa_challenges (user_id, token_hash, expires_at) VALUES ($1, $2, $3)', [
      userId,
      sha256Hex(mfaToken),
      new Date(this.clock.now() + MFA_CHALLENGE_SECONDS * 1000),
    ]);
    return { mfaRequired: true, mfaToken, expiresIn: MFA_CHALLENGE_SECONDS };
  }

  /**
   * The user a challenge and a code prove; 401 auth.mfa_invalid otherwise, after counting the
   * failure (on the challenge, and as a failed sign-in for the brute-force blocks).
   */
  async pass(caller: AnonymousCaller, dto: SecondFactorDto): Promise<string> {
    const outcome = await this.db.transaction(async (manager) => {
      const [challenge] = await manager.query<Array<{ id: string; user_id: string; failures: number; expires_at: Date; used_at: Date | null }>>(
        'SELECT id, user_id, failures, expires_at, used_at FROM mfa_challenges WHERE token_hash = $1 FOR UPDATE',
        [sha256Hex(dto.mfaToken)],
      );
      if (!challenge || challenge.used_at || challenge.failures >= MFA_CHALLENGE_TRIES || challenge.expires_at.getTime() <= this.clock.now()) {
        return { userId: challenge?.user_id ?? null, email: null, passed: false, reason: 'challenge' };
      }
      const row = await this.factors(manager, challenge.user_id, true);
      const proof = await this.prove(manager, challenge.user_id, row, dto);
      if (!proof) {
        await manager.query('UPDATE mfa_challenges SET failures = failures + 1 WHERE id = $1', [challenge.id]);
        return { userId: challenge.user_id, email: row.email, passed: false, reason: dto.recoveryCode ? 'recovery_code' : 'code' };
      }
      await manager.query('UPDATE mfa_challenges SET used_at = now() WHERE id = $1', [challenge.id]);
      if ('recoveryCodeId' in proof) await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.recovery_code_used', userId: challenge.user_id }));
      return { userId: challenge.user_id, email: row.email, passed: true, reason: '' };
    });
    if (outcome.passed && outcome.userId) return outcome.userId;
    const error = new AppError('auth.mfa_invalid');
    this.audit.record(refusalEvent(caller, error, { type: 'auth.mfa_failed', userId: outcome.userId, details: { reason: outcome.reason, ...(outcome.email && { email: outcome.email }) } }));
    throw error;
  }

  /** A TOTP code (accepted once: the step is recorded) or an unused recovery code (used up). */
  private async prove(manager: EntityManager, userId: string, row: FactorRow, dto: { code?: string; recoveryCode?: string }): Promise<Proof> {
    const secret = row.totp_secret && open(this.sealingKey, row.totp_secret);
    if (!secret) return null;
    if (dto.recoveryCode !== undefined) {
      const [used] = await manager.query<Array<{ id: string }>>(
        `WITH used AS (UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id) SELECT id FROM used`,
        [userId, hashRecoveryCode(this.recoveryKey, dto.recoveryCode)],
      );
      return used ? { recoveryCodeId: used.id } : null;
    }
    const step = acceptedStep(secret, dto.code ?? '', this.clock.now(), row.totp_last_step === null ? null : Number(row.totp_last_step));
    if (step === null) return null;
    await manager.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [userId, step]);
    return { step };
  }

  private async factors(manager: EntityManager, userId: string, forUpdate = false): Promise<FactorRow> {
    const [row] = await manager.query<FactorRow[]>(
      `SELECT email, totp_secret, totp_pending, totp_last_step FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    if (!row) throw new AppError('auth.token_invalid');
    return row;
  }
}

const alreadyOn = () => new AppError('validation.failed', 'Two-factor sign-in is already on; turn it off first', [{ field: 'code', message: 'two-factor sign-in is already on' }]);
