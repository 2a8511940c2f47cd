import * as client from 'openid-client';
import type { TestApp } from './app.js';
import { walkAuthorization } from './authorization-walk.mjs';
import { as, type WorkspaceSession } from './workspaces.js';

export interface RegisteredApp {
  id: string;
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
}

/** What the OAuth helpers need of a service: a test app, or a spawned process. */
type OAuthHost = Pick<TestApp, 'api' | 'url'>;

export const REDIRECT_URI = 'https://client.example.com/callback';

/** Registers an app in the session's workspace. */
export async function registerApp(app: OAuthHost, owner: WorkspaceSession, body: Record<string, unknown> = {}): Promise<RegisteredApp> {
  const response = await app.api.post(`/workspaces/${owner.workspace}/oauth-apps`, { name: 'Client', type: 'confidential', redirectUris: [REDIRECT_URI], scopes: ['read', 'write'], ...body }, as(owner));
  if (response.status !== 201) throw new Error(`registering an app answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as RegisteredApp;
}

/** openid-client's view of the server: RFC 8414 discovery over plain http (the test app has no TLS). */
export function discover(app: OAuthHost, registered: RegisteredApp): Promise<client.Configuration> {
  const auth = registered.clientSecret ? client.ClientSecretBasic(registered.clientSecret) : client.None();
  return client.discovery(new URL(app.url), registered.clientId, undefined, auth, { execute: [client.allowInsecureRequests], algorithm: 'oauth2' });
}

/**
 * The authorization as a browser would live it (authorization-walk.mjs), the signed-in user
 * deciding through the consent API. Answers the app's redirect URI with its query.
 */
export function authorize(app: OAuthHost, user: WorkspaceSession, authorizationUrl: URL, allow = true): Promise<URL> {
  return walkAuthorization(app.url, authorizationUrl, async (uid) => {
    const decided = await app.api.post(`/oauth/interactions/${uid}`, { allow }, as(user));
    if (decided.status !== 200) throw new Error(`consent answered ${decided.status}: ${JSON.stringify(decided.body)}`);
    return decided.body.redirectTo as string;
  });
}

export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = client.randomPKCECodeVerifier();
  return { verifier, challenge: await client.calculatePKCECodeChallenge(verifier) };
}

/** `user` authorizes a fresh app of `admin`'s workspace for `scope` (code + PKCE, through consent): the app's configuration and tokens. */
export async function authorizedTokens(app: OAuthHost, admin: WorkspaceSession, user: WorkspaceSession, scope = 'read') {
  const registered = await registerApp(app, admin, { scopes: ['read', 'write', 'admin'] });
  const config = await discover(app, registered);
  const { verifier, challenge } = await pkce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope, code_challenge: challenge, code_challenge_method: 'S256', state });
  const callback = await authorize(app, user, url);
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens, registered };
}
