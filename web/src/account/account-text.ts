/** A browser as a person would name it, from its user agent: "Firefox on macOS". */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser =
    /Edg\//.test(userAgent) ? 'Edge'
    : /OPR\//.test(userAgent) ? 'Opera'
    : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrome\/|CriOS\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari'
    : null;
  const system =
    /iPhone|iPad/.test(userAgent) ? 'iOS'
    : /Android/.test(userAgent) ? 'Android'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
    : /Windows/.test(userAgent) ? 'Windows'
    : /CrOS/.test(userAgent) ? 'ChromeOS'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser ?? system) return (browser ?? system)!;
  // curl/8.4, a script: its own first word is the clearest name.
  return userAgent.split(/[\s(]/)[0] || 'Unknown device';
}

/** The recovery codes as the downloaded file holds them. */
export function recoveryCodesFile(codes: readonly string[], email: string, now: Date = new Date()): string {
  return [
    `Keyward recovery codes for ${email}`,
    `Made ${now.toISOString()}. Each code works once, instead of a code from your authenticator app.`,
    '',
    ...codes,
    '',
  ].join('\n');
}
