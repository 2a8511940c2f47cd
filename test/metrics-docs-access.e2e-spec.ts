import { ConfigError } from '../src/config/env-parsers.js';
import { startTestApp, type TestApp } from './helpers/app.js';

const METRICS_TOKEN = 'scrape-me-in-production';
const scrape = (app: TestApp, authorization?: string) => fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });

describe('/metrics in production with METRICS_TOKEN', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production', METRICS_TOKEN } });
  });
  afterAll(() => app?.close());

  it('refuses a scrape without the token with 401 auth.required', async () => {
    const res = await app.api.get('/metrics');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'auth.required' });
  });

  it('refuses a scrape with a wrong token with 401 auth.required', async () => {
    for (const authorization of ['Bearer not-the-token', `Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN]) {
      const res = await scrape(app, authorization);
      expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ status: 401, code: 'auth.required' });
    }
  });

  it('answers a scrape with the token with 200 and the Prometheus text', async () => {
    const res = await scrape(app, `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# HELP');
  });
});

describe('starting in production', () => {
  it('refuses to start without METRICS_TOKEN', async () => {
    await expect(startTestApp({ env: { NODE_ENV: 'production' } })).rejects.toThrow(ConfigError);
    await expect(startTestApp({ env: { NODE_ENV: 'production' } })).rejects.toThrow(/METRICS_TOKEN is required when NODE_ENV=production/);
  });

  it('serves /metrics to anyone only with METRICS_PUBLIC=true', async () => {
    const app = await startTestApp({ env: { NODE_ENV: 'production', METRICS_PUBLIC: 'true' } });
    try {
      expect((await scrape(app)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('DOCS_ENABLED', () => {
  it('serves /docs and /docs-json by default', async () => {
    const app = await startTestApp();
    try {
      expect((await app.api.get('/docs-json')).status).toBe(200);
      expect((await fetch(`${app.url}/docs`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('answers /docs and /docs-json with 404 when DOCS_ENABLED=false', async () => {
    const app = await startTestApp({ env: { DOCS_ENABLED: 'false' } });
    try {
      for (const path of ['/docs', '/docs-json']) {
        const res = await app.api.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    } finally {
      await app.close();
    }
  });
});
