import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import { KeyVerification } from './key-verification.service.js';
import type { Verdict } from './verdict.js';
import { VerifyKeyDto } from './verify.dto.js';
import { VerdictResponse } from './verify.responses.js';

/** Other services check the keys their clients send (API.md §12), with a key of the same workspace holding keys:verify. */
@ApiTags('api-keys')
@ApiSecurity('api-key')
@ApiBearerAuth()
@InWorkspace()
@Controller('keys')
export class VerifyController {
  constructor(private readonly verification: KeyVerification) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: VerdictResponse, description: 'always 200 for a well-formed call: valid, or the code the key would get' })
  @RequirePermissions('keys:verify')
  verify(@CurrentCaller() caller: Caller, @Body() dto: VerifyKeyDto): Promise<Verdict> {
    return this.verification.verify(caller, dto);
  }
}
