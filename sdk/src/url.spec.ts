import { apiRoot, queryString, segment } from './url.js';

describe('apiRoot', () => {
  it('adds /api/v1 to a base URL, with or without a trailing slash, unless it is there', () => {
    expect(apiRoot('https://keys.example.com')).toBe('https://keys.example.com/api/v1');
    expect(apiRoot('https://keys.example.com/')).toBe('https://keys.example.com/api/v1');
    expect(apiRoot('http://127.0.0.1:3000/api/v1/')).toBe('http://127.0.0.1:3000/api/v1');
    expect(apiRoot('https://example.com/keyward')).toBe('https://example.com/keyward/api/v1');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => apiRoot('keys.example.com')).toThrow(TypeError);
  });
});

describe('queryString', () => {
  it('leaves out undefined and null values and joins lists with commas', () => {
    expect(queryString({ status: 'active', limit: 50, all: true, cursor: undefined, userId: null, type: ['auth.login', 'suspicious.*'] })).toBe(
      '?status=active&limit=50&all=true&type=auth.login%2Csuspicious.*',
    );
  });

  it('is empty without values', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({ cursor: undefined })).toBe('');
  });
});

describe('segment', () => {
  it('keeps a slash or question mark in an id from changing the route', () => {
    expect(segment('../users?all=true')).toBe('..%2Fusers%3Fall%3Dtrue');
  });
});
