import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { UserSnapshots } from '../users/user-snapshots.js';
import { registerStrategy, unregisterStrategy } from './passport-guard.js';
import type { Principal } from './principal.js';

interface AccessTokenPayload {
  sub: string;
  sid: string;
}

/** Access tokens: HS256, short-lived; the user's current roles and status are read on every request. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') implements OnModuleDestroy {
  readonly strategyName: string;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly snapshots: UserSnapshots,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('jwt', { infer: true }).secret,
      algorithms: ['HS256'],
    });
    this.strategyName = registerStrategy(this, 'jwt');
  }

  onModuleDestroy(): void {
    unregisterStrategy(this.strategyName);
  }

  async validate(payload: AccessTokenPayload): Promise<Principal> {
    const user = typeof payload.sub === 'string' ? await this.snapshots.get(payload.sub) : null;
    if (!user) throw new AppError('auth.token_invalid');
    if (!user.active) throw new AppError('user.disabled');
    const { permissions, ...profile } = user;
    return { user: profile, authMethod: 'jwt', permissions };
  }
}
