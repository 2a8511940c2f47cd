import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../access/access.decorators.js';
import { InWorkspace } from '../access/call-workspace.js';
import { CurrentCaller } from '../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../access/caller.js';
import type { WorkspaceView } from './workspace.view.js';
import { CreateWorkspaceDto, UpdatePlanDto, UpdateWorkspaceDto } from './workspaces.dto.js';
import { WorkspaceResponse } from './workspaces.responses.js';
import { WorkspacesService } from './workspaces.service.js';

/** Workspaces (API.md §9). Managing them is for signed-in people, never for a key. */
@ApiTags('workspaces')
@ApiBearerAuth()
@JwtOnly()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  @ApiOkResponse({ type: [WorkspaceResponse], description: 'the workspaces I belong to, personal first' })
  list(@CurrentCaller() caller: Caller): Promise<WorkspaceView[]> {
    return this.workspaces.listMine(caller.principal.user.id);
  }

  @Post()
  @ApiCreatedResponse({ type: WorkspaceResponse })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.create(caller, dto);
  }

  @Get(':ws')
  @ApiOkResponse({ type: WorkspaceResponse })
  @InWorkspace()
  get(@CurrentCaller() caller: Caller): Promise<WorkspaceView> {
    return this.workspaces.get(workspaceOf(caller));
  }

  @Patch(':ws')
  @ApiOkResponse({ type: WorkspaceResponse })
  @InWorkspace()
  @RequirePermissions('members:write')
  update(@CurrentCaller() caller: Caller, @Body() dto: UpdateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.update(caller, workspaceOf(caller), dto);
  }

  @Delete(':ws')
  @ApiNoContentResponse({ description: 'owners only; a personal workspace cannot be deleted' })
  @HttpCode(204)
  @InWorkspace()
  async remove(@CurrentCaller() caller: Caller): Promise<void> {
    await this.workspaces.remove(caller, workspaceOf(caller));
  }

  /** An instance permission: a workspace's own owners do not set their limits. */
  @Patch(':ws/plan')
  @ApiOkResponse({ type: WorkspaceResponse })
  @RequirePermissions('workspaces:write')
  setPlan(@CurrentCaller() caller: Caller, @Param('ws') reference: string, @Body() dto: UpdatePlanDto): Promise<WorkspaceView> {
    return this.workspaces.setPlan(caller, reference, dto);
  }
}
