import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtOnly, Public, RequirePermissions } from '../../access/access.decorators.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { AnonymousCaller, Caller } from '../../access/caller.js';
import { SignInRoute } from '../../access/limits/throttling.decorators.js';
import type { JwtPrincipal } from '../../access/principal.js';
import { UuidOr404Pipe } from '../../common/uuid.js';
import { ChangePasswordDto, type PasswordResetView, ResetPasswordDto, type SessionView } from './account.dto.js';
import { PasswordResetResponse, SessionViewResponse } from './account.responses.js';
import { AccountService } from './account.service.js';

/** @JwtOnly routes: the principal is a signed-in user. */
const signedIn = (caller: Caller) => caller.principal as JwtPrincipal;

/** Account security (API.md §10): the password, the sessions, and resets an admin issues. */
@ApiTags('auth')
@Controller()
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Post('auth/password')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'every other session ends; this one stays' })
  @HttpCode(204)
  @JwtOnly()
  async changePassword(@CurrentCaller() caller: Caller, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.account.changePassword(caller, signedIn(caller), dto);
  }

  @Get('auth/sessions')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [SessionViewResponse] })
  @JwtOnly()
  sessions(@CurrentCaller() caller: Caller): Promise<SessionView[]> {
    return this.account.sessions(signedIn(caller));
  }

  @Delete('auth/sessions/:id')
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @HttpCode(204)
  @JwtOnly()
  async endSession(@CurrentCaller() caller: Caller, @Param('id', new UuidOr404Pipe('session.not_found')) id: string): Promise<void> {
    await this.account.endSession(caller, signedIn(caller), id);
  }

  @Post('users/:id/password-reset')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: PasswordResetResponse, description: 'the token is shown once and works for an hour' })
  @JwtOnly()
  @RequirePermissions('users:write')
  issueReset(@CurrentCaller() caller: Caller, @Param('id', new UuidOr404Pipe('user.not_found')) userId: string): Promise<PasswordResetView> {
    return this.account.issueReset(caller, userId);
  }

  /** Public, and limited like sign-ins: a token is a credential. */
  @Post('auth/password-reset')
  @Public()
  @SignInRoute()
  @ApiNoContentResponse({ description: 'the new password is set and every session of the user ends' })
  @HttpCode(204)
  async resetPassword(@CurrentCaller() caller: AnonymousCaller, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.account.resetPassword(caller, dto);
  }
}
