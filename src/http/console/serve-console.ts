import fastifyStatic from '@fastify/static';
import { NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toErrorResponse } from '../../common/errors/error-response.js';
import { projectRoot } from '../../common/project-root.js';
import { servesConsolePage } from './console-routes.js';

const YEAR_SECONDS = 31_536_000;

export interface ConsoleServing {
  /**
   * Console pages under a path another route answers (the OAuth consent page, under the
   * authorization server's /oauth/*), as route patterns: index.html for these by name.
   */
  claimedPages?: string[];
  root?: string;
}

/**
 * Serves the web console (built by `npm run build` into dist/web) at `/`: hashed assets cached for
 * good, index.html never, and index.html for any other page the client asks for as HTML.
 * Returns false when the console has not been built.
 */
export async function serveConsole(app: NestFastifyApplication, { claimedPages = [], root = join(projectRoot(), 'dist', 'web') }: ConsoleServing = {}): Promise<boolean> {
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
  for (const page of claimedPages) fastify.get(page, (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (servesConsolePage(request.url, request.headers.accept)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const body = toErrorResponse(new NotFoundException(), request.url.split('?')[0]);
    return reply.status(body.statusCode).send(body);
  });
  return true;
}
