import { describeUserAgent, recoveryCodesFile } from './account-text';

describe('describeUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1', 'Chrome on iOS'],
    ['curl/8.4.0', 'curl/8.4.0'],
  ])('names %s', (userAgent, name) => {
    expect(describeUserAgent(userAgent)).toBe(name);
  });

  it('says so when the session has no user agent', () => {
    expect(describeUserAgent(null)).toBe('Unknown device');
  });
});

describe('recoveryCodesFile', () => {
  it('lists each code on its own line under who and when they are for', () => {
    const text = recoveryCodesFile(['aaaaa-bbbbb', 'ccccc-ddddd'], 'ada@example.com', new Date('2026-11-23T10:00:00Z'));
    expect(text.split('\n')).toEqual([
      'Keyward recovery codes for ada@example.com',
      'Made 2026-11-23T10:00:00.000Z. Each code works once, instead of a code from your authenticator app.',
      '',
      'aaaaa-bbbbb',
      'ccccc-ddddd',
      '',
    ]);
  });
});
