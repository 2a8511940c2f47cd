import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { UserSnapshots } from '../users/user-snapshots.js';
import { accessTokenClaims } from './access-token-claims.js';
import { registerStrategy, unregisterStrategy } from '../access/passport-guard.js';
import type { Principal, UserSnapshot } from '../access/principal.js';
import { SessionFamilies } from './session-families.js';
import { proveTokensOnce } from './proven-tokens.js';

/** One principal per user snapshot and sign-in: the snapshot is replaced whenever the user or a role changes. */
const principals = new WeakMap<UserSnapshot, Map<string, Principal>>();

/**
 * Access tokens: HS256, short-lived; on every request the sign-in they belong to must still stand
 * (logout and refresh reuse end it) and the user's current roles and status apply. Both are cached.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') implements OnApplicationShutdown {
  readonly strategyName: string;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly snapshots: UserSnapshots,
    private readonly families: SessionFamilies,
  ) {
    // A KeyObject, not a string: given a string (or Buffer), jsonwebtoken first tries, and fails,
    // to parse it as a public key on every verification (~0.5 ms per request). passport-jwt
    // hands it to jsonwebtoken untouched; its types only know strings and Buffers.
    const key = createSecretKey(Buffer.from(config.get('jwt', { infer: true }).secret));
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key as unknown as Buffer, algorithms: ['HS256'] });
    // A token verified once is proven again by its digest (ProvenTokens), not by jsonwebtoken.
    proveTokensOnce(key);
    this.strategyName = registerStrategy(this, 'jwt');
  }

  /** Not onModuleDestroy: Nest runs that before it closes the server, so a request still in flight would find no strategy. */
  onApplicationShutdown(): void {
    unregisterStrategy(this.strategyName);
  }

  async validate(payload: unknown): Promise<Principal> {
    const claims = accessTokenClaims(payload);
    if (!claims || !(await this.families.isLive(claims.sid, claims.sub))) throw new AppError('auth.token_invalid');
    const user = await this.snapshots.get(claims.sub);
    if (!user) throw new AppError('auth.token_invalid');
    if (!user.active) throw new AppError('user.disabled');
    let bySession = principals.get(user);
    if (!bySession) principals.set(user, (bySession = new Map()));
    let principal = bySession.get(claims.sid);
    if (!principal) {
      const { permissions, ...profile } = user;
      principal = { user: profile, authMethod: 'jwt', permissions, sessionId: claims.sid };
      bySession.set(claims.sid, principal);
    }
    return principal;
  }
}
