import { jest } from '@jest/globals';
import { createAuthApi } from './auth-api';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const sent = (fetch: jest.Mock<(...args: any[]) => any>) => {
  const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
  return { url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) as unknown };
};

describe('createAuthApi', () => {
  it('answers the second factor as a cookie session, so the refresh cookie is set as for a plain sign-in', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValue(json(200, { accessToken: 'a', tokenType: 'Bearer', expiresIn: 900 }));

    await createAuthApi(fetch).loginSecondFactor('kwmfa_abc', { code: '123456' });

    expect(sent(fetch)).toEqual({
      url: '/api/v1/auth/login/2fa',
      headers: { 'Content-Type': 'application/json', 'X-Session': 'cookie' },
      body: { mfaToken: 'kwmfa_abc', code: '123456' },
    });
  });

  it('sends a recovery code in its own field', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValue(json(200, { accessToken: 'a', tokenType: 'Bearer', expiresIn: 900 }));
    await createAuthApi(fetch).loginSecondFactor('kwmfa_abc', { recoveryCode: 'abcde-fghij' });
    expect(sent(fetch).body).toEqual({ mfaToken: 'kwmfa_abc', recoveryCode: 'abcde-fghij' });
  });
});
