import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { type Page, PageQuery } from '../../common/pagination.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import { type MemberView, MembersService } from './members.service.js';
import { ChangeMemberRoleDto } from '../workspaces.dto.js';
import { MemberPage, MemberResponse } from '../workspaces.responses.js';

const MemberId = () => Param('userId', new UuidOr404Pipe('member.not_found'));

@ApiTags('workspaces')
@ApiBearerAuth()
@JwtOnly()
@InWorkspace()
@Controller('workspaces/:ws/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: MemberPage })
  @RequirePermissions('members:read')
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<MemberView>> {
    return this.members.list(workspaceOf(caller), query);
  }

  @Patch(':userId')
  @ApiOkResponse({ type: MemberResponse })
  @RequirePermissions('members:write')
  changeRole(@CurrentCaller() caller: Caller, @MemberId() userId: string, @Body() dto: ChangeMemberRoleDto): Promise<MemberView> {
    return this.members.changeRole(caller, workspaceOf(caller), userId, dto.role);
  }

  /** `members:write`, or your own id: leaving. */
  @Delete(':userId')
  @ApiNoContentResponse()
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @MemberId() userId: string): Promise<void> {
    await this.members.remove(caller, workspaceOf(caller), userId);
  }
}
