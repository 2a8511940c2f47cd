import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error.js';

export const SESSION_COOKIE = 'kw_refresh';
const COOKIE_PATH = '/api/v1/auth';

/** Browser sessions opt in with `X-Session: cookie`; a cross-site form cannot set that header. */
export function wantsCookieSession(request: FastifyRequest): boolean {
  return String(request.headers['x-session'] ?? '').toLowerCase() === 'cookie';
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure });
}

/** The refresh token from the body, or from the cookie when the request opted into cookie sessions. */
export function refreshTokenFrom(request: FastifyRequest, bodyToken: string | undefined): string {
  if (bodyToken) return bodyToken;
  if (!wantsCookieSession(request)) throw new AppError('validation.failed', undefined, [{ field: 'refreshToken', message: 'refreshToken is required' }]);
  // A browser session without its cookie simply has no session (yet).
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) throw new AppError('auth.token_invalid', 'No session');
  return cookie;
}
