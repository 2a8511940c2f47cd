import { REDACTED, redactUrl } from './redact-url.js';

const key = `kw_a1b2c3d4_${'0123456789abcdef'.repeat(2)}0aZ9xY`;

describe('redactUrl', () => {
  it('leaves a URL without a query alone', () => {
    expect(redactUrl('/api/v1/contents')).toBe('/api/v1/contents');
  });

  it('redacts the apikey parameter whatever its value', () => {
    expect(redactUrl('/api/v1/contents?apikey=anything&limit=5')).toBe(`/api/v1/contents?apikey=${REDACTED}&limit=5`);
    expect(redactUrl('/x?APIKEY=abc')).toBe(`/x?APIKEY=${REDACTED}`);
  });

  it('redacts a key-shaped value under any parameter name', () => {
    expect(redactUrl(`/x?q=${key}`)).toBe(`/x?q=${REDACTED}`);
    expect(redactUrl(`/x?q=${key.replaceAll('_', '%5F')}`)).toBe(`/x?q=${REDACTED}`);
  });

  it('redacts a key pasted into the path', () => {
    expect(redactUrl(`/api/v1/${key}`)).toBe(`/api/v1/${REDACTED}`);
  });

  it('redacts token and password parameters', () => {
    expect(redactUrl('/x?token=abc&password=hunter2&page=2')).toBe(`/x?token=${REDACTED}&password=${REDACTED}&page=2`);
  });
});
