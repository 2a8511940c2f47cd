import fc from 'fast-check';
import { canonicalEvent, canonicalJson, chainHash, GENESIS_HASH, linkCanonical, linkEvents, verifyLink, verifyRow, type ChainedEvent } from './hash-chain.js';

function event(overrides: Partial<ChainedEvent> = {}): ChainedEvent {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    occurredAt: new Date('2026-11-23T10:00:00.000Z'),
    type: 'api_key.used',
    severity: 'info',
    userId: null,
    apiKeyId: null,
    keyPrefix: 'kw_a1b2c3d4',
    ip: '127.0.0.1',
    userAgent: 'curl/8',
    method: 'GET',
    path: '/api/v1/contents',
    statusCode: 200,
    details: { latencyMs: 1.5, nested: { b: 1, a: [2, { d: 1, c: 2 }] } },
    ...overrides,
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth so property order never changes the text', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('omits undefined properties like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('writes a flat record exactly as sorting its keys would, whatever their order (property; integer-like keys included)', () => {
    const sortedByHand = (record: Record<string, unknown>) =>
      `{${Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
        .map((key) => `${JSON.stringify(key)}:${JSON.stringify(record[key])}`)
        .join(',')}}`;
    const key = fc.oneof(fc.string(), fc.constantFrom('1', '10', '9', '0', 'latencyMs', 'transport', 'a', 'B'));
    const flat = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(key, flat), (record) => {
        expect(canonicalJson(record)).toBe(sortedByHand(record));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back like the JSON it is stored as (property): canonicalJson(x) = canonicalJson(JSON round trip of x)', () => {
    const odd = fc.oneof(fc.constant(undefined), fc.constant(Number.NaN), fc.constant(-0), fc.date({ noInvalidDate: true }), fc.constant(() => 1));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), odd, fc.array(fc.oneof(fc.jsonValue(), odd)))), (value) => {
        expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('hash chain', () => {
  it('gives the same hash for the same event and previous hash', () => {
    expect(chainHash(GENESIS_HASH, event())).toBe(chainHash(GENESIS_HASH, event({ details: { nested: { a: [2, { c: 2, d: 1 }], b: 1 }, latencyMs: 1.5 } })));
  });

  it('changes the hash when any covered field changes', () => {
    const base = chainHash(GENESIS_HASH, event());
    expect(chainHash(GENESIS_HASH, event({ statusCode: 201 }))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, event({ ip: '127.0.0.2' }))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, event({ details: { latencyMs: 1.6 } }))).not.toBe(base);
    expect(chainHash('f'.repeat(64), event())).not.toBe(base);
  });

  it('links events so each one verifies against the one before', () => {
    const linked = linkEvents(GENESIS_HASH, [event(), event({ id: '00000000-0000-4000-8000-000000000002' })]);
    expect(linked[0].prevHash).toBe(GENESIS_HASH);
    expect(linked[1].prevHash).toBe(linked[0].hash);
    expect(verifyLink(GENESIS_HASH, linked[0])).toBe(linked[0].hash);
    expect(verifyLink(linked[0].hash, linked[1])).toBe(linked[1].hash);
  });

  it('detects an edited event and a broken link', () => {
    const [first, second] = linkEvents(GENESIS_HASH, [event(), event({ id: '00000000-0000-4000-8000-000000000002' })]);
    expect(verifyLink(GENESIS_HASH, { ...first, statusCode: 500 })).toBeNull();
    expect(verifyLink(GENESIS_HASH, second)).toBeNull();
  });
});

describe('canonicalEvent', () => {
  it('is exactly canonicalJson of the event’s fields, for any values (property)', () => {
    const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          occurredAt: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
          type: fc.string(),
          severity: fc.constantFrom('info', 'warning', 'critical'),
          userId: nullable(fc.uuid()),
          apiKeyId: nullable(fc.uuid()),
          keyPrefix: nullable(fc.string()),
          ip: nullable(fc.string()),
          userAgent: nullable(fc.string({ unit: 'grapheme' })),
          // Any UTF-16 code unit: quotes, backslashes, control characters and lone surrogates are escaped as JSON.stringify does.
          method: nullable(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) })),
          path: nullable(fc.string({ unit: 'binary' })),
          statusCode: nullable(fc.integer({ min: 100, max: 599 })),
          details: fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<Record<string, unknown>>,
        }),
        (event) => {
          expect(canonicalEvent(event)).toBe(canonicalJson({ ...event, occurredAt: event.occurredAt.toISOString() }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('links canonical text exactly as linkEvents links events', () => {
    const events = [event(), event({ id: '00000000-0000-4000-8000-000000000002' })];
    expect(linkCanonical(GENESIS_HASH, events.map((e) => canonicalEvent(e)))).toEqual(linkEvents(GENESIS_HASH, events).map((e) => e.hash));
  });
});

describe('verifyRow', () => {
  const asRow = <T extends ChainedEvent>(e: T) => ({ ...e, occurredAt: e.occurredAt.toISOString() });

  it('answers as verifyLink does for a row whose time is read as its ISO text', () => {
    const [first, second] = linkEvents(GENESIS_HASH, [event(), event({ id: '00000000-0000-4000-8000-000000000002', occurredAt: new Date('0999-01-02T03:04:05.006Z') })]);
    expect(verifyRow(GENESIS_HASH, asRow(first))).toBe(first.hash);
    expect(verifyRow(first.hash, asRow(second))).toBe(second.hash);
    expect(verifyRow(first.hash, asRow({ ...second, ip: '10.6.6.6' }))).toBeNull();
    expect(verifyRow(GENESIS_HASH, asRow(second))).toBeNull();
  });

  it('refuses a time written in another form than toISOString’s, and a version it does not know', () => {
    const [first] = linkEvents(GENESIS_HASH, [event()]);
    expect(verifyRow(GENESIS_HASH, { ...asRow(first), occurredAt: '2026-11-23 10:00:00+00' })).toBeNull();
    expect(verifyRow(GENESIS_HASH, { ...asRow(first), canonicalVersion: 99 })).toBeNull();
  });
});
