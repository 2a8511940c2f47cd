import { errorFromResponse, networkError } from './api-error';
import { toQueryString, type QueryValue } from './query-string';

export const API_BASE = '/api/v1';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** A workspace id or slug, sent as `X-Workspace` (API.md §9): which workspace a JWT request acts in. */
  workspace?: string;
  /** A public route that carries its own credential (a reset token): no bearer token, no renewing on a 401. */
  anonymous?: boolean;
}

/** What the client needs from the signed-in session. */
export interface SessionAccess {
  accessToken(): string | null;
  /** Gets a fresh access token after `rejectedToken` drew a 401; false when the session is over. */
  renewAfterUnauthorized(rejectedToken: string): Promise<boolean>;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  download(path: string, options?: RequestOptions): Promise<DownloadedFile>;
}

/** 401s that refuse what the request carried (a two-factor code), while the session itself is fine. */
const SESSION_KEEPING_401S = new Set(['auth.mfa_invalid']);

export function createApiClient(session: SessionAccess, fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  async function sendOnce(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {};
    const token = options.anonymous ? null : session.accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.workspace) headers['X-Workspace'] = options.workspace;
    try {
      return await fetchImpl(`${API_BASE}${path}${toQueryString(options.query)}`, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw networkError();
    }
  }

  // An access token can expire between the silent refreshes (a sleeping laptop): renew once, retry once.
  async function send(path: string, options: RequestOptions): Promise<Response> {
    const usedToken = options.anonymous ? null : session.accessToken();
    let response = await sendOnce(path, options);
    if (response.status === 401 && usedToken !== null) {
      const error = await errorFromResponse(response);
      // A wrong two-factor code is about the code, not the session: renewing would not help, and
      // sending the code again would only count one more failure.
      if (!SESSION_KEEPING_401S.has(error.code) && (await session.renewAfterUnauthorized(usedToken))) response = await sendOnce(path, options);
      else throw error;
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  return {
    async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
      const response = await send(path, options);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async download(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
      const response = await send(path, options);
      return { blob: await response.blob(), filename: filenameFrom(response.headers.get('Content-Disposition')) };
    },
  };
}

/**
 * The client for one workspace's resources (API.md §9): every path goes under
 * `/workspaces/<workspace>`, so `/api-keys` means that workspace's keys, and the workspace's own
 * audit chain (`/audit-logs/verify`) is the one verified. Pages take this client and keep their
 * un-prefixed paths.
 */
export function scopedToWorkspace(api: ApiClient, workspace: string): ApiClient {
  const prefix = `/workspaces/${encodeURIComponent(workspace)}`;
  return {
    request: (path, options) => api.request(`${prefix}${path}`, options),
    download: (path, options) => api.download(`${prefix}${path}`, options),
  };
}

export function filenameFrom(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(contentDisposition);
  return plain ? plain[1] : null;
}
