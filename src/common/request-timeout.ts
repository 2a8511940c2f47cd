import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors/app-error.js';
import { toErrorResponse } from './errors/error-response.js';

const TIMER = Symbol('keyward.requestTimer');
type TimedRequest = FastifyRequest & { [TIMER]?: NodeJS.Timeout };

/**
 * No request waits longer than REQUEST_TIMEOUT_MS: past it the client gets 503
 * service.unavailable, whatever the handler (or a slow database) is still doing.
 */
export function enforceRequestTimeout(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('onRequest', (request: TimedRequest, reply: FastifyReply, done) => {
    request[TIMER] = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      const body = toErrorResponse(new AppError('service.unavailable', 'The request took too long'), request.url.split('?')[0]);
      void reply.status(body.statusCode).send(body);
    }, timeoutMs);
    done();
  });
  const clear = (request: TimedRequest, _reply: FastifyReply, done: () => void) => {
    clearTimeout(request[TIMER]);
    done();
  };
  fastify.addHook('onResponse', clear);
  fastify.addHook('onRequestAbort', (request: TimedRequest, done) => {
    clearTimeout(request[TIMER]);
    done();
  });
}

/** For responses that legitimately stream for long (exports): the timeout stops once they start. */
export function allowLongResponse(request: FastifyRequest): void {
  clearTimeout((request as TimedRequest)[TIMER]);
}
