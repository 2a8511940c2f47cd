import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { UserCreator } from './user-creator.js';
import { UserSnapshots } from './user-snapshots.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuditLogModule, RolesModule, WorkspacesModule],
  controllers: [UsersController],
  providers: [UsersService, UserSnapshots, UserCreator],
  exports: [UsersService, UserSnapshots, UserCreator],
})
export class UsersModule {}
