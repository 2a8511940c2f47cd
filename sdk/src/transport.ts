import { errorFromResponse } from './errors.js';
import { authorizationOf, type CallOptions, checkCredentials, type KeywardOptions } from './options.js';
import { nextRetryDelay, parseRetryAfter, retryPolicyFor } from './retry.js';
import { apiRoot, type Query, queryString } from './url.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Call {
  method: Method;
  /** Under /api/v1, e.g. `/api-keys/…`. */
  path: string;
  query?: Query;
  body?: unknown;
  options?: CallOptions;
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends calls: the URL, credentials, JSON, retries of 429/503 and the error of a refusal. */
export class Transport {
  private readonly root: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: KeywardOptions) {
    checkCredentials(options);
    this.root = apiRoot(options.baseUrl);
    const injected = options.fetch ?? globalThis.fetch;
    if (typeof injected !== 'function') throw new TypeError('Keyward: no global fetch here; pass options.fetch');
    // Bound, so a browser's fetch is not called with the client as `this` (which throws "Illegal invocation").
    this.fetch = injected.bind(globalThis);
  }

  /** The parsed JSON answer (undefined for 204), or a KeywardError. */
  async json<T>(call: Call): Promise<T> {
    const response = await this.send(call, 'application/json');
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A successful answer whose body the caller reads itself (a streamed export). */
  async stream(call: Call, accept: string): Promise<Response> {
    return this.send(call, accept);
  }

  private async send(call: Call, accept: string): Promise<Response> {
    const policy = retryPolicyFor(call.method, this.options.retry, call.options?.retry);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const response = await this.attempt(call, accept);
      if (response.ok) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const delay = policy && nextRetryDelay(policy, { attempt, status: response.status, retryAfterMs, elapsedMs: Date.now() - started });
      if (delay === null || delay === undefined) throw await errorFromResponse(response);
      await response.body?.cancel().catch(() => undefined);
      await abortableSleep(delay, call.options?.signal);
    }
  }

  private async attempt(call: Call, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept, ...this.options.headers, ...call.options?.headers, ...(await authorizationOf(this.options)) };
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    return this.fetch(`${this.root}${call.path}${queryString(call.query)}`, { method: call.method, headers, body, signal: call.options?.signal });
  }
}
