import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An HTTP/1.1 connection written by hand, for requests that must stop half-way (headers sent, body not). */
export interface RawConnection {
  write(text: string): void;
  /** Resolves once the bytes received so far match `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The first final (non-1xx) response on the connection, once its whole body has arrived. */
  response(timeoutMs?: number): Promise<RawResponse>;
  close(): void;
}

export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const opened = connect({ host: '127.0.0.1', port }, () => resolve(opened));
    opened.once('error', reject);
  });
  let received = '';
  const listeners = new Set<() => void>();
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    for (const listener of listeners) listener();
  });
  socket.on('close', () => {
    for (const listener of listeners) listener();
  });

  const until = <T>(read: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = read();
        if (value !== undefined) return finish(() => resolve(value));
        if (socket.destroyed) finish(() => reject(new Error(`connection closed before ${what}; received:\n${received}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}; received:\n${received}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  return {
    write: (text) => socket.write(text),
    waitFor: (pattern, timeoutMs = 10_000) => until(() => (pattern.test(received) ? true : undefined), String(pattern), timeoutMs).then(() => undefined),
    response: (timeoutMs = 10_000) => until(() => parseFinalResponse(received), 'a complete response', timeoutMs),
    close: () => socket.destroy(),
  };
}

/** The first non-1xx response in `text` when it is complete (Content-Length bodies only). */
export function parseFinalResponse(text: string): RawResponse | undefined {
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const [statusLine, ...headerLines] = rest.slice(0, end).split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers = Object.fromEntries(
      headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    rest = rest.slice(end + 4);
    if (status >= 100 && status < 200) continue;
    const length = Number(headers['content-length'] ?? 0);
    if (Buffer.byteLength(rest) < length) return undefined;
    return { status, headers, body: rest.slice(0, length) };
  }
}

export type NewConnectionOutcome = { refused: true } | { refused: false; status: number; connection: string | undefined };

/** What a brand-new connection gets right now: refused, or the status and Connection header of a GET. */
export function probeNewConnection(port: number, path = '/api/v1/ping'): Promise<NewConnectionOutcome> {
  return new Promise((resolve, reject) => {
    const probe = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ refused: false, status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    probe.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve({ refused: true }) : reject(error)));
    probe.end();
  });
}

/** A server that stopped accepting work: it refuses new connections or answers them 503 and closes them. */
export function stoppedAccepting(outcome: NewConnectionOutcome): boolean {
  return outcome.refused || (outcome.status === 503 && outcome.connection === 'close');
}
