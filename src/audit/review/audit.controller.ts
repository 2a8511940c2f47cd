import { CreditCost, Limit } from '../../access/limits/quota.decorators.js';
import { EXPORT_CREDIT_COST, EXPORT_LIMIT } from '../../access/limits/quota.js';
import { Controller, Get, Headers, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace, WORKSPACE_HEADER, workspacePaths } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import type { Page } from '../../common/pagination.js';
import { allowLongResponse } from '../../http/request-timeout.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import type { AuditEventView } from './audit-event.view.js';
import { AuditReader } from './audit-reader.js';
import { AuditExportQuery, AuditListQuery } from './audit.dto.js';
import { namedWorkspace, readsInstanceWide, visibilityOf } from './audit.policies.js';
import { AuditEventPage, AuditEventResponse, AuditExportedEventResponse } from './audit.responses.js';

const CONTENT_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' } as const;

/**
 * Reviewing the audit log (API.md §7) of the workspace of the call (§9). Without audit:read
 * there, a reader sees events about themselves and their keys; instance auditors read every
 * workspace's (visibilityOf, readsInstanceWide).
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiSecurity('api-key')
@InWorkspace()
@Controller(workspacePaths('audit-logs'))
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPage })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditListQuery,
    @Param('ws') ws?: string,
    @Headers(WORKSPACE_HEADER) header?: string,
  ): Promise<Page<AuditEventView>> {
    const { limit, cursor, all, ...filter } = query;
    const instanceWide = readsInstanceWide(caller, { all, namedWorkspace: namedWorkspace(ws, header) });
    return this.reader.list(visibilityOf(caller, instanceWide), filter, limit, cursor);
  }

  @Get('export')
  // A whole log streamed costs more than a page of it (API.md §15).
  @CreditCost(EXPORT_CREDIT_COST)
  @Limit(EXPORT_LIMIT)
  @ApiExtraModels(AuditExportedEventResponse)
  @ApiOkResponse({
    description: 'one AuditExportedEvent per line (ndjson: what `npm run audit:verify` checks offline) or a CSV table of the events, streamed',
    content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @RequirePermissions('audit:read')
  export(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditExportQuery,
    @Req() request: FastifyRequest,
    @Param('ws') ws?: string,
    @Headers(WORKSPACE_HEADER) header?: string,
  ): StreamableFile {
    const { format, all, ...filter } = query;
    const visibility = visibilityOf(caller, readsInstanceWide(caller, { all, namedWorkspace: namedWorkspace(ws, header) }));
    allowLongResponse(request);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(Readable.from(this.reader.export(visibility, filter, format)), {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="keyward-audit-${stamp}.${format}"`,
    });
  }

  @Get(':id')
  @ApiOkResponse({ type: AuditEventResponse })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidOr404Pipe('audit.not_found')) id: string,
    @Param('ws') ws?: string,
    @Headers(WORKSPACE_HEADER) header?: string,
  ): Promise<AuditEventView> {
    return this.reader.get(visibilityOf(caller, readsInstanceWide(caller, { namedWorkspace: namedWorkspace(ws, header) })), id);
  }
}
