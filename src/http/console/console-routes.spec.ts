import { servesConsolePage } from './console-routes.js';

const html = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('servesConsolePage', () => {
  it.each(['/', '/keys', '/keys/8f0c3c4e-1b1e-4f7e-9a57-0e2c9f1d1a11', '/audit?type=suspicious.*', '/admin/users', '/members', '/workspace/settings', '/invitations/accept?token=kwinv_abc', '/account', '/reset-password?token=kwpr_abc', '/oauth-apps', '/account/authorized-apps'])('serves the console for %s', (url) => {
    expect(servesConsolePage(url, html)).toBe(true);
  });

  it.each(['/api/v1/nope', '/api', '/health', '/metrics', '/docs', '/docs-json', '/docs/static/index.html', '/assets/missing.js', '/favicon.ico'])(
    'leaves %s to the server',
    (url) => {
      expect(servesConsolePage(url, html)).toBe(false);
    },
  );

  it('answers API-style clients with the JSON 404 instead', () => {
    expect(servesConsolePage('/keys', 'application/json')).toBe(false);
    expect(servesConsolePage('/keys', undefined)).toBe(false);
  });
});
