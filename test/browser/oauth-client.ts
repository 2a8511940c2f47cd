import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import type { TestAppOptions } from '../helpers/app.js';
import { freePort } from '../helpers/ports.js';

/** The third-party app's side of the journeys: openid-client, and the page its redirect URI serves. */

/** The service with an OAuth issuer at its own address, which discovery and the redirects name (API.md §11). */
export async function serviceWithOwnIssuer(): Promise<TestAppOptions> {
  const port = await freePort();
  return { port, env: { OAUTH_ISSUER: `http://127.0.0.1:${port}` } };
}

export interface CallbackServer {
  /** The redirect URI to register: `http://127.0.0.1:<port>/callback`. */
  readonly url: string;
}

/**
 * The app's redirect URI, served on 127.0.0.1 during the suite (registered in the calling describe,
 * before consoleJourneys so the seed can register it): a page that says it got the answer, and
 * anything else answered too, so the browser logs no error.
 */
export function callbackServer(): CallbackServer {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Test app</title><h1>Back at the app</h1>');
  });
  let url: string | undefined;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    get url() {
      if (!url) throw new Error('callbackServer: not listening yet');
      return url;
    },
  };
}

export interface AuthorizationRequest {
  url: URL;
  verifier: string;
  state: string;
}

/** An authorization URL as openid-client builds it: PKCE S256 and a state. */
export async function authorizationRequest(config: client.Configuration, redirectUri: string, scope: string): Promise<AuthorizationRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url, verifier, state };
}
