import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error.js';
import { toErrorResponse } from '../common/errors/error-response.js';

const ENTRY = Symbol('keyward.timeoutEntry');
const SWEEP_MS = 100;

interface InFlight {
  deadline: number;
  request: FastifyRequest;
  reply: FastifyReply;
  owner: Set<InFlight>;
}

type TrackedRequest = FastifyRequest & { [ENTRY]?: InFlight };

/** The requests still being answered, oldest first (what shutdown asks to close their connections). */
export interface RequestsInFlight {
  /** Called as each request arrives (in the one onRequest hook, request-arrival.ts). */
  track(request: FastifyRequest, reply: FastifyReply): void;
  replies(): Iterable<FastifyReply>;
}

/**
 * No request waits longer than REQUEST_TIMEOUT_MS (give or take a 100 ms sweep): past it the
 * client gets 503 service.unavailable, whatever the handler or a slow database is still doing.
 * Requests in flight sit in an insertion-ordered Set — cheaper per request than a timer each —
 * and since all share one timeout, the oldest are first and the sweep stops at the first that
 * still has time.
 */
export function enforceRequestTimeout(fastify: FastifyInstance, timeoutMs: number): RequestsInFlight {
  const inFlight = new Set<InFlight>();
  fastify.addHook('onResponse', (request, _reply, done) => {
    forget(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    forget(request);
    done();
  });
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const entry of inFlight) {
      if (entry.deadline > now) break;
      inFlight.delete(entry);
      const { request, reply } = entry;
      if (reply.sent || reply.raw.headersSent) continue;
      const body = toErrorResponse(new AppError('service.unavailable', 'The request took too long'), request.url.split('?')[0]);
      void reply.status(body.statusCode).send(body);
    }
  }, SWEEP_MS);
  sweeper.unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
  return {
    track(request: TrackedRequest, reply) {
      const entry = { deadline: Date.now() + timeoutMs, request, reply, owner: inFlight };
      request[ENTRY] = entry;
      inFlight.add(entry);
    },
    *replies() {
      for (const entry of inFlight) yield entry.reply;
    },
  };
}

function forget(request: TrackedRequest): void {
  const entry = request[ENTRY];
  if (entry) entry.owner.delete(entry);
}

/** For responses that legitimately stream for long (exports): the timeout stops once they start. */
export function allowLongResponse(request: FastifyRequest): void {
  forget(request as TrackedRequest);
}
