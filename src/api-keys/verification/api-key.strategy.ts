import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Strategy } from 'passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { requestContext } from '../../access/request-context.js';
import { type CredentialRequest as KeyRequest, FOUND_CREDENTIAL } from '../../access/credentials.js';
import { registerStrategy, unregisterStrategy } from '../../access/passport-guard.js';
import type { Principal } from '../../access/principal.js';
import { ApiKeyVerifier } from './api-key.verifier.js';

export const API_KEY_HEADER = 'x-api-key';
const REQUEST = Symbol('keyward.keyRequest');
type PerRequestStrategy = { [REQUEST]?: KeyRequest };
/**
 * passport-headerapikey reads `x-api-key`. Keys may also come as `Authorization: Bearer` or
 * `?apikey=` (API.md §3); the guard has already found which, and this strategy hands the
 * library a view of the request in which that key sits in the header it reads.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') implements OnApplicationShutdown {
  readonly strategyName: string;

  constructor(private readonly verifier: ApiKeyVerifier) {
    super({ header: API_KEY_HEADER, prefix: '' }, false);
    this.strategyName = registerStrategy(this as unknown as Strategy, 'api-key');
    const validate = (apiKey: string, request: KeyRequest) => this.validate(apiKey, request);
    // One verify for every request: passport calls it on the request's own Object.create(strategy),
    // where authenticate() left the request (a closure per request cost an allocation each).
    this.verify = function (this: PerRequestStrategy, apiKey: string, verified: (error: Error | null, principal?: Principal) => void) {
      validate(apiKey, this[REQUEST]!).then(
        (principal) => verified(null, principal),
        (error: Error) => verified(error),
      );
    } as HeaderAPIKeyStrategy['verify'];
  }

  /** Not onModuleDestroy: Nest runs that before it closes the server, so a request still in flight would find no strategy. */
  onApplicationShutdown(): void {
    unregisterStrategy(this.strategyName);
  }

  override authenticate(req: Parameters<HeaderAPIKeyStrategy['authenticate']>[0], options?: object): void {
    const request = req as unknown as KeyRequest;
    // `this` is passport's per-request Object.create(strategy): validate() gets the request itself, not the view below.
    (this as unknown as PerRequestStrategy)[REQUEST] = request;
    const credential = request[FOUND_CREDENTIAL];
    const view =
      credential && credential.transport !== 'header'
        ? (Object.create(request, { headers: { value: { ...request.headers, [API_KEY_HEADER]: credential.value } } }) as KeyRequest)
        : request;
    super.authenticate(view as unknown as typeof req, options);
  }

  validate(apiKey: string, request: KeyRequest): Promise<Principal> {
    const credential = request[FOUND_CREDENTIAL];
    const transport = credential?.transport ?? 'header';
    return this.verifier.verify(apiKey, { ip: request.ip, transport, context: () => requestContext(request) });
  }
}
