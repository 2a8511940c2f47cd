import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiSchema, ApiTags } from '@nestjs/swagger';
import { JwtOnly } from '../../access/access.decorators.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import { type AuthorizationView, AuthorizationsService } from './authorizations.service.js';

const time = { type: String, format: 'date-time' } as const;

@ApiSchema({ name: 'OAuthAuthorization' })
class AuthorizationResponse implements AuthorizationView {
  @ApiProperty({ description: 'the grant id' }) id!: string;
  @ApiProperty({ type: 'object', properties: { clientId: { type: 'string' }, name: { type: 'string' } } }) app!: { clientId: string; name: string };
  @ApiProperty({ type: 'object', properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' } } }) workspace!: { id: string; slug: string; name: string };
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty({ ...time, nullable: true }) expiresAt!: Date | null;
}

/** Apps I have authorized (API.md §11). Signed-in users only: no app lists or revokes grants. */
@ApiTags('oauth')
@ApiBearerAuth()
@JwtOnly()
@Controller('auth/authorizations')
export class AuthorizationsController {
  constructor(private readonly authorizations: AuthorizationsService) {}

  @Get()
  @ApiOkResponse({ type: [AuthorizationResponse] })
  list(@CurrentCaller() caller: Caller): Promise<AuthorizationView[]> {
    return this.authorizations.list(caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the grant and every token issued under it are gone' })
  async revoke(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.authorizations.revoke(caller, id);
  }
}
