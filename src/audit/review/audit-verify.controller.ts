import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { type AllChainsVerifyResult, AuditReader, type VerifyResult } from './audit-reader.js';
import { AuditVerifyQuery } from './audit.dto.js';
import { AllChainsVerifyResultResponse, VerifyResultResponse } from './audit.responses.js';

/** The instance chain, and with ?all=true every chain (instance audit:read). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class InstanceChainsController {
  constructor(private readonly reader: AuditReader) {}

  @Get('verify')
  @ApiExtraModels(VerifyResultResponse, AllChainsVerifyResultResponse)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(VerifyResultResponse) }, { $ref: getSchemaPath(AllChainsVerifyResultResponse) }] } })
  @RequirePermissions('audit:read')
  verify(@Query() query: AuditVerifyQuery): Promise<VerifyResult | AllChainsVerifyResult> {
    return query.all ? this.reader.verifyAll() : this.reader.verify();
  }
}

/** A workspace's own chain (API.md §9): its admins verify it without the instance's. */
@ApiTags('audit')
@ApiBearerAuth()
@InWorkspace()
@Controller('workspaces/:ws/audit-logs')
export class WorkspaceChainController {
  constructor(private readonly reader: AuditReader) {}

  @Get('verify')
  @ApiOkResponse({ type: VerifyResultResponse, description: 'recomputes the workspace’s hash chain' })
  @RequirePermissions('audit:read')
  verify(@CurrentCaller() caller: Caller): Promise<VerifyResult> {
    return this.reader.verify(workspaceOf(caller).id);
  }
}
