import type { ConfigService } from '@nestjs/config';
import type { DiscoveryService } from '@nestjs/core';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { type CredentialVerifier, CredentialVerifiers } from './credential-verifiers.js';
import type { PresentedCredential } from './credentials.js';
import type { BruteForceService } from './limits/brute-force.service.js';
import type { AuthMethod, Principal } from './principal.js';

const user = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.com', name: 'A', roles: [], active: true, createdAt: new Date(0) };

/** A verifier that recognises what `recognises` says and sets a principal of kind `sets`. */
function verifier(kind: AuthMethod, recognises: (credential: PresentedCredential) => boolean, sets: string = kind) {
  const calls: unknown[] = [];
  const it: CredentialVerifier = {
    kind,
    recognises,
    verify: async (context) => {
      calls.push(context);
      context.switchToHttp().getRequest<{ user?: Principal }>().user = { user, authMethod: sets, permissions: [] } as unknown as Principal;
      return true;
    },
  };
  return Object.assign(it, { calls });
}

const jwt = verifier('jwt', (credential) => credential.transport === 'bearer' && credential.value.includes('.'));
const key = verifier('api_key', (credential) => credential.transport !== 'bearer' || credential.value.startsWith('kw_'));

function registry(...verifiers: CredentialVerifier[]): CredentialVerifiers {
  const discovery = { getProviders: () => verifiers.map((instance) => ({ instance })) } as unknown as DiscoveryService;
  const registered = new CredentialVerifiers(discovery);
  registered.onModuleInit();
  return registered;
}

function guardWith(verifiers: CredentialVerifiers): AuthenticationGuard {
  const bruteForce = { ipBlockedFor: () => 0 } as unknown as BruteForceService;
  const config = { get: () => ({ queryParam: true }) } as unknown as ConfigService<AppConfig, true>;
  return new AuthenticationGuard(new Reflector(), verifiers, bruteForce, new Metrics(), config);
}

function requestWith(headers: Record<string, string>, query: Record<string, string> = {}) {
  const request: { headers: Record<string, string>; query: Record<string, string>; ip: string; user?: Principal } = { headers, query, ip: '127.0.0.1' };
  const context = {
    getHandler: () => () => undefined,
    getClass: () => class Route {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { request, context };
}

async function codeOf(run: boolean | Promise<unknown>): Promise<string | null> {
  try {
    await run;
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('CredentialVerifiers', () => {
  const verifiers = registry(jwt, key);

  it('finds the verifier whose kind recognises the credential', () => {
    expect(verifiers.for({ value: 'a.b.c', transport: 'bearer' })?.kind).toBe('jwt');
    expect(verifiers.for({ value: 'kw_0000', transport: 'bearer' })?.kind).toBe('api_key');
    expect(verifiers.for({ value: 'anything', transport: 'header' })?.kind).toBe('api_key');
  });

  it('finds none for a credential no registered kind recognises', () => {
    expect(verifiers.for({ value: 'opaque-token', transport: 'bearer' })).toBeUndefined();
  });

  it('refuses two verifiers for one kind at start-up', () => {
    expect(() => registry(jwt, verifier('jwt', () => true))).toThrow('two credential verifiers for kind "jwt"');
  });
});

describe('AuthenticationGuard dispatch', () => {
  it('hands a bearer JWT to the jwt verifier and a key to the key verifier, the kind noted on the request', async () => {
    const guard = guardWith(registry(jwt, key));
    const viaBearer = requestWith({ authorization: 'Bearer a.b.c' });
    await guard.canActivate(viaBearer.context);
    expect(viaBearer.request.user?.authMethod).toBe('jwt');
    const viaHeader = requestWith({ 'x-api-key': 'kw_abc' });
    await guard.canActivate(viaHeader.context);
    expect(viaHeader.request.user?.authMethod).toBe('api_key');
    expect([jwt.calls.length, key.calls.length]).toEqual([1, 1]);
  });

  it('refuses a credential of an unknown kind with 401 auth.token_invalid, asking no verifier', async () => {
    const guard = guardWith(registry(jwt, key));
    const { request, context } = requestWith({ authorization: 'Bearer opaque-oauth-token' });
    const before = [jwt.calls.length, key.calls.length];
    expect(await codeOf(guard.canActivate(context))).toBe('auth.token_invalid');
    expect(request.user).toBeUndefined();
    expect([jwt.calls.length, key.calls.length]).toEqual(before);
  });

  it('refuses every credential when no verifier is registered', async () => {
    const guard = guardWith(registry());
    expect(await codeOf(guard.canActivate(requestWith({ 'x-api-key': 'kw_abc' }).context))).toBe('auth.token_invalid');
    expect(await codeOf(guard.canActivate(requestWith({ authorization: 'Bearer a.b.c' }).context))).toBe('auth.token_invalid');
  });

  it('refuses a principal whose kind is not the verifier’s own', async () => {
    const forging = verifier('jwt', () => true, 'oauth');
    const guard = guardWith(registry(forging));
    expect(await codeOf(guard.canActivate(requestWith({ authorization: 'Bearer a.b.c' }).context))).toBe('auth.token_invalid');
  });

  it('answers 401 auth.required when no credential is presented', async () => {
    const guard = guardWith(registry(jwt, key));
    expect(await codeOf(guard.canActivate(requestWith({}).context))).toBe('auth.required');
  });
});
