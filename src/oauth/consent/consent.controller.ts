import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiSchema, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { JwtOnly } from '../../access/access.decorators.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import { ConsentService, type ConsentRequestView } from './consent.service.js';

export class ConsentDecisionDto {
  @ApiProperty({ description: 'true: Allow; false: Deny (the app gets error=access_denied)' })
  @IsBoolean()
  allow: boolean;
}

@ApiSchema({ name: 'OAuthConsentRequest' })
class ConsentRequestResponse implements ConsentRequestView {
  @ApiProperty() uid!: string;
  @ApiProperty({ type: 'object', properties: { name: { type: 'string' }, clientId: { type: 'string' } } }) app!: { name: string; clientId: string };
  @ApiProperty({ type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, slug: { type: 'string' } } }) workspace!: { id: string; name: string; slug: string };
  @ApiProperty({ type: [String] }) scopes!: string[];
}

@ApiSchema({ name: 'OAuthConsentDecision' })
class ConsentDecisionResponse {
  @ApiProperty({ description: 'where the user agent resumes the authorization' }) redirectTo!: string;
}

/** The consent step of /oauth/authorize (API.md §11), for the signed-in user the authorization redirected. */
@ApiTags('oauth')
@ApiBearerAuth()
@JwtOnly()
@Controller('oauth/interactions')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get(':uid')
  @ApiOkResponse({ type: ConsentRequestResponse })
  describe(@CurrentCaller() caller: Caller, @Param('uid') uid: string): Promise<ConsentRequestView> {
    return this.consent.describe(caller, uid);
  }

  @Post(':uid')
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentDecisionResponse })
  decide(@CurrentCaller() caller: Caller, @Param('uid') uid: string, @Body() dto: ConsentDecisionDto): Promise<{ redirectTo: string }> {
    return this.consent.decide(caller, uid, dto.allow);
  }
}
