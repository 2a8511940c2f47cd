import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext } from '../access/request-context.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { CurrentPrincipal, JwtOnly, RequirePermissions } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import type { Page } from '../common/pagination.js';
import { UuidOr404Pipe } from '../common/uuid.js';
import { ApiKeyUsageService, type UsageReport } from './usage/usage-report.service.js';
import type { ApiKeyView, CreatedApiKeyView } from './api-key.view.js';
import { CreateApiKeyDto, ListApiKeysQuery, RotateApiKeyDto, UpdateApiKeyDto, UsageQuery } from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPage, ApiKeyResponse, CreatedApiKeyResponse, RevokedCountResponse, UsageReportResponse } from './api-keys.responses.js';

const KeyId = () => Param('id', new UuidOr404Pipe('api_key.not_found'));

/** Key management needs a signed-in user: a leaked key can never mint, widen or un-revoke keys. */
@ApiTags('api-keys')
@ApiBearerAuth()
@JwtOnly()
@Controller('api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly usageReports: ApiKeyUsageService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @RequirePermissions('keys:write')
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateApiKeyDto, @AuditContext() context: RequestContext): Promise<CreatedApiKeyView> {
    return this.keys.create(actor, dto, context);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyPage })
  @RequirePermissions('keys:read')
  list(@CurrentPrincipal() actor: Principal, @Query() query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    return this.keys.list(actor, query);
  }

  @Post('revoke-all')
  @HttpCode(200)
  @ApiOkResponse({ type: RevokedCountResponse })
  @RequirePermissions('keys:write')
  revokeAll(@CurrentPrincipal() actor: Principal, @AuditContext() context: RequestContext): Promise<{ revoked: number }> {
    return this.keys.revokeAll(actor, context);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiKeyResponse })
  @RequirePermissions('keys:read')
  get(@CurrentPrincipal() actor: Principal, @KeyId() id: string): Promise<ApiKeyView> {
    return this.keys.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ApiKeyResponse })
  @RequirePermissions('keys:write')
  update(@CurrentPrincipal() actor: Principal, @KeyId() id: string, @Body() dto: UpdateApiKeyDto, @AuditContext() context: RequestContext): Promise<ApiKeyView> {
    return this.keys.update(actor, id, dto, context);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyResponse })
  @RequirePermissions('keys:write')
  revoke(@CurrentPrincipal() actor: Principal, @KeyId() id: string, @AuditContext() context: RequestContext): Promise<ApiKeyView> {
    return this.keys.revoke(actor, id, context);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @RequirePermissions('keys:write')
  async remove(@CurrentPrincipal() actor: Principal, @KeyId() id: string, @AuditContext() context: RequestContext): Promise<void> {
    await this.keys.remove(actor, id, context);
  }

  @Post(':id/rotate')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @RequirePermissions('keys:write')
  rotate(@CurrentPrincipal() actor: Principal, @KeyId() id: string, @Body() dto: RotateApiKeyDto, @AuditContext() context: RequestContext): Promise<CreatedApiKeyView> {
    return this.keys.rotate(actor, id, dto.gracePeriodSeconds ?? 0, context);
  }

  @Get(':id/usage')
  @ApiOkResponse({ type: UsageReportResponse })
  @RequirePermissions('keys:read')
  usage(@CurrentPrincipal() actor: Principal, @KeyId() id: string, @Query() query: UsageQuery): Promise<UsageReport> {
    return this.usageReports.usage(actor, id, query);
  }
}
