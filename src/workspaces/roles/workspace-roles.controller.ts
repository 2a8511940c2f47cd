import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { CreateRoleDto, UpdateRoleDto } from '../../access/role-bodies.js';
import { WorkspaceRoleResponse } from '../workspaces.responses.js';
import { type WorkspaceRoleView, WorkspaceRolesService } from './workspace-roles.service.js';

/** A workspace's roles (API.md §9: §4's role endpoints, per workspace). Role management is JWT-only. */
@ApiTags('workspaces')
@ApiBearerAuth()
@JwtOnly()
@InWorkspace()
@Controller('workspaces/:ws/roles')
export class WorkspaceRolesController {
  constructor(private readonly roles: WorkspaceRolesService) {}

  @Get()
  @ApiOkResponse({ type: [WorkspaceRoleResponse], description: 'the built-ins, then the workspace’s own' })
  @RequirePermissions('roles:read')
  list(@CurrentCaller() caller: Caller): Promise<WorkspaceRoleView[]> {
    return this.roles.list(workspaceOf(caller));
  }

  @Post()
  @ApiCreatedResponse({ type: WorkspaceRoleResponse })
  @RequirePermissions('roles:write')
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateRoleDto): Promise<WorkspaceRoleView> {
    return this.roles.create(caller, workspaceOf(caller), dto);
  }

  @Patch(':name')
  @ApiOkResponse({ type: WorkspaceRoleResponse })
  @RequirePermissions('roles:write')
  update(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body() dto: UpdateRoleDto): Promise<WorkspaceRoleView> {
    return this.roles.update(caller, workspaceOf(caller), name, dto);
  }

  @Delete(':name')
  @ApiNoContentResponse()
  @HttpCode(204)
  @RequirePermissions('roles:write')
  async remove(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<void> {
    await this.roles.remove(caller, workspaceOf(caller), name);
  }
}
