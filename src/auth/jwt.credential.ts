import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type CredentialVerifier, VerifiesCredential } from '../access/credential-verifiers.js';
import type { PresentedCredential } from '../access/credentials.js';
import { createPassportGuard } from '../access/passport-guard.js';
import { JwtStrategy } from './jwt.strategy.js';

/** A compact JWS: three base64url parts (the signature may be empty, as in `alg: none`, which the strategy refuses). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Access tokens come as `Authorization: Bearer` and look like a JWT; passport-jwt verifies them. */
@VerifiesCredential()
@Injectable()
export class JwtCredential implements CredentialVerifier {
  readonly kind = 'jwt' as const;
  private readonly guard: CanActivate;

  constructor(strategy: JwtStrategy) {
    this.guard = createPassportGuard(strategy.strategyName, 'auth.token_invalid');
  }

  recognises(credential: PresentedCredential): boolean {
    return credential.transport === 'bearer' && JWT_SHAPE.test(credential.value);
  }

  verify(context: ExecutionContext): Promise<unknown> {
    return this.guard.canActivate(context) as Promise<boolean>;
  }
}
