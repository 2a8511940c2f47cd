import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace, workspacePaths } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import type { Page } from '../../common/pagination.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import { ApiKeyUsageService, type UsageReport } from '../usage/usage-report.service.js';
import type { ApiKeyView, CreatedApiKeyView, TransferredApiKeyView } from './api-key.view.js';
import { CreateApiKeyDto, ListApiKeysQuery, RotateApiKeyDto, TransferApiKeyDto, UpdateApiKeyDto, UsageQuery } from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPage, ApiKeyResponse, CreatedApiKeyResponse, RevokedCountResponse, TransferredApiKeyResponse, UsageReportResponse } from './api-keys.responses.js';

const KeyId = () => Param('id', new UuidOr404Pipe('api_key.not_found'));

/** Key management needs a signed-in user: a leaked key can never mint, widen or un-revoke keys. Keys live in the workspace of the call. */
@ApiTags('api-keys')
@ApiBearerAuth()
@JwtOnly()
@InWorkspace()
@Controller(workspacePaths('api-keys'))
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly usageReports: ApiKeyUsageService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @RequirePermissions('keys:write')
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.keys.create(caller, dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyPage })
  @RequirePermissions('keys:read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    return this.keys.list(caller, query);
  }

  @Post('revoke-all')
  @HttpCode(200)
  @ApiOkResponse({ type: RevokedCountResponse })
  @RequirePermissions('keys:write')
  revokeAll(@CurrentCaller() caller: Caller): Promise<{ revoked: number }> {
    return this.keys.revokeAll(caller);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiKeyResponse })
  @RequirePermissions('keys:read')
  get(@CurrentCaller() caller: Caller, @KeyId() id: string): Promise<ApiKeyView> {
    return this.keys.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ApiKeyResponse })
  @RequirePermissions('keys:write')
  update(@CurrentCaller() caller: Caller, @KeyId() id: string, @Body() dto: UpdateApiKeyDto): Promise<ApiKeyView> {
    return this.keys.update(caller, id, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyResponse })
  @RequirePermissions('keys:write')
  revoke(@CurrentCaller() caller: Caller, @KeyId() id: string): Promise<ApiKeyView> {
    return this.keys.revoke(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @RequirePermissions('keys:write')
  async remove(@CurrentCaller() caller: Caller, @KeyId() id: string): Promise<void> {
    await this.keys.remove(caller, id);
  }

  @Post(':id/rotate')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @RequirePermissions('keys:write')
  rotate(@CurrentCaller() caller: Caller, @KeyId() id: string, @Body() dto: RotateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.keys.rotate(caller, id, dto.gracePeriodSeconds ?? 0);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOkResponse({ type: TransferredApiKeyResponse })
  @RequirePermissions('keys:admin')
  transfer(@CurrentCaller() caller: Caller, @KeyId() id: string, @Body() dto: TransferApiKeyDto): Promise<TransferredApiKeyView> {
    return this.keys.transfer(caller, id, dto.userId);
  }

  @Get(':id/usage')
  @ApiOkResponse({ type: UsageReportResponse })
  @RequirePermissions('keys:read')
  usage(@CurrentCaller() caller: Caller, @KeyId() id: string, @Query() query: UsageQuery): Promise<UsageReport> {
    return this.usageReports.usage(caller, id, query);
  }
}
