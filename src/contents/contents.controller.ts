import { Limit } from '../access/limits/quota.decorators.js';
import { WRITES_LIMIT } from '../access/limits/quota.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../access/access.decorators.js';
import { CurrentCaller } from '../access/caller.decorator.js';
import type { Caller } from '../access/caller.js';
import { InWorkspace, workspacePaths } from '../access/call-workspace.js';
import { PageQuery, type Page } from '../common/pagination.js';
import { UuidOr404Pipe } from '../common/uuid.js';
import { type ContentView, CreateContentDto, UpdateContentDto } from './contents.dto.js';
import { ContentsService } from './contents.service.js';
import { ContentPage, ContentResponse } from './contents.responses.js';

const ContentId = () => Param('id', new UuidOr404Pipe('content.not_found'));

@ApiTags('contents')
@ApiBearerAuth()
@ApiSecurity('api-key')
@InWorkspace()
@Controller(workspacePaths('contents'))
export class ContentsController {
  constructor(private readonly contents: ContentsService) {}

  @Get()
  @ApiOkResponse({ type: ContentPage })
  @RequirePermissions('contents:read')
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<ContentView>> {
    return this.contents.list(caller, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ContentResponse })
  @RequirePermissions('contents:read')
  get(@CurrentCaller() caller: Caller, @ContentId() id: string): Promise<ContentView> {
    return this.contents.get(caller, id);
  }

  @Post()
  @ApiCreatedResponse({ type: ContentResponse })
  @Limit(WRITES_LIMIT)
  @RequirePermissions('contents:write')
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateContentDto): Promise<ContentView> {
    return this.contents.create(caller, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ContentResponse })
  @Limit(WRITES_LIMIT)
  @RequirePermissions('contents:write')
  update(@CurrentCaller() caller: Caller, @ContentId() id: string, @Body() dto: UpdateContentDto): Promise<ContentView> {
    return this.contents.update(caller, id, dto);
  }

  @Delete(':id')
  @ApiNoContentResponse()
  @HttpCode(204)
  @Limit(WRITES_LIMIT)
  @RequirePermissions('contents:delete')
  async remove(@CurrentCaller() caller: Caller, @ContentId() id: string): Promise<void> {
    await this.contents.remove(caller, id);
  }
}
