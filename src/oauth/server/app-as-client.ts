import type { AdapterPayload } from 'oidc-provider';

export interface ClientRow {
  clientId: string;
  secretHash: string | null;
  type: 'confidential' | 'public';
  redirectUris: string[];
  scopes: string[];
}

/**
 * An app as oidc-provider's client metadata. A confidential app's `client_secret` is the hash
 * the database keeps: the provider's secret comparison is replaced to hash what the client
 * presents (see provider.ts), so the secret itself is never stored. A public app authenticates
 * with nothing and, by the PKCE policy, must send a code challenge.
 */
export function appAsClient(row: ClientRow): AdapterPayload {
  return {
    client_id: row.clientId,
    ...(row.secretHash ? { client_secret: row.secretHash, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: row.redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: row.scopes.join(' '),
    // No ID token is ever issued; the library still checks this names the algorithm of its key (oauth-server.ts).
    id_token_signed_response_alg: 'ES256',
  };
}
