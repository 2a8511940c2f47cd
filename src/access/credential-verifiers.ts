import { type ExecutionContext, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { PresentedCredential } from './credentials.js';
import type { AuthMethod } from './principal.js';

/**
 * One kind of credential. Its feature module provides it, marked @VerifiesCredential(); the
 * authentication guard finds it through CredentialVerifiers and never names a kind itself.
 */
export interface CredentialVerifier {
  /** The principal kind it produces: the `authMethod` of the principal it sets. */
  readonly kind: AuthMethod;
  /** Is this credential one of ours? By shape and transport only: no I/O, it runs on every request. */
  recognises(credential: PresentedCredential): boolean;
  /** Verifies the credential and sets `request.user`, or throws the refusal. */
  verify(context: ExecutionContext): Promise<unknown>;
}

/** Marks a provider as a credential verifier: Nest has no multi-providers, discovery collects them. */
export const VerifiesCredential = DiscoveryService.createDecorator<void>();

/** Every registered verifier, asked in turn which one a presented credential belongs to. */
@Injectable()
export class CredentialVerifiers implements OnModuleInit {
  private verifiers: readonly CredentialVerifier[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.use(
      this.discovery
        .getProviders({ metadataKey: VerifiesCredential.KEY })
        .map((wrapper) => wrapper.instance as CredentialVerifier)
        .filter(Boolean),
    );
  }

  /** Recognition must be unambiguous: two verifiers for one kind would make the answer depend on module order. */
  use(verifiers: readonly CredentialVerifier[]): void {
    const kinds = verifiers.map((verifier) => verifier.kind);
    const repeated = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
    if (repeated) throw new Error(`two credential verifiers for kind "${repeated}"`);
    this.verifiers = verifiers;
  }

  /** The verifier whose kind this credential is, or undefined when no registered kind recognises it. */
  for(credential: PresentedCredential): CredentialVerifier | undefined {
    for (const verifier of this.verifiers) if (verifier.recognises(credential)) return verifier;
    return undefined;
  }
}
