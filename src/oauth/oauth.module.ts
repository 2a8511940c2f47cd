import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { ConsentController } from './consent/consent.controller.js';
import { ConsentService } from './consent/consent.service.js';
import { OAuthAppsController } from './oauth-apps.controller.js';
import { OAuthAppsService } from './oauth-apps.service.js';
import { OAuthServer } from './server/oauth-server.js';

/**
 * OAuth 2.0 (API.md §11): the apps a workspace registers, the authorization server (oidc-provider,
 * mounted at the root by app.factory.ts) and its API-driven consent step.
 */
@Module({
  imports: [AuditLogModule, WorkspacesModule],
  controllers: [OAuthAppsController, ConsentController],
  providers: [OAuthAppsService, OAuthServer, ConsentService],
  exports: [OAuthServer],
})
export class OAuthModule {}
