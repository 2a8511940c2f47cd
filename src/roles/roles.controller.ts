import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext } from '../access/request-context.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { CurrentPrincipal, JwtOnly, RequirePermissions } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { CreateRoleDto, toRoleView, UpdateRoleDto, type RoleView } from './roles.dto.js';
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
  async create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateRoleDto, @AuditContext() context: RequestContext): Promise<RoleView> {
    return toRoleView(await this.roles.create(actor, dto, context));
  }

  @Patch(':name')
  @ApiOkResponse({ type: RoleResponse })
  @RequirePermissions('roles:write')
  async update(
    @CurrentPrincipal() actor: Principal,
    @Param('name') name: string,
    @Body() dto: UpdateRoleDto,
    @AuditContext() context: RequestContext,
  ): Promise<RoleView> {
    return toRoleView(await this.roles.update(actor, name, dto, context));
  }

  @Delete(':name')
  @ApiNoContentResponse()
  @HttpCode(204)
  @RequirePermissions('roles:write')
  async remove(@CurrentPrincipal() actor: Principal, @Param('name') name: string, @AuditContext() context: RequestContext): Promise<void> {
    await this.roles.remove(actor, name, context);
  }
}
