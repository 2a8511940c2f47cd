import type { FastifyRequest } from 'fastify';
import type { AuthMethod, CredentialTransport } from './principal.js';

/** A credential as the request carries it, before anyone has said what kind it is. */
export interface PresentedCredential {
  value: string;
  transport: CredentialTransport;
}

/** A presented credential once a verifier has recognised it as its own. */
export interface FoundCredential extends PresentedCredential {
  kind: AuthMethod;
}

/** The credential the authentication guard found, kept on the request for the verifier's strategy. */
export const FOUND_CREDENTIAL = Symbol('keyward.credential');

/** A request as the guard leaves it for the credential's strategy. */
export type CredentialRequest = FastifyRequest & { [FOUND_CREDENTIAL]?: FoundCredential };

/** The credential the authentication guard found on this request, if any. */
export function credentialOf(request: FastifyRequest): FoundCredential | undefined {
  return (request as CredentialRequest)[FOUND_CREDENTIAL];
}

type Headers = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/** Where a request's credential sits (API.md §3: first match wins); which kind it is, the verifiers say. */
export function findCredential(headers: Headers, query: unknown, queryParam: boolean): PresentedCredential | null {
  // Node lower-cases header names, so `X-API-Key` arrives as `x-api-key`.
  const headerKey = single(headers['x-api-key']);
  if (headerKey) return { value: headerKey, transport: 'header' };

  const authorization = single(headers.authorization);
  if (authorization) {
    const value = /^bearer\s+(.+)$/i.exec(authorization)?.[1].trim();
    if (value) return { value, transport: 'bearer' };
  }

  if (queryParam && query && typeof query === 'object') {
    const queryKey = single((query as Record<string, string | string[] | undefined>).apikey);
    if (queryKey) return { value: queryKey, transport: 'query' };
  }
  return null;
}
