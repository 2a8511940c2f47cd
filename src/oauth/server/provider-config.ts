import { createHash, timingSafeEqual } from 'node:crypto';
import type { Configuration, ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import type { DataSource } from 'typeorm';
import { OAUTH_SCOPES } from './oauth-scopes.js';
import { postgresAdapter } from './postgres-adapter.js';

/** The authorization code's lifetime (API.md §11): one minute, used once. */
export const AUTHORIZATION_CODE_TTL_SECONDS = 60;

export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  revocation: '/oauth/revoke',
  introspection: '/oauth/introspect',
  jwks: '/oauth/jwks',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/session/end',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  registration: '/oauth/register',
  challenge: '/oauth/challenge',
};

/** Where the provider sends the user agent to consent: the console's page, which asks the consent API. */
export const consentPath = (uid: string) => `/oauth/consent/${uid}`;

export interface ProviderSecrets {
  /** Signs the provider's interaction and session cookies. */
  cookieKeys: string[];
  /** A signing key the library requires; Keyward issues no ID tokens and opaque access tokens only. */
  signingKey: Record<string, unknown>;
}

/**
 * oidc-provider as Keyward's OAuth 2.0 authorization server: authorization code (PKCE S256,
 * required for public clients) and rotated refresh tokens, RFC 7009 revocation, RFC 7662
 * introspection; no dynamic registration, no device flow, no built-in login pages.
 */
export function providerConfiguration(
  db: DataSource,
  secrets: ProviderSecrets,
  ttl: { accessToken: number; refreshToken: number },
  grantRevoked: (grantId: string) => void,
): Configuration {
  const { accessToken: accessTokenTtl, refreshToken: refreshTokenTtl } = ttl;
  return {
    adapter: postgresAdapter(db, grantRevoked),
    clients: [],
    findAccount: (_ctx, sub) => Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub }) }),
    scopes: OAUTH_SCOPES,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    features: {
      devInteractions: { enabled: false },
      // RFC 7662 for confidential clients (API.md §11), about their own tokens only: an app learns
      // nothing of another app's tokens, whoever's they are.
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => client.clientAuthMethod !== 'none' && token.clientId === client.clientId },
      // RFC 7009 §2.1: a client revokes only tokens issued to it.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    ttl: {
      AuthorizationCode: AUTHORIZATION_CODE_TTL_SECONDS,
      AccessToken: accessTokenTtl,
      RefreshToken: refreshTokenTtl,
      Grant: refreshTokenTtl,
      Interaction: 600,
      Session: 600,
    },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client) => Promise.resolve(client.grantTypeAllowed('refresh_token')),
    routes: OAUTH_ROUTES,
    interactions: { url: (_ctx, interaction) => consentPath(interaction.uid) },
    cookies: { keys: secrets.cookieKeys },
    jwks: { keys: [secrets.signingKey] },
    // Errors the provider cannot redirect (an unknown client, a redirect URI not registered) as JSON, not its HTML page.
    renderError: (ctx: KoaContextWithOIDC, out: ErrorOut) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
}

/**
 * A confidential client's `client_secret` in the metadata is the SHA-256 the database keeps
 * (app-as-client.ts), so what the client presents is hashed before the constant-time compare.
 */
export function compareHashedClientSecret(this: { clientSecret?: string }, presented: string): Promise<boolean> {
  const stored = Buffer.from(this.clientSecret ?? '', 'hex');
  const hashed = createHash('sha256').update(presented).digest();
  return Promise.resolve(stored.length === hashed.length && timingSafeEqual(stored, hashed));
}
