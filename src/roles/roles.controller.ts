import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../access/access.decorators.js';
import { CurrentCaller } from '../access/caller.decorator.js';
import type { Caller } from '../access/caller.js';
import { CreateRoleDto, UpdateRoleDto } from '../access/role-bodies.js';
import { toRoleView, type RoleView } from './roles.dto.js';
import { RolesService } from './roles.service.js';
import { RoleResponse } from './roles.responses.js';

/** Administration needs a signed-in user: a leaked key (an admin's included) never manages people or roles. */
@ApiTags('roles')
@ApiBearerAuth()
@JwtOnly()
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @ApiOkResponse({ type: [RoleResponse] })
  @RequirePermissions('roles:read')
  async list(): Promise<RoleView[]> {
    return (await this.roles.list()).map(toRoleView);
  }

  @Post()
  @ApiCreatedResponse({ type: RoleResponse })
  @RequirePermissions('roles:write')
  async create(@CurrentCaller() caller: Caller, @Body() dto: CreateRoleDto): Promise<RoleView> {
    return toRoleView(await this.roles.create(caller, dto));
  }

  @Patch(':name')
  @ApiOkResponse({ type: RoleResponse })
  @RequirePermissions('roles:write')
  async update(
    @CurrentCaller() caller: Caller,
    @Param('name') name: string,
    @Body() dto: UpdateRoleDto,
  ): Promise<RoleView> {
    return toRoleView(await this.roles.update(caller, name, dto));
  }

  @Delete(':name')
  @ApiNoContentResponse()
  @HttpCode(204)
  @RequirePermissions('roles:write')
  async remove(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<void> {
    await this.roles.remove(caller, name);
  }
}
