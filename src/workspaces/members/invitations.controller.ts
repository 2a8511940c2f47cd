import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { type Page, PageQuery } from '../../common/pagination.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import { type CreatedInvitation, type InvitationView, InvitationsService } from './invitations.service.js';
import type { WorkspaceView } from '../workspace.view.js';
import { AcceptInvitationDto, CreateInvitationDto } from '../workspaces.dto.js';
import { CreatedInvitationResponse, InvitationPage, WorkspaceResponse } from '../workspaces.responses.js';
import { WorkspacesService } from '../workspaces.service.js';

@ApiTags('workspaces')
@ApiBearerAuth()
@JwtOnly()
@InWorkspace()
@Controller('workspaces/:ws/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedInvitationResponse, description: 'the token is shown once' })
  @RequirePermissions('members:write')
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateInvitationDto): Promise<CreatedInvitation> {
    return this.invitations.create(caller, workspaceOf(caller), dto);
  }

  @Get()
  @ApiOkResponse({ type: InvitationPage, description: 'pending invitations, without their tokens' })
  @RequirePermissions('members:read')
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<InvitationView>> {
    return this.invitations.listPending(workspaceOf(caller), query);
  }

  @Delete(':id')
  @ApiNoContentResponse()
  @HttpCode(204)
  @RequirePermissions('members:write')
  async revoke(@CurrentCaller() caller: Caller, @Param('id', new UuidOr404Pipe('invitation.not_found')) id: string): Promise<void> {
    await this.invitations.revoke(caller, workspaceOf(caller), id);
  }
}

@ApiTags('workspaces')
@ApiBearerAuth()
@JwtOnly()
@Controller('invitations')
export class InvitationAcceptanceController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** The signed-in user joins, if the invitation was sent to their e-mail address. */
  @Post('accept')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkspaceResponse })
  async accept(@CurrentCaller() caller: Caller, @Body() dto: AcceptInvitationDto): Promise<WorkspaceView> {
    const workspaceId = await this.invitations.accept(caller, dto.token);
    const [joined] = (await this.workspaces.listMine(caller.principal.user.id)).filter((workspace) => workspace.id === workspaceId);
    return joined;
  }
}
