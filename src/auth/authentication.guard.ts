import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors/app-error.js';
import { type AuthenticatedRequest, IS_PUBLIC } from './auth.decorators.js';
import { findCredential, type CredentialOptions } from './credentials.js';
import { JwtStrategy } from './jwt.strategy.js';
import { createPassportGuard } from './passport-guard.js';

/**
 * The global guard: every route needs a principal unless marked @Public(). It finds the
 * credential (API key or JWT) and hands it to the matching passport strategy.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly jwt: CanActivate;

  constructor(
    private readonly reflector: Reflector,
    jwtStrategy: JwtStrategy,
  ) {
    this.jwt = createPassportGuard(jwtStrategy.strategyName, 'auth.token_invalid');
  }

  protected credentialOptions: CredentialOptions = { looksLikeKey: () => false, queryParam: false };

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credential = findCredential(request.headers, request.query, this.credentialOptions);
    if (!credential) throw new AppError('auth.required');
    return this.jwt.canActivate(context) as Promise<boolean>;
  }
}
