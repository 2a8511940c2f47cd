import { accessTokenClaims } from './access-token-claims.js';

const sub = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const sid = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('accessTokenClaims', () => {
  it('accepts the claims this service issues', () => {
    expect(accessTokenClaims({ sub, sid, exp: 1_900_000_000, iat: 1 })).toEqual({ sub, sid, exp: 1_900_000_000 });
  });

  it('refuses a token without exp', () => {
    expect(accessTokenClaims({ sub, sid })).toBeNull();
    expect(accessTokenClaims({ sub, sid, exp: '1900000000' })).toBeNull();
  });

  it('refuses a sub or sid that is not a UUID', () => {
    expect(accessTokenClaims({ sub: 'not-a-uuid', sid, exp: 1 })).toBeNull();
    expect(accessTokenClaims({ sub, sid: 'nope', exp: 1 })).toBeNull();
    expect(accessTokenClaims({ sub, exp: 1 })).toBeNull();
  });

  it('refuses a payload that is not an object', () => {
    expect(accessTokenClaims('a string')).toBeNull();
    expect(accessTokenClaims(null)).toBeNull();
  });
});
