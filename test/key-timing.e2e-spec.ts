import { startTestApp, type TestApp } from './helpers/app.js';
import { createKey, madeUpKey, register, wrongSecretFor } from './helpers/factories.js';

/** Requests of each kind; every existing id is asked about once, so none is cached when it is. */
const SAMPLES = 200;

let app: TestApp;
let existingIds: string[];

beforeAll(async () => {
  app = await startTestApp({ env: { MAX_KEYS_PER_USER: String(SAMPLES + 10) } });
  const owner = await register(app.api);
  existingIds = [];
  for (let created = 0; created < SAMPLES; created += 10) {
    const batch = await Promise.all(Array.from({ length: 10 }, () => createKey(app.api, owner.accessToken)));
    existingIds.push(...batch.map(({ key }) => wrongSecretFor(key)));
  }
}, 120_000);
afterAll(() => app?.close());

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
};

async function timedRefusal(apiKey: string): Promise<number> {
  const started = performance.now();
  const response = await app.api.get('/auth/me', { apiKey });
  const elapsed = performance.now() - started;
  expect(response.body.code).toBe('api_key.invalid');
  return elapsed;
}

describe('timing of key refusals', () => {
  it('refuses an unknown id and an uncached existing id with a wrong secret in the same time (medians within 20%)', async () => {
    const unknown: number[] = [];
    const existing: number[] = [];
    // Interleaved, and in alternating order, so load on the machine falls on both kinds alike.
    for (let i = 0; i < SAMPLES; i++) {
      const made = await madeUpKey();
      if (i % 2 === 0) {
        unknown.push(await timedRefusal(made));
        existing.push(await timedRefusal(existingIds[i]));
      } else {
        existing.push(await timedRefusal(existingIds[i]));
        unknown.push(await timedRefusal(made));
      }
    }
    const [unknownMedian, existingMedian] = [median(unknown), median(existing)];
    const difference = Math.abs(existingMedian - unknownMedian) / Math.max(existingMedian, unknownMedian);
    expect({ unknownMedian, existingMedian, withinBound: difference < 0.2 }).toMatchObject({ withinBound: true });
  }, 120_000);

  it('answers a valid key without waiting out the refusal floor', async () => {
    const owner = await register(app.api);
    const { key } = await createKey(app.api, owner.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
    const valid: number[] = [];
    const refused: number[] = [];
    // Interleaved with refusals, so the comparison holds however loaded the machine is.
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
      valid.push(performance.now() - started);
      refused.push(await timedRefusal(await madeUpKey()));
    }
    // The floor is 10 ms from the start of the check; a valid key skips it entirely.
    expect(median(refused) - median(valid)).toBeGreaterThan(5);
  });
});
