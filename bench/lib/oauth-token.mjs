// Scenario 10's credential: an OAuth access token the bench user granted an app of their personal
// workspace, obtained the way a third-party app does (code + PKCE through the consent step).
import * as client from 'openid-client';
import { walkAuthorization } from '../../test/helpers/authorization-walk.mjs';

const REDIRECT_URI = 'https://bench.example.com/callback';

async function call(url, path, jwt, body) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${jwt}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** An access token for `read`, acting as the JWT's user in their personal workspace. */
export async function oauthAccessToken(url, jwt) {
  const { workspace } = await call(url, '/auth/me', jwt);
  const app = await call(url, `/workspaces/${workspace.slug}/oauth-apps`, jwt, { name: 'Bench app', type: 'confidential', redirectUris: [REDIRECT_URI], scopes: ['read'] });
  const config = await client.discovery(new URL(url), app.clientId, undefined, client.ClientSecretBasic(app.clientSecret), {
    execute: [client.allowInsecureRequests],
    algorithm: 'oauth2',
  });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'read',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await walkAuthorization(url, authorizationUrl, async (uid) => (await call(url, `/oauth/interactions/${uid}`, jwt, { allow: true })).redirectTo);
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return tokens.access_token;
}
