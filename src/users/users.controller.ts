import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../access/access.decorators.js';
import { CurrentCaller } from '../access/caller.decorator.js';
import type { Caller } from '../access/caller.js';
import { PageQuery, type Page } from '../common/pagination.js';
import { UuidOr404Pipe } from '../common/uuid.js';
import { UpdateUserDto, type UserView } from './users.dto.js';
import { UsersService } from './users.service.js';
import { UserPage, UserResponse } from './users.responses.js';

/** Administration needs a signed-in user: a leaked key (an admin's included) never manages people or roles. */
@ApiTags('users')
@ApiBearerAuth()
@JwtOnly()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  @RequirePermissions('users:read')
  list(@Query() query: PageQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @RequirePermissions('users:read')
  get(@Param('id', new UuidOr404Pipe('user.not_found')) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @RequirePermissions('users:write')
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidOr404Pipe('user.not_found')) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(caller, id, dto);
  }
}
