import { CreditCost } from '../access/limits/quota.decorators.js';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller, principalAndWorkspace } from '../access/caller.decorator.js';
import type { AnonymousCaller } from '../access/caller.js';
import { InWorkspace } from '../access/call-workspace.js';
import { meOf } from './me.js';
import type { AppConfig } from '../config/app-config.js';
import { SignInRoute } from '../access/limits/throttling.decorators.js';
import { type AuthenticatedRequest, Public } from '../access/access.decorators.js';
import { LoginDto, RefreshDto, RegisterDto, type CookieSessionResponse, type MeResponse, type SessionResponse } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { clearSessionCookie, refreshTokenFrom, setSessionCookie, wantsCookieSession } from './session-cookie.js';
import { MeResponseSchema, SessionResponseSchema } from './auth.responses.js';
import { type MfaChallenge, SecondFactorDto } from './two-factor/two-factor.dto.js';
import { MfaChallengeResponse } from './two-factor/two-factor.responses.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly secureCookies: boolean;
  private readonly refreshTtlSeconds: number;

  constructor(
    private readonly auth: AuthService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secureCookies = config.get('nodeEnv', { infer: true }) === 'production';
    this.refreshTtlSeconds = config.get('jwt', { infer: true }).refreshTtlSeconds;
  }

  @Public()
  @ApiCreatedResponse({ type: SessionResponseSchema })
  @SignInRoute()
  @Post('register')
  async register(
    @Body() dto: RegisterDto,
    @CurrentCaller() caller: AnonymousCaller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse | CookieSessionResponse> {
    return this.withSession(request, reply, await this.auth.register(caller, dto));
  }

  @Public()
  @ApiExtraModels(SessionResponseSchema, MfaChallengeResponse)
  @ApiOkResponse({
    description: 'a session, or with two-factor sign-in on, the challenge POST /auth/login/2fa answers',
    schema: { oneOf: [{ $ref: getSchemaPath(SessionResponseSchema) }, { $ref: getSchemaPath(MfaChallengeResponse) }] },
  })
  @SignInRoute()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @CurrentCaller() caller: AnonymousCaller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse | CookieSessionResponse | MfaChallenge> {
    const outcome = await this.auth.login(caller, dto);
    return 'mfaRequired' in outcome ? outcome : this.withSession(request, reply, outcome);
  }

  @Public()
  @ApiOkResponse({ type: SessionResponseSchema })
  @SignInRoute()
  @Post('login/2fa')
  @HttpCode(200)
  async loginSecondFactor(
    @Body() dto: SecondFactorDto,
    @CurrentCaller() caller: AnonymousCaller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse | CookieSessionResponse> {
    return this.withSession(request, reply, await this.auth.loginSecondFactor(caller, dto));
  }

  @Public()
  @ApiOkResponse({ type: SessionResponseSchema })
  @SignInRoute()
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Body() dto: RefreshDto,
    @CurrentCaller() caller: AnonymousCaller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse | CookieSessionResponse> {
    return this.withSession(request, reply, await this.auth.refresh(caller, refreshTokenFrom(request, dto.refreshToken)));
  }

  @Public()
  @ApiNoContentResponse()
  @Post('logout')
  @HttpCode(204)
  // Public and able to do work for anyone: without the sign-in limit, a flood of logouts costs nothing to send.
  @SignInRoute()
  async logout(
    @Body() dto: RefreshDto,
    @CurrentCaller() caller: AnonymousCaller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(caller, refreshTokenFrom(request, dto.refreshToken));
    if (wantsCookieSession(request)) clearSessionCookie(reply, this.secureCookies);
  }

  @Get('me')
  // Asking who you are spends no credits: a client can read X-Credits-Remaining for free.
  @CreditCost(0)
  @ApiOkResponse({ type: MeResponseSchema })
  @ApiBearerAuth()
  @ApiSecurity('api-key')
  @InWorkspace()
  me(@Req() request: AuthenticatedRequest): MeResponse {
    const { principal, workspace } = principalAndWorkspace(request);
    return meOf(principal, workspace);
  }

  /** A cookie session gets its refresh token only as the httpOnly cookie, out of reach of the page's scripts. */
  private withSession(request: FastifyRequest, reply: FastifyReply, session: SessionResponse): SessionResponse | CookieSessionResponse {
    if (!wantsCookieSession(request)) return session;
    const { refreshToken, ...rest } = session;
    setSessionCookie(reply, refreshToken, this.refreshTtlSeconds, this.secureCookies);
    return rest;
  }
}
