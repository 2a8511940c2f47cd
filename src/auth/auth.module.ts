import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { RateLimitGuard } from '../access/limits/rate-limit.guard.js';
import { QuotaGuard } from '../access/limits/quota.guard.js';
import { ThrottlingModule } from '../access/limits/throttling.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AccountController } from './account/account.controller.js';
import { AccountService } from './account/account.service.js';
import { AuthController } from './auth.controller.js';
import { TwoFactorController } from './two-factor/two-factor.controller.js';
import { TwoFactorService } from './two-factor/two-factor.service.js';
import { Clock } from '../common/clock.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthService } from './auth.service.js';
import { AuthenticationGuard } from '../access/authentication.guard.js';
import { CredentialVerifiers } from '../access/credential-verifiers.js';
import { JwtCredential } from './jwt.credential.js';
import { JwtStrategy } from './jwt.strategy.js';
import { PermissionsGuard } from '../access/permissions.guard.js';
import { SessionFamilies } from './session-families.js';
import { UsersModule } from '../users/users.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';

@Module({
  imports: [
    PassportModule,
    DiscoveryModule,
    AuditLogModule,
    UsersModule,
    WorkspacesModule,
    ThrottlingModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        secret: config.get('jwt', { infer: true }).secret,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, AccountController, TwoFactorController],
  providers: [
    AuthService,
    AccountService,
    TwoFactorService,
    Clock,
    AdminBootstrap,
    JwtStrategy,
    JwtCredential,
    CredentialVerifiers,
    SessionFamilies,
    // Global guards run in this order: who is calling, have they budget left, may they do this,
    // and then what it spends of the key's credits and named limits (which need the workspace of
    // the call, and which a request refused for its permissions does not spend).
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
    { provide: APP_GUARD, useClass: QuotaGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
