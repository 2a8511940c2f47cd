import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type CredentialVerifier, VerifiesCredential } from '../../access/credential-verifiers.js';
import type { PresentedCredential } from '../../access/credentials.js';
import { createPassportGuard } from '../../access/passport-guard.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { ApiKeyVerifier } from './api-key.verifier.js';

/**
 * API keys (API.md §3): whatever comes in `X-API-Key` or `?apikey=` — a malformed value there is
 * still a key attempt, refused and audited as one — and a bearer value in key format.
 */
@VerifiesCredential()
@Injectable()
export class ApiKeyCredential implements CredentialVerifier {
  readonly kind = 'api_key' as const;
  private readonly guard: CanActivate;

  constructor(
    strategy: ApiKeyStrategy,
    private readonly verifier: ApiKeyVerifier,
  ) {
    this.guard = createPassportGuard(strategy.strategyName, 'api_key.invalid');
  }

  recognises(credential: PresentedCredential): boolean {
    return credential.transport !== 'bearer' || this.verifier.format.looksLikeKey(credential.value);
  }

  verify(context: ExecutionContext): Promise<unknown> {
    return this.guard.canActivate(context) as Promise<boolean>;
  }
}
