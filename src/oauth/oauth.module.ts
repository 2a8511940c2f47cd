import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { UsersModule } from '../users/users.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { AuthorizationsController } from './authorizations/authorizations.controller.js';
import { AuthorizationsService } from './authorizations/authorizations.service.js';
import { ConsentController } from './consent/consent.controller.js';
import { ConsentService } from './consent/consent.service.js';
import { OAuthAppsController } from './oauth-apps.controller.js';
import { OAuthAppsService } from './oauth-apps.service.js';
import { OAuthServer } from './server/oauth-server.js';
import { AccessTokenRecords } from './token/access-token-records.js';
import { OAuthTokenCredential } from './token/oauth-token.credential.js';
import { TokenUseHook } from './token/token-use.hook.js';

/**
 * OAuth 2.0 (API.md §11): the apps a workspace registers, the authorization server (oidc-provider,
 * mounted at the root by app.factory.ts), its API-driven consent step, and access tokens as the
 * `oauth` credential kind.
 */
@Module({
  imports: [AuditLogModule, WorkspacesModule, UsersModule],
  controllers: [OAuthAppsController, ConsentController, AuthorizationsController],
  providers: [OAuthAppsService, OAuthServer, ConsentService, OAuthTokenCredential, AccessTokenRecords, AuthorizationsService, TokenUseHook],
  exports: [OAuthServer],
})
export class OAuthModule {}
