import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../common/errors/app-error.js';
import type { Principal } from './principal.js';

/** Runs the passport-jwt strategy; any failure of the token itself is `auth.token_invalid`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T = Principal>(error: unknown, principal: T | false): T {
    if (error) throw error instanceof AppError ? error : new AppError('auth.token_invalid');
    if (!principal) throw new AppError('auth.token_invalid');
    return principal;
  }
}
