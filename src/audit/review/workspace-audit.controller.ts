import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { AuditReader, type VerifyResult } from './audit-reader.js';
import { VerifyResultResponse } from './audit.responses.js';

/** A workspace's own audit log (API.md §9): its admins verify its chain without the instance's. */
@ApiTags('audit')
@ApiBearerAuth()
@InWorkspace()
@Controller('workspaces/:ws/audit-logs')
export class WorkspaceAuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get('verify')
  @ApiOkResponse({ type: VerifyResultResponse, description: 'recomputes the workspace’s hash chain' })
  @RequirePermissions('audit:read')
  verify(@CurrentCaller() caller: Caller): Promise<VerifyResult> {
    return this.reader.verify(workspaceOf(caller).id);
  }
}
