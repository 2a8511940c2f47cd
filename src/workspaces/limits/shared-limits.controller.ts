import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import type { NamedLimit } from '../../access/limits/quota.js';
import { SharedLimitsDto } from '../../access/limits/quota.dto.js';
import { SharedLimitsResponse } from '../../access/limits/quota.responses.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import { SharedLimitsService } from './shared-limits.service.js';

const MemberId = () => Param('userId', new UuidOr404Pipe('member.not_found'));

/** Limits all of a member's keys, or all of a workspace's keys, share (API.md §15). Set by signed-in admins only. */
@ApiTags('workspaces')
@ApiBearerAuth()
@JwtOnly()
@InWorkspace()
@Controller('workspaces/:ws')
export class SharedLimitsController {
  constructor(private readonly limits: SharedLimitsService) {}

  @Get('limits')
  @ApiOkResponse({ type: SharedLimitsResponse })
  @RequirePermissions('members:read')
  async workspace(@CurrentCaller() caller: Caller): Promise<{ limits: NamedLimit[] }> {
    return { limits: await this.limits.ofWorkspace(workspaceOf(caller)) };
  }

  @Put('limits')
  @ApiOkResponse({ type: SharedLimitsResponse })
  @RequirePermissions('members:write')
  async setWorkspace(@CurrentCaller() caller: Caller, @Body() dto: SharedLimitsDto): Promise<{ limits: NamedLimit[] }> {
    return { limits: await this.limits.setForWorkspace(caller, workspaceOf(caller), dto.limits) };
  }

  @Get('members/:userId/limits')
  @ApiOkResponse({ type: SharedLimitsResponse })
  @RequirePermissions('members:read')
  async member(@CurrentCaller() caller: Caller, @MemberId() userId: string): Promise<{ limits: NamedLimit[] }> {
    return { limits: await this.limits.ofMember(workspaceOf(caller), userId) };
  }

  @Put('members/:userId/limits')
  @ApiOkResponse({ type: SharedLimitsResponse })
  @RequirePermissions('members:write')
  async setMember(@CurrentCaller() caller: Caller, @MemberId() userId: string, @Body() dto: SharedLimitsDto): Promise<{ limits: NamedLimit[] }> {
    return { limits: await this.limits.setForMember(caller, workspaceOf(caller), userId, dto.limits) };
  }
}
