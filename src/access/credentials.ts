import type { FastifyRequest } from 'fastify';
import type { KeyTransport } from './principal.js';

/** Where a request's credential was found (API.md §3: first match wins). */
export type Credential =
  | { kind: 'api_key'; key: string; transport: KeyTransport }
  | { kind: 'jwt'; token: string };

/** The credential the authentication guard found, kept on the request for the strategy. */
export const FOUND_CREDENTIAL = Symbol('keyward.credential');

/** A request as the guard leaves it for the credential's strategy. */
export type KeyRequest = FastifyRequest & { [FOUND_CREDENTIAL]?: Credential };

/** The API key credential the authentication guard found on this request, if any. */
export function credentialOf(request: FastifyRequest): Extract<Credential, { kind: 'api_key' }> | undefined {
  const credential = (request as KeyRequest)[FOUND_CREDENTIAL];
  return credential?.kind === 'api_key' ? credential : undefined;
}

export interface CredentialOptions {
  /** Recognises a value in key format, so a bearer key is told apart from a JWT. */
  looksLikeKey: (value: string) => boolean;
  queryParam: boolean;
}

type Headers = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

export function findCredential(headers: Headers, query: unknown, options: CredentialOptions): Credential | null {
  // Node lower-cases header names, so `X-API-Key` arrives as `x-api-key`.
  const headerKey = single(headers['x-api-key']);
  if (headerKey) return { kind: 'api_key', key: headerKey, transport: 'header' };

  const authorization = single(headers.authorization);
  if (authorization) {
    const match = /^bearer\s+(.+)$/i.exec(authorization);
    const value = match?.[1].trim();
    if (value && options.looksLikeKey(value)) return { kind: 'api_key', key: value, transport: 'bearer' };
    if (value) return { kind: 'jwt', token: value };
  }

  if (options.queryParam && query && typeof query === 'object') {
    const queryKey = single((query as Record<string, string | string[] | undefined>).apikey);
    if (queryKey) return { kind: 'api_key', key: queryKey, transport: 'query' };
  }
  return null;
}
