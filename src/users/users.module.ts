import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { UserSnapshots } from './user-snapshots.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuditLogModule],
  controllers: [UsersController],
  providers: [UsersService, UserSnapshots],
  exports: [UsersService, UserSnapshots],
})
export class UsersModule {}
