import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import type { FastifyRequest } from 'fastify';
import { allowLongResponse } from '../../http/request-timeout.js';
import type { AllChainsVerifyResult, VerifyResult } from '../verification/verify-result.js';
import { AuditReader } from './audit-reader.js';
import { AuditVerifyQuery, ChainVerifyQuery } from './audit.dto.js';
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
  verify(@Query() query: AuditVerifyQuery, @Req() request: FastifyRequest): Promise<VerifyResult | AllChainsVerifyResult> {
    // A full walk of a large chain outlasts REQUEST_TIMEOUT_MS, as a long export does.
    allowLongResponse(request);
    const options = { full: query.full };
    return query.all ? this.reader.verifyAll(options) : this.reader.verify(undefined, options);
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
  @ApiOkResponse({ type: VerifyResultResponse, description: 'recomputes the workspace’s hash chain: what is newer than its last verified checkpoint, or all of it with ?full=true' })
  @RequirePermissions('audit:read')
  verify(@CurrentCaller() caller: Caller, @Query() query: ChainVerifyQuery, @Req() request: FastifyRequest): Promise<VerifyResult> {
    allowLongResponse(request);
    return this.reader.verify(workspaceOf(caller).id, { full: query.full });
  }
}
