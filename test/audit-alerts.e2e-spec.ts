import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { eventually, register, type Session } from './helpers/factories.js';
import { freePort } from './helpers/ports.js';

interface Webhook {
  url: string;
  received: any[];
  close(): void;
}

/** A webhook receiver that records each body, then lets `answer` reply (or not reply at all). */
async function startWebhook(answer: (response: ServerResponse, call: number) => void): Promise<Webhook> {
  const received: any[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body));
      answer(response, received.length);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function withAlertingApp(webhook: Webhook, test: (app: TestApp) => Promise<void>): Promise<void> {
  const app = await startTestApp({ env: { ALERT_WEBHOOK_URL: webhook.url } });
  try {
    await test(app);
  } finally {
    await app.close();
    webhook.close();
  }
}

/** A spent refresh token presented again: auth.refresh_reused, critical. Returns that request's response time. */
async function reuseRefreshToken(app: TestApp, user: Session): Promise<number> {
  await app.api.post('/auth/refresh', { refreshToken: user.refreshToken });
  const started = performance.now();
  expect((await app.api.post('/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(401);
  return performance.now() - started;
}

describe('alert webhook', () => {
  it('POSTs critical events as JSON and retries after a failure', async () => {
    const webhook = await startWebhook((response, call) => response.writeHead(call === 1 ? 500 : 200).end());
    await withAlertingApp(webhook, async (app) => {
      const user = await register(app.api);
      await reuseRefreshToken(app, user);
      await eventually(async () => expect(webhook.received).toHaveLength(2), 10_000);
      expect(webhook.received[1]).toMatchObject({ source: 'keyward', event: { type: 'auth.refresh_reused', severity: 'critical', userId: user.user.id } });
      expect(webhook.received[0].event.id).toBe(webhook.received[1].event.id);
    });
  });

  it('posts only critical events: a warning recorded before the critical one is not sent', async () => {
    const webhook = await startWebhook((response) => response.writeHead(200).end());
    await withAlertingApp(webhook, async (app) => {
      const user = await register(app.api);
      expect((await app.api.post('/auth/login', { email: user.user.email, password: 'not the password' })).status).toBe(401);
      const [warning] = await awaitAuditEvents(app, 'auth.login_failed', { userId: user.user.id });
      expect(warning.severity).toBe('warning');
      await reuseRefreshToken(app, user);
      // Alerts go out as they are recorded: the warning's would have been sent first.
      await eventually(async () => expect(webhook.received.map((body) => body.event.type)).toContain('auth.refresh_reused'), 10_000);
      expect(webhook.received.map((body) => body.event.severity)).toEqual(['critical']);
    });
  });

  it('answers the request that raised a critical event at once, while the webhook never answers', async () => {
    const webhook = await startWebhook(() => undefined);
    await withAlertingApp(webhook, async (app) => {
      const user = await register(app.api);
      const elapsedMs = await reuseRefreshToken(app, user);
      await eventually(async () => expect(webhook.received).toHaveLength(1), 10_000);
      // The sender gives up on a silent webhook after 5 s; the request must not have waited for it.
      expect(elapsedMs).toBeLessThan(2000);
    });
  });
});
