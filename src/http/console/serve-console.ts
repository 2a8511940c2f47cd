import fastifyStatic from '@fastify/static';
import { NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toErrorResponse } from '../../common/errors/error-response.js';
import { projectRoot } from '../../common/project-root.js';
import { consentPath } from '../../oauth/server/provider-config.js';
import { servesConsolePage } from './console-routes.js';

const YEAR_SECONDS = 31_536_000;

/**
 * Serves the web console (built by `npm run build` into dist/web) at `/`: hashed assets cached for
 * good, index.html never, and index.html for any other page the client asks for as HTML, and for
 * the OAuth consent page.
 * Returns false when the console has not been built.
 */
export async function serveConsole(app: NestFastifyApplication, root = join(projectRoot(), 'dist', 'web')): Promise<boolean> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  await app.register(fastifyStatic as never, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', path.includes('/assets/') ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The authorization server sends the user agent to the console's consent page, a path under
  // /oauth/*, which the provider answers: the console claims this one by name.
  fastify.get(consentPath(':uid'), (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (servesConsolePage(request.url, request.headers.accept)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const body = toErrorResponse(new NotFoundException(), request.url.split('?')[0]);
    return reply.status(body.statusCode).send(body);
  });
  return true;
}
