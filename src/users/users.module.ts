import { Global, Module } from '@nestjs/common';
import { UserSnapshots } from './user-snapshots.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  controllers: [UsersController],
  providers: [UsersService, UserSnapshots],
  exports: [UsersService, UserSnapshots],
})
export class UsersModule {}
