import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly } from '../../access/access.decorators.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import { DisableTwoFactorDto, TwoFactorCodeDto, type TwoFactorSetup } from './two-factor.dto.js';
import { RecoveryCodesResponse, TwoFactorSetupResponse } from './two-factor.responses.js';
import { TwoFactorService } from './two-factor.service.js';

/** Turning two-factor sign-in on and off (API.md §10): the signed-in user, never a key. */
@ApiTags('auth')
@ApiBearerAuth()
@JwtOnly()
@Controller('auth/2fa')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post('setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TwoFactorSetupResponse })
  setup(@CurrentCaller() caller: Caller): Promise<TwoFactorSetup> {
    return this.twoFactor.setup(caller.principal.user.id);
  }

  @Post('enable')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async enable(@CurrentCaller() caller: Caller, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.twoFactor.enable(caller, dto.code) };
  }

  @Post('disable')
  @HttpCode(204)
  @ApiNoContentResponse()
  async disable(@CurrentCaller() caller: Caller, @Body() dto: DisableTwoFactorDto): Promise<void> {
    await this.twoFactor.disable(caller, dto);
  }
}
