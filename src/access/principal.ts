import type { KeyQuota } from './limits/quota.js';

/** Who is calling. Every kind of credential makes its own member of the union, told apart by `authMethod`. */

export interface PrincipalUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: Date;
  twoFactorEnabled: boolean;
}

export interface PrincipalKey {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  rateLimit: number;
  expiresAt: Date | null;
  /** The workspace the key belongs to and acts in (API.md §9). */
  workspaceId: string;
  /** Its credits and named limits (API.md §15). */
  quota: KeyQuota;
}

export type CredentialTransport = 'header' | 'bearer' | 'query';
/** How a key reached the verifier: on a request of its own, or in the body of POST /keys/verify. */
export type KeyTransport = CredentialTransport | 'body';

interface PrincipalBase {
  user: PrincipalUser;
  /** Effective permissions: the user's roles, narrowed by whatever the credential limits them to. */
  permissions: string[];
}

/** A signed-in user (access token). */
export interface JwtPrincipal extends PrincipalBase {
  authMethod: 'jwt';
  /** The sign-in (refresh-token family) the access token belongs to: "this session". */
  sessionId: string;
}

/** A user acting through one of their API keys: permissions narrowed by the key's scopes. */
export interface ApiKeyPrincipal extends PrincipalBase {
  authMethod: 'api_key';
  apiKey: PrincipalKey;
}

/** The OAuth grant an access token was issued under (API.md §11). */
export interface PrincipalGrant {
  grantId: string;
  clientId: string;
  /** The workspace of the app the user consented to: the token acts there only. */
  workspaceId: string;
  /** The permissions the granted scopes stand for (aliases expanded). */
  scopes: string[];
}

/** A third-party app acting for the user who consented: the user's permissions there ∩ the granted scopes. */
export interface OAuthPrincipal extends PrincipalBase {
  authMethod: 'oauth';
  grant: PrincipalGrant;
}

/**
 * A new credential kind (an OAuth token, say) adds a member here; every `switch` on `authMethod`
 * ends in assertNever, so the compiler then names each place that has to decide about it.
 */
export type Principal = JwtPrincipal | ApiKeyPrincipal | OAuthPrincipal;
export type AuthMethod = Principal['authMethod'];

/** The end of an exhaustive switch: compiles only when every case above it is handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled principal kind: ${JSON.stringify((value as { authMethod?: unknown } | null)?.authMethod ?? value)}`);
}

/** The key a principal acts through, if it is one. */
export function principalKey(principal: Principal): PrincipalKey | undefined {
  switch (principal.authMethod) {
    case 'jwt':
    case 'oauth':
      return undefined;
    case 'api_key':
      return principal.apiKey;
    default:
      return assertNever(principal);
  }
}

/** A credential bound to one workspace, with the scopes that narrow it there. */
export interface BoundCredential {
  readonly workspaceId: string;
  readonly scopes: string[];
}

/**
 * The workspace a credential is bound to and the scopes that narrow it there: a key's or an
 * OAuth grant's — the credential itself, so the hot path allocates nothing. A signed-in user is
 * bound to none and names the workspace per call.
 */
export function boundWorkspace(principal: Principal): BoundCredential | undefined {
  switch (principal.authMethod) {
    case 'jwt':
      return undefined;
    case 'api_key':
      return principal.apiKey;
    case 'oauth':
      return principal.grant;
    default:
      return assertNever(principal);
  }
}

/** Who an audit event is about when a principal acted: the user, and the key they used if any. */
export function actorOf(principal: Principal): { userId: string; apiKeyId: string | null; keyPrefix: string | null } {
  const key = principalKey(principal);
  return { userId: principal.user.id, apiKeyId: key?.id ?? null, keyPrefix: key?.keyPrefix ?? null };
}

/** A user as the caches hold it: profile, roles and the union of the roles' permissions. */
export interface UserSnapshot extends PrincipalUser {
  permissions: string[];
}
