const MAX_LEAD_SECONDS = 60;
const MIN_DELAY_MS = 1000;

/**
 * How long to wait before silently refreshing a token that lives `expiresInSeconds`: a minute
 * before it expires, or a fifth of its life for short-lived tokens, so a slow request still
 * finds a valid token.
 */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lead = Math.min(MAX_LEAD_SECONDS, expiresInSeconds * 0.2);
  return Math.max(MIN_DELAY_MS, Math.round((expiresInSeconds - lead) * 1000));
}
