/** Who is calling: the same shape whether they came with a JWT or an API key. */

export interface PrincipalUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: Date;
}

export interface PrincipalKey {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  rateLimit: number;
  expiresAt: Date | null;
}

export type AuthMethod = 'jwt' | 'api_key';
export type KeyTransport = 'header' | 'bearer' | 'query';

export interface Principal {
  user: PrincipalUser;
  authMethod: AuthMethod;
  /** Effective permissions: the owner's roles, narrowed by the key's scopes for a key. */
  permissions: string[];
  apiKey?: PrincipalKey;
}

/** A user as the caches hold it: profile, roles and the union of the roles' permissions. */
export interface UserSnapshot extends PrincipalUser {
  permissions: string[];
}
