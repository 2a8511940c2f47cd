import type { RetrySetting } from './retry.js';

/** How the client proves who it is: one of an API key, an access token, or a function that gets a fresh access token. */
export type Credentials =
  | { apiKey: string; accessToken?: never; getAccessToken?: never }
  | { accessToken: string; apiKey?: never; getAccessToken?: never }
  | { getAccessToken: () => Promise<string> | string; apiKey?: never; accessToken?: never }
  /** No credentials: registering, signing in, resetting a password. */
  | { apiKey?: never; accessToken?: never; getAccessToken?: never };

export type KeywardOptions = Credentials & {
  /** Where Keyward runs, e.g. `https://keys.example.com` (`/api/v1` is added unless it is there). */
  baseUrl: string;
  /** Retries of 429 and 503 answers; `false` turns them off. See RetryOptions for the defaults. */
  retry?: RetrySetting;
  /** The fetch to use (tests, a proxy agent); the global one by default. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
};

/** What any one call may add. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's retry setting for this call; `true` retries a POST or PATCH too. */
  retry?: RetrySetting;
  headers?: Record<string, string>;
}

/** The header that authenticates a request with these credentials, fetched anew for each attempt. */
export async function authorizationOf(credentials: Credentials): Promise<Record<string, string>> {
  if (credentials.apiKey !== undefined) return { 'x-api-key': credentials.apiKey };
  if (credentials.accessToken !== undefined) return { authorization: `Bearer ${credentials.accessToken}` };
  if (credentials.getAccessToken !== undefined) return { authorization: `Bearer ${await credentials.getAccessToken()}` };
  return {};
}

/** Refuses options naming more than one credential, where it would be unclear which one acts. */
export function checkCredentials(options: Credentials): void {
  const given = (['apiKey', 'accessToken', 'getAccessToken'] as const).filter((name) => options[name] !== undefined);
  if (given.length > 1) throw new TypeError(`Keyward: pass one of apiKey, accessToken or getAccessToken, not ${given.join(' and ')}`);
}
