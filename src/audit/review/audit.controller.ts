import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { RequirePermissions } from '../../access/access.decorators.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import type { Page } from '../../common/pagination.js';
import { allowLongResponse } from '../../http/request-timeout.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import type { AuditEventView } from './audit-event.view.js';
import { type AllChainsVerifyResult, AuditReader, type VerifyResult } from './audit-reader.js';
import { AuditExportQuery, AuditListQuery, AuditVerifyQuery } from './audit.dto.js';
import { AllChainsVerifyResultResponse, AuditEventPage, AuditEventResponse, VerifyResultResponse } from './audit.responses.js';

const CONTENT_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' } as const;

/** Reviewing the audit log (API.md §7). Without audit:read, a reader sees events about themselves and their keys. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPage })
  list(@CurrentCaller() caller: Caller, @Query() query: AuditListQuery): Promise<Page<AuditEventView>> {
    const { limit, cursor, ...filter } = query;
    return this.reader.list(caller, filter, limit, cursor);
  }

  @Get('export')
  @ApiOkResponse({
    description: 'one event per line (ndjson) or a CSV table, streamed',
    content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @RequirePermissions('audit:read')
  export(@Query() query: AuditExportQuery, @Req() request: FastifyRequest): StreamableFile {
    allowLongResponse(request);
    const { format, ...filter } = query;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(Readable.from(this.reader.export(filter, format)), {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="keyward-audit-${stamp}.${format}"`,
    });
  }

  /** The instance chain; with ?all=true every chain, each workspace's included. */
  @Get('verify')
  @ApiExtraModels(VerifyResultResponse, AllChainsVerifyResultResponse)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(VerifyResultResponse) }, { $ref: getSchemaPath(AllChainsVerifyResultResponse) }] } })
  @RequirePermissions('audit:read')
  verify(@Query() query: AuditVerifyQuery): Promise<VerifyResult | AllChainsVerifyResult> {
    return query.all ? this.reader.verifyAll() : this.reader.verify();
  }

  @Get(':id')
  @ApiOkResponse({ type: AuditEventResponse })
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidOr404Pipe('audit.not_found')) id: string): Promise<AuditEventView> {
    return this.reader.get(caller, id);
  }
}
