import * as client from 'openid-client';
import type { TestApp } from './app.js';
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

/** A user agent's cookies, as name=value pairs, whatever their path: enough for one authorization. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A GET as a browser makes it, without following the redirect. */
export async function visit(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

/**
 * The authorization as a browser would live it: /oauth/authorize redirects to the consent step,
 * the signed-in user decides through the API, the browser resumes and is sent to the app's
 * redirect URI. Answers that last Location.
 */
export async function authorize(app: OAuthHost, user: WorkspaceSession, authorizationUrl: URL, allow = true): Promise<URL> {
  const jar = new CookieJar();
  const started = await visit(authorizationUrl.href, jar);
  const consent = new URL(started.headers.get('location') ?? '', app.url);
  if (!consent.pathname.startsWith('/oauth/consent/')) throw new Error(`authorize answered ${started.status} → ${consent.href}: ${await started.text()}`);
  const uid = consent.pathname.split('/').pop()!;
  const decided = await app.api.post(`/oauth/interactions/${uid}`, { allow }, as(user));
  if (decided.status !== 200) throw new Error(`consent answered ${decided.status}: ${JSON.stringify(decided.body)}`);
  const resumed = await visit(new URL(decided.body.redirectTo as string, app.url).href, jar);
  return new URL(resumed.headers.get('location') ?? '', app.url);
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
