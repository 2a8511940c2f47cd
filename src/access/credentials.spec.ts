import { FastifyAdapter } from '@nestjs/platform-fastify';
import { generateKey } from '../api-keys/verification/key-format.js';
import { findCredential } from './credentials.js';

// Where a credential sits; which kind it is (a key, a JWT) the registered verifiers say.
const withQuery = true;
const withoutQuery = false;

const KEY = generateKey('kw').key;
const OTHER_KEY = generateKey('kw').key;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

describe('findCredential: where a key is found', () => {
  it('reads an API key from the x-api-key header', () => {
    expect(findCredential({ 'x-api-key': KEY }, {}, withQuery)).toEqual({ value: KEY, transport: 'header' });
  });

  it('finds the header whatever case the client wrote its name in (X-API-Key, X-Api-Key)', async () => {
    // The service's own HTTP stack: Fastify, which hands header names over lower-cased.
    const app = new FastifyAdapter().getInstance();
    app.get('/', (request) => findCredential(request.headers, request.query, withQuery));
    try {
      for (const name of ['X-API-Key', 'X-Api-Key', 'x-api-key']) {
        const response = await app.inject({ method: 'GET', url: '/', headers: { [name]: KEY } });
        expect(response.json()).toEqual({ value: KEY, transport: 'header' });
      }
    } finally {
      await app.close();
    }
  });

  it('reads a Bearer token, whatever the case of "Bearer"', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      expect(findCredential({ authorization: `${scheme} ${KEY}` }, {}, withQuery)).toEqual({ value: KEY, transport: 'bearer' });
    }
  });

  it('hands a JWT in Bearer over the same way: telling it from a key is the verifiers\' part', () => {
    expect(findCredential({ authorization: `Bearer ${JWT}` }, {}, withQuery)).toEqual({ value: JWT, transport: 'bearer' });
  });

  it('hands a key of another prefix in Bearer over as it is (no verifier will recognise it)', () => {
    const foreign = generateKey('acme').key;
    expect(findCredential({ authorization: `Bearer ${foreign}` }, {}, withQuery)).toEqual({ value: foreign, transport: 'bearer' });
  });

  it('ignores an Authorization header of another scheme', () => {
    expect(findCredential({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, {}, withQuery)).toBeNull();
    expect(findCredential({ authorization: KEY }, {}, withQuery)).toBeNull();
  });

  it('reads ?apikey= when the query parameter is enabled', () => {
    expect(findCredential({}, { apikey: KEY }, withQuery)).toEqual({ value: KEY, transport: 'query' });
  });

  it('ignores ?apikey= when the query parameter is disabled', () => {
    expect(findCredential({}, { apikey: KEY }, withoutQuery)).toBeNull();
  });

  it('ignores a query that is not an object of parameters', () => {
    expect(findCredential({}, undefined, withQuery)).toBeNull();
    expect(findCredential({}, null, withQuery)).toBeNull();
    expect(findCredential({}, `apikey=${KEY}`, withQuery)).toBeNull();
  });

  it('returns null when the request carries no credential', () => {
    expect(findCredential({}, {}, withQuery)).toBeNull();
    expect(findCredential({ 'user-agent': 'curl' }, { page: '2' }, withQuery)).toBeNull();
  });
});

describe('findCredential: first match wins (header, then Bearer, then query)', () => {
  it('prefers the x-api-key header over a Bearer key', () => {
    expect(findCredential({ 'x-api-key': KEY, authorization: `Bearer ${OTHER_KEY}` }, {}, withQuery)).toEqual({ value: KEY, transport: 'header' });
  });

  it('prefers the x-api-key header over a Bearer JWT too', () => {
    expect(findCredential({ 'x-api-key': KEY, authorization: `Bearer ${JWT}` }, {}, withQuery)).toEqual({ value: KEY, transport: 'header' });
  });

  it('prefers a Bearer key over ?apikey=', () => {
    expect(findCredential({ authorization: `Bearer ${KEY}` }, { apikey: OTHER_KEY }, withQuery)).toEqual({ value: KEY, transport: 'bearer' });
  });

  it('prefers a Bearer JWT over ?apikey=', () => {
    expect(findCredential({ authorization: `Bearer ${JWT}` }, { apikey: KEY }, withQuery)).toEqual({ value: JWT, transport: 'bearer' });
  });

  it('falls through to ?apikey= past an Authorization header of another scheme', () => {
    expect(findCredential({ authorization: 'Basic YTpi' }, { apikey: KEY }, withQuery)).toEqual({ value: KEY, transport: 'query' });
  });
});

describe('findCredential: repeated, padded and empty values', () => {
  it('takes the first of repeated x-api-key headers', () => {
    expect(findCredential({ 'x-api-key': [KEY, OTHER_KEY] }, {}, withQuery)).toEqual({ value: KEY, transport: 'header' });
  });

  it('takes the first of repeated ?apikey= parameters', () => {
    expect(findCredential({}, { apikey: [KEY, OTHER_KEY] }, withQuery)).toEqual({ value: KEY, transport: 'query' });
  });

  it('trims whitespace around a header key, a Bearer token and a query key', () => {
    expect(findCredential({ 'x-api-key': `  ${KEY}\t` }, {}, withQuery)).toEqual({ value: KEY, transport: 'header' });
    expect(findCredential({ authorization: `  Bearer    ${KEY}  ` }, {}, withQuery)).toEqual({ value: KEY, transport: 'bearer' });
    expect(findCredential({ authorization: `Bearer \t${JWT} ` }, {}, withQuery)).toEqual({ value: JWT, transport: 'bearer' });
    expect(findCredential({}, { apikey: ` ${KEY} ` }, withQuery)).toEqual({ value: KEY, transport: 'query' });
  });

  it('returns null when every value is empty or blank', () => {
    expect(findCredential({ 'x-api-key': '' }, {}, withQuery)).toBeNull();
    expect(findCredential({ 'x-api-key': '   ' }, {}, withQuery)).toBeNull();
    expect(findCredential({ 'x-api-key': [] }, {}, withQuery)).toBeNull();
    expect(findCredential({ authorization: 'Bearer' }, {}, withQuery)).toBeNull();
    expect(findCredential({ authorization: 'Bearer    ' }, {}, withQuery)).toBeNull();
    expect(findCredential({}, { apikey: '' }, withQuery)).toBeNull();
    expect(findCredential({}, { apikey: ['', KEY] }, withQuery)).toBeNull();
  });

  it('treats an empty value as absent, so the next place is still looked at', () => {
    expect(findCredential({ 'x-api-key': ' ', authorization: `Bearer ${KEY}` }, {}, withQuery)).toEqual({ value: KEY, transport: 'bearer' });
    expect(findCredential({ authorization: 'Bearer ' }, { apikey: KEY }, withQuery)).toEqual({ value: KEY, transport: 'query' });
  });
});
