import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/chain/audit-log.js';
import { type AnonymousCaller, type Caller, callerEvent, refusalEvent, workspaceOf } from '../access/caller.js';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { UserCreator } from '../users/user-creator.js';
import { UserSnapshots } from '../users/user-snapshots.js';
import { UsersService } from '../users/users.service.js';
import type { LoginDto, MeResponse, RegisterDto, SessionResponse, TokenPair } from './auth.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { assertNever } from '../access/principal.js';
import { hashRefreshToken, newFamilyId, newRefreshToken } from './refresh-tokens.js';
import { SessionFamilies } from './session-families.js';
import type { MfaChallenge, SecondFactorDto } from './two-factor/two-factor.dto.js';
import { TwoFactorService } from './two-factor/two-factor.service.js';

type RefreshOutcome =
  | { session: SessionResponse }
  | { error: 'auth.token_invalid' | 'user.disabled'; reused?: { userId: string; familyId: string } };

interface StoredRefreshToken {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  spent_at: Date | null;
  revoked_at: Date | null;
}

@Injectable()
export class AuthService {
  private readonly jwtConfig: AppConfig['jwt'];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly creator: UserCreator,
    private readonly snapshots: UserSnapshots,
    private readonly audit: AuditLog,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly families: SessionFamilies,
    private readonly twoFactor: TwoFactorService,
  ) {
    this.jwtConfig = config.get('jwt', { infer: true });
  }

  async register(caller: AnonymousCaller, dto: RegisterDto): Promise<SessionResponse> {
    if (!this.config.get('registrationOpen', { infer: true })) throw new AppError('auth.registration_closed');
    const email = dto.email.toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (manager) => {
      const userId = await this.creator.register(manager, { email, name: dto.name ?? '', passwordHash });
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'auth.registered', userId, details: { email } }));
      return { user: await this.users.get(userId, manager), ...(await this.issueTokens(manager, caller, userId, newFamilyId())) };
    });
  }

  /** A session, or — when two-factor sign-in is on — the challenge the second step answers. */
  async login(caller: AnonymousCaller, dto: LoginDto): Promise<SessionResponse | MfaChallenge> {
    // An account under a brute-force block never gets here: RateLimitGuard refuses it with Retry-After.
    const email = dto.email.toLowerCase();
    const [row] = await this.db.query<Array<{ id: string; password_hash: string; active: boolean }>>(
      'SELECT id, password_hash, active FROM users WHERE email = $1',
      [email],
    );
    // Unknown email and wrong password both run one argon2 verification: same time, same answer.
    const passwordMatches = await verifyPassword(row?.password_hash, dto.password);
    if (!row || !passwordMatches) {
      const error = new AppError('auth.invalid_credentials');
      this.audit.record(refusalEvent(caller, error, { type: 'auth.login_failed', userId: row?.id ?? null, details: { email, reason: 'invalid_credentials' } }));
      throw error;
    }
    if (!row.active) {
      const error = new AppError('user.disabled');
      this.audit.record(refusalEvent(caller, error, { type: 'auth.login_failed', userId: row.id, details: { email, reason: 'user_disabled' } }));
      throw error;
    }
    if (await this.twoFactor.isOn(row.id)) return this.twoFactor.challenge(row.id);
    return this.signIn(caller, row.id);
  }

  /** The second step of a sign-in with two-factor on: a right code (or recovery code) for the challenge. */
  async loginSecondFactor(caller: AnonymousCaller, dto: SecondFactorDto): Promise<SessionResponse> {
    const userId = await this.twoFactor.pass(caller, dto);
    const user = await this.snapshots.get(userId);
    if (!user?.active) throw new AppError('user.disabled');
    return this.signIn(caller, userId);
  }

  private async signIn(caller: AnonymousCaller, userId: string): Promise<SessionResponse> {
    const session = await this.db.transaction(async (manager) => ({
      user: await this.users.get(userId, manager),
      ...(await this.issueTokens(manager, caller, userId, newFamilyId())),
    }));
    this.audit.record(callerEvent(caller, { type: 'auth.login', userId }));
    return session;
  }

  async refresh(caller: AnonymousCaller, token: string): Promise<SessionResponse> {
    const outcome = await this.db.transaction(async (manager): Promise<RefreshOutcome> => {
      const [stored] = await manager.query<StoredRefreshToken[]>(
        'SELECT id, user_id, family_id, expires_at, spent_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [hashRefreshToken(token)],
      );
      if (!stored) return { error: 'auth.token_invalid' as const };
      if (stored.spent_at) {
        // A spent token came back: someone holds a copy. Kill the whole family.
        await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [stored.family_id]);
        return { error: 'auth.token_invalid' as const, reused: { userId: stored.user_id, familyId: stored.family_id } };
      }
      if (stored.revoked_at || stored.expires_at.getTime() <= Date.now()) return { error: 'auth.token_invalid' as const };
      const user = await this.snapshots.get(stored.user_id);
      if (!user) return { error: 'auth.token_invalid' as const };
      if (!user.active) return { error: 'user.disabled' as const };
      await manager.query('UPDATE refresh_tokens SET spent_at = now() WHERE id = $1', [stored.id]);
      return { session: { user: await this.users.get(stored.user_id, manager), ...(await this.issueTokens(manager, caller, stored.user_id, stored.family_id)) } };
    });
    if ('session' in outcome) return outcome.session;
    const error = new AppError(outcome.error);
    if (outcome.reused) {
      // The family's access tokens die with it, here and on the other instances.
      this.families.revoked(outcome.reused.familyId);
      // Recorded after the revocation committed, through the stream alerting watches (critical).
      this.audit.record(refusalEvent(caller, error, { type: 'auth.refresh_reused', userId: outcome.reused.userId, details: { familyId: outcome.reused.familyId } }));
    }
    throw error;
  }

  async logout(caller: AnonymousCaller, token: string): Promise<void> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const [revoked] = await this.db.query<Array<{ user_id: string; family_id: string }>>(
      `WITH revoked AS (
         UPDATE refresh_tokens SET revoked_at = now()
         WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL
         RETURNING user_id, family_id)
       SELECT DISTINCT user_id, family_id FROM revoked`,
      [hashRefreshToken(token)],
    );
    if (!revoked) return;
    this.families.revoked(revoked.family_id);
    this.audit.record(callerEvent(caller, { type: 'auth.logout', userId: revoked.user_id }));
  }

  /** Who is calling, in the workspace of the call (API.md §9). */
  me(caller: Caller): MeResponse {
    const { principal } = caller;
    const { id, email, name, roles, active, createdAt, twoFactorEnabled } = principal.user;
    const user = { id, email, name, roles, active, createdAt, twoFactorEnabled };
    const { id: workspaceId, slug, name: workspaceName, role, permissions } = workspaceOf(caller);
    const inWorkspace = { permissions, workspace: { id: workspaceId, slug, name: workspaceName, role } };
    switch (principal.authMethod) {
      case 'jwt':
        return { user, authMethod: 'jwt', ...inWorkspace, instancePermissions: principal.permissions };
      case 'api_key': {
        const { apiKey: key } = principal;
        const apiKey = { id: key.id, name: key.name, keyPrefix: key.keyPrefix, scopes: key.scopes, rateLimit: key.rateLimit, expiresAt: key.expiresAt };
        return { user, authMethod: 'api_key', ...inWorkspace, instancePermissions: [], apiKey };
      }
      case 'oauth':
        return { user, authMethod: 'oauth', ...inWorkspace, instancePermissions: [] };
      default:
        return assertNever(principal);
    }
  }

  /** A new refresh token of the family, remembering where it was asked for (the sessions page shows it). */
  private async issueTokens(manager: EntityManager, caller: AnonymousCaller, userId: string, familyId: string): Promise<TokenPair> {
    const refresh = newRefreshToken();
    await manager.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)`,
      [userId, familyId, refresh.hash, this.jwtConfig.refreshTtlSeconds, caller.context.ip ?? null, caller.context.userAgent ?? null],
    );
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: familyId }, { expiresIn: this.jwtConfig.accessTtlSeconds });
    return { accessToken, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: this.jwtConfig.accessTtlSeconds };
  }
}
