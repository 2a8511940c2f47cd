import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/**
 * A tiny HTTP server on 127.0.0.1 that answers with `answers` in turn (the last one over and over)
 * and records every request: for what Keyward answers only under load (429, 503).
 */
export async function stubServer(answers: StubAnswer[]) {
  const requests: StubRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, at: Date.now() });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    request.resume();
    request.on('end', () => {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Keyward's error body (API.md §1) for a status and code. */
export const errorBody = (statusCode: number, code: string, message = 'stub') => ({ statusCode, code, message, path: '/api/v1/ping', timestamp: new Date().toISOString() });

export const RATE_LIMITED = (retryAfter?: string): StubAnswer => ({ status: 429, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter }, body: errorBody(429, 'rate_limit.exceeded', 'Rate limit exceeded') });
export const UNAVAILABLE = (retryAfter?: string): StubAnswer => ({ status: 503, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter }, body: errorBody(503, 'service.unavailable', 'Service temporarily unavailable') });
export const PONG: StubAnswer = { status: 200, body: { pong: true } };
