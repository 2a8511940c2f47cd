import { HELMET_OPTIONS, securityHeaders } from './security-headers.js';

describe('securityHeaders', () => {
  const headers = securityHeaders(HELMET_OPTIONS);

  it('computes helmet’s headers once, CSP included', () => {
    expect(headers.set['content-security-policy']).toContain("default-src 'self'");
    expect(headers.set['content-security-policy']).toContain("script-src 'self'");
    expect(headers.set['x-content-type-options']).toBe('nosniff');
    expect(headers.set['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers.set['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('leaves out upgrade-insecure-requests so the console works over plain HTTP', () => {
    expect(headers.set['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('removes X-Powered-By', () => {
    expect(headers.remove).toContain('x-powered-by');
  });
});
