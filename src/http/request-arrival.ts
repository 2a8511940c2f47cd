import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Socket } from 'node:net';
import { clientIp, type ProxyTrust, UNKNOWN_CLIENT_IP } from './client-ip.js';
import type { RequestsInFlight } from './request-timeout.js';

export interface Arrival {
  trust: ProxyTrust | null;
  inFlight: RequestsInFlight;
  writeSecurityHeaders: (reply: FastifyReply) => void;
}

const PEER_IP = Symbol('keyward.peerIp');

/**
 * Everything a request needs when it arrives, in one onRequest hook (one hook fewer to run is
 * work every request saves):
 * - request.ip becomes clientIp()'s answer before anything reads it, so allowlists, limits,
 *   blocks, audit events and key usage all see one normalised, valid address. Fastify's own
 *   getter would hand back whatever X-Forwarded-For holds at the first untrusted hop, garbage
 *   included, and ignores a hop count altogether.
 * - the request joins those in flight (the request timeout, and shutdown's Connection: close);
 * - every response carries helmet's headers and names its request id. All are known now, so they
 *   are written now: an onSend hook would put every response through Fastify's slower send path.
 * While shutting down, every response still going out asks the client to close its connection —
 * those of requests already in flight too — otherwise a keep-alive connection that carried an
 * in-flight request keeps the server open.
 */
export function onRequestArrival(fastify: FastifyInstance, { trust, inFlight, writeSecurityHeaders }: Arrival): { start(): void } {
  let draining = false;
  fastify.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket as (Socket & { [PEER_IP]?: string }) | undefined;
    // A connection's peer never changes: its normalised address is worked out once per connection.
    const peer = socket ? (socket[PEER_IP] ??= clientIp(socket.remoteAddress, undefined, null)) : UNKNOWN_CLIENT_IP;
    const ip = trust ? clientIp(peer, request.headers['x-forwarded-for'], trust) : peer;
    // Fastify's own getter reads the socket's address: when that is already the answer, it stays.
    if (trust || ip !== socket?.remoteAddress) Object.defineProperty(request, 'ip', { value: ip, enumerable: true });
    inFlight.track(request, reply);
    writeSecurityHeaders(reply);
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
    done();
  });
  return {
    start: () => {
      draining = true;
      for (const pending of inFlight.replies()) if (!pending.sent) pending.header('connection', 'close');
    },
  };
}
