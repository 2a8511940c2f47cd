import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, RequirePermissions } from '../access/access.decorators.js';
import { InWorkspace } from '../access/call-workspace.js';
import { CurrentCaller } from '../access/caller.decorator.js';
import { type Caller, workspaceOf } from '../access/caller.js';
import { UuidOr404Pipe } from '../common/uuid.js';
import { CreateOAuthAppDto, UpdateOAuthAppDto } from './oauth-apps.dto.js';
import { CreatedOAuthAppResponse, OAuthAppResponse } from './oauth-apps.responses.js';
import { OAuthAppsService } from './oauth-apps.service.js';
import type { CreatedOAuthAppView, OAuthAppView } from './oauth-app.view.js';

const AppId = () => Param('id', new UuidOr404Pipe('oauth_app.not_found'));

/** A workspace's OAuth apps (API.md §11). Managing apps is JWT-only: no key or OAuth token registers one. */
@ApiTags('oauth-apps')
@ApiBearerAuth()
@JwtOnly()
@InWorkspace()
@Controller('workspaces/:ws/oauth-apps')
export class OAuthAppsController {
  constructor(private readonly apps: OAuthAppsService) {}

  @Get()
  @ApiOkResponse({ type: [OAuthAppResponse] })
  @RequirePermissions('apps:read')
  list(@CurrentCaller() caller: Caller): Promise<OAuthAppView[]> {
    return this.apps.list(workspaceOf(caller));
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedOAuthAppResponse, description: 'a confidential app’s secret is shown here only' })
  @RequirePermissions('apps:write')
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateOAuthAppDto): Promise<CreatedOAuthAppView> {
    return this.apps.create(caller, workspaceOf(caller), dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: OAuthAppResponse })
  @RequirePermissions('apps:read')
  get(@CurrentCaller() caller: Caller, @AppId() id: string): Promise<OAuthAppView> {
    return this.apps.get(workspaceOf(caller), id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: OAuthAppResponse })
  @RequirePermissions('apps:write')
  update(@CurrentCaller() caller: Caller, @AppId() id: string, @Body() dto: UpdateOAuthAppDto): Promise<OAuthAppView> {
    return this.apps.update(caller, workspaceOf(caller), id, dto);
  }

  @Post(':id/rotate-secret')
  @ApiOkResponse({ type: CreatedOAuthAppResponse, description: 'the new secret, shown here only; the old one stops working' })
  @HttpCode(200)
  @RequirePermissions('apps:write')
  rotateSecret(@CurrentCaller() caller: Caller, @AppId() id: string): Promise<CreatedOAuthAppView> {
    return this.apps.rotateSecret(caller, workspaceOf(caller), id);
  }

  @Delete(':id')
  @ApiNoContentResponse({ description: 'the app and every token it holds are gone' })
  @HttpCode(204)
  @RequirePermissions('apps:write')
  async remove(@CurrentCaller() caller: Caller, @AppId() id: string): Promise<void> {
    await this.apps.remove(caller, workspaceOf(caller), id);
  }
}
