import { Keyward, type KeywardOptions } from '@keyward/sdk';
import { rejectionOf } from './clients.js';
import { PONG, RATE_LIMITED, stubServer, UNAVAILABLE } from './stub-server.js';

/** Retries of 429 and 503 against a stub that answers like Keyward under load. */
type Stub = Awaited<ReturnType<typeof stubServer>>;
let stub: Stub | undefined;
afterEach(() => stub?.close());

async function clientOf(answers: Parameters<typeof stubServer>[0], options: Partial<KeywardOptions> = {}): Promise<Keyward> {
  stub = await stubServer(answers);
  return new Keyward({ baseUrl: stub.url, apiKey: 'kw_test', ...options } as KeywardOptions);
}

const created = { status: 201, body: { id: 'c1', title: 'x' } };

describe('retries', () => {
  it("retries a GET after a 429 once the server's Retry-After has passed", async () => {
    const client = await clientOf([RATE_LIMITED('1'), PONG]);
    expect(await client.ping()).toEqual({ pong: true });
    expect(stub!.requests).toHaveLength(2);
    expect(stub!.requests[1].at - stub!.requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it('retries a GET after a 503, with Retry-After and without it', async () => {
    expect(await (await clientOf([UNAVAILABLE('0'), PONG])).ping()).toEqual({ pong: true });
    expect(stub!.requests).toHaveLength(2);
    await stub!.close();
    expect(await (await clientOf([UNAVAILABLE(), UNAVAILABLE(), PONG], { retry: { baseDelayMs: 10 } })).ping()).toEqual({ pong: true });
    expect(stub!.requests).toHaveLength(3);
  });

  it('does not retry a POST, and hands over the 429 with retryAfter', async () => {
    const client = await clientOf([RATE_LIMITED('0'), created]);
    const refused = await rejectionOf(client.contents.create({ title: 'x' }));
    expect([refused.status, refused.code, refused.retryAfter]).toEqual([429, 'rate_limit.exceeded', 0]);
    expect(stub!.requests).toHaveLength(1);
  });

  it('retries a POST or PATCH when the call asks, or the client does', async () => {
    expect(await (await clientOf([UNAVAILABLE('0'), created])).contents.create({ title: 'x' }, { retry: true })).toEqual(created.body);
    expect(stub!.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
    await stub!.close();
    expect(await (await clientOf([RATE_LIMITED('0'), created], { retry: { nonIdempotent: true } })).contents.update('c1', { title: 'x' })).toEqual(created.body);
    expect(stub!.requests.map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('gives up after maxAttempts with the last answer’s error', async () => {
    const client = await clientOf([UNAVAILABLE('0')], { retry: { maxAttempts: 4 } });
    const refused = await rejectionOf(client.ping());
    expect([refused.status, refused.code]).toEqual([503, 'service.unavailable']);
    expect(stub!.requests).toHaveLength(4);
  });

  it('gives up at once when the Retry-After would pass the time budget', async () => {
    const client = await clientOf([RATE_LIMITED('30'), PONG], { retry: { maxElapsedMs: 5000 } });
    const started = Date.now();
    const refused = await rejectionOf(client.ping());
    expect([refused.code, refused.retryAfter, stub!.requests.length]).toEqual(['rate_limit.exceeded', 30, 1]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries nothing with retry: false, for the client or for one call', async () => {
    expect((await rejectionOf((await clientOf([UNAVAILABLE('0'), PONG], { retry: false })).ping())).status).toBe(503);
    expect(stub!.requests).toHaveLength(1);
    await stub!.close();
    expect((await rejectionOf((await clientOf([UNAVAILABLE('0'), PONG])).ping({ retry: false }))).status).toBe(503);
    expect(stub!.requests).toHaveLength(1);
  });

  it('stops waiting when the call is aborted', async () => {
    const client = await clientOf([RATE_LIMITED('10'), PONG], { retry: { maxElapsedMs: 60_000 } });
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('gave up')), 100);
    expect((await rejectionOf(client.ping({ signal: abort.signal }))).message).toBe('gave up');
    expect(stub!.requests).toHaveLength(1);
  });

  it('asks getAccessToken again for the retry', async () => {
    const tokens = ['first', 'second'];
    stub = await stubServer([UNAVAILABLE('0'), PONG]);
    await new Keyward({ baseUrl: stub.url, getAccessToken: () => tokens.shift() ?? '' }).ping();
    expect(stub.requests.map((request) => request.headers.authorization)).toEqual(['Bearer first', 'Bearer second']);
  });
});

describe('the fetch option', () => {
  it('sends every request through the injected fetch', async () => {
    const seen: string[] = [];
    const client = new Keyward({
      baseUrl: 'https://keyward.invalid',
      apiKey: 'kw_test',
      fetch: async (input, init) => {
        seen.push(`${init?.method} ${String(input)} ${new Headers(init?.headers).get('x-api-key')}`);
        return new Response(JSON.stringify({ pong: true }), { headers: { 'content-type': 'application/json' } });
      },
    });
    expect(await client.ping()).toEqual({ pong: true });
    expect(seen).toEqual(['GET https://keyward.invalid/api/v1/ping kw_test']);
  });

  it('refuses options that name two credentials', () => {
    expect(() => new Keyward({ baseUrl: 'https://keyward.invalid', apiKey: 'a', accessToken: 'b' } as unknown as KeywardOptions)).toThrow('pass one of apiKey, accessToken or getAccessToken');
  });
});
