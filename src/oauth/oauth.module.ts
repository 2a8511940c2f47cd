import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { OAuthAppsController } from './oauth-apps.controller.js';
import { OAuthAppsService } from './oauth-apps.service.js';

/** OAuth 2.0 (API.md §11): the apps a workspace registers. The authorization server is not built yet. */
@Module({
  imports: [AuditLogModule],
  controllers: [OAuthAppsController],
  providers: [OAuthAppsService],
})
export class OAuthModule {}
