/** Query parameters whose values are credentials wherever they appear. */
const SECRET_PARAMS = new Set(['apikey', 'api_key', 'key', 'token', 'access_token', 'refresh_token', 'password']);
/** Anything shaped like a Keyward key (any prefix), even under an innocent parameter name. */
const KEY_LIKE = /[a-z][a-z0-9]{1,9}_[0-9a-f]{8}_[0-9a-f]{32}[0-9A-Za-z]{6}/g;

export const REDACTED = '[REDACTED]';

/** Keeps a URL useful for review while making sure no credential in its query survives. */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  // Every key has two underscores: a path without one holds none (most do; no regex for them).
  if (mark === -1) return url.includes('_') ? url.replace(KEY_LIKE, REDACTED) : url;
  const path = url.slice(0, mark).replace(KEY_LIKE, REDACTED);
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeSafely(eq === -1 ? pair : pair.slice(0, eq)).toLowerCase();
      if (eq !== -1 && SECRET_PARAMS.has(name)) return `${pair.slice(0, eq)}=${REDACTED}`;
      return pair.replace(KEY_LIKE, REDACTED).replace(/%5F/gi, '_').replace(KEY_LIKE, REDACTED);
    })
    .join('&');
  return `${path}?${query}`;
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
