import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { RolesController } from './roles.controller.js';
import { RolesService } from './roles.service.js';

@Module({
  imports: [AuditLogModule],
  controllers: [RolesController],
  providers: [RolesService],
})
export class RolesModule {}
