import { type CanActivate, type ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ResolvedGuardOptions } from './guard-options.js';
import { KeyChecker, KEYWARD_GUARD_OPTIONS, type VerifiedKey } from './key-checker.js';

export const KEY_PERMISSIONS = 'keyward:key-permissions';

/** Where the guard leaves the verified key on the request (read it with @VerifiedKey()). */
export const VERIFIED_KEY = Symbol.for('keyward.verified-key');

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  url?: string;
  ip?: string;
  [VERIFIED_KEY]?: VerifiedKey;
}

interface HttpReply {
  header(name: string, value: string): unknown;
}

/**
 * Lets a request through only with a key Keyward vouches for, holding the permissions the route
 * declares with @RequireKeyPermissions (none declared: any valid key). Refusals are API.md §1's
 * body with 401, 403 or 429 (Retry-After), and 503 when Keyward cannot answer.
 */
@Injectable()
export class KeywardGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(KeyChecker) private readonly checker: KeyChecker,
    @Inject(KEYWARD_GUARD_OPTIONS) private readonly options: ResolvedGuardOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const permissions = this.reflector.getAllAndOverride<string[] | undefined>(KEY_PERMISSIONS, [context.getHandler(), context.getClass()]) ?? [];
    const header = request.headers[this.options.header];
    const outcome = await this.checker.check({
      // A repeated header names no one key: refused like a wrong one.
      key: Array.isArray(header) ? 'repeated-header' : header,
      permissions,
      ip: this.options.forwardClientIp ? request.ip : undefined,
      // Without the query string, where a client may have put a secret.
      path: (request.url ?? '').split('?')[0],
    });
    if ('verified' in outcome) {
      request[VERIFIED_KEY] = outcome.verified;
      return true;
    }
    const { status, body, retryAfter } = outcome.refusal;
    if (retryAfter !== undefined) http.getResponse<HttpReply>().header('Retry-After', String(retryAfter));
    throw new HttpException(body, status);
  }
}
