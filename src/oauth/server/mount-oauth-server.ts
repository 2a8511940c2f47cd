import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { requestContext } from '../../access/request-context.js';
import { whileHandlingOAuth } from './provider-storage.js';
import { type ContextCarryingRequest, REQUEST_CONTEXT } from './refresh-reuse.js';

const METADATA = '/.well-known/oauth-authorization-server';
const OIDC_METADATA = '/.well-known/openid-configuration';

/**
 * Mounts oidc-provider's Koa app on raw Fastify routes at the root (API.md §11: outside /api/v1,
 * as OAuth clients expect). In their own encapsulated context: form bodies are accepted there
 * only, and left unread for the library, which parses them itself; the rest of the API stays
 * JSON-or-nothing. RFC 8414 metadata is the library's discovery document under its RFC name.
 */
export async function mountOAuthServer(fastify: FastifyInstance, provider: Provider): Promise<void> {
  const callback = provider.callback();
  const hand = (request: FastifyRequest, reply: FastifyReply, url?: string) => {
    (request.raw as ContextCarryingRequest)[REQUEST_CONTEXT] = requestContext(request);
    // The provider (Koa, proxy mode) sees the scheme, host and client Fastify settled under
    // TRUST_PROXY, never forwarded headers an untrusted peer made up.
    request.raw.headers['x-forwarded-proto'] = request.protocol;
    request.raw.headers['x-forwarded-host'] = request.host;
    request.raw.headers['x-forwarded-for'] = request.ip;
    if (url) request.raw.url = url;
    reply.hijack();
    void whileHandlingOAuth(() => callback(request.raw, reply.raw));
  };
  await fastify.register(async (oauth) => {
    oauth.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null, undefined));
    oauth.get(METADATA, (request, reply) => hand(request, reply, OIDC_METADATA));
    oauth.get(OIDC_METADATA, (request, reply) => hand(request, reply));
    oauth.all('/oauth/*', (request, reply) => hand(request, reply));
  });
}
