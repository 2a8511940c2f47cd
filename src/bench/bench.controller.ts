import { Controller, Get, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../access/access.decorators.js';
import type { MeResponse } from '../auth/auth.dto.js';
import { SAMPLE_ME } from './sample-me.js';

/** Routes only `npm run bench` mounts (BENCH_ROUTES=true): fixtures, not part of the API. */
@ApiExcludeController()
@Controller('ping')
export class BenchController {
  /**
   * The benchmark's baseline: public, and answering a fixed body of the same shape and size as
   * GET /auth/me (`?as=api_key`, the default, or `?as=jwt`), so that comparing the two measures
   * authentication and not the size of the response. `as` is read from @Req(), as /auth/me reads
   * its principal: a @Query() parameter goes through the global ValidationPipe's promises, which
   * /auth/me does not pay.
   */
  @Public()
  @Get('me')
  pingShapedLikeMe(@Req() request: FastifyRequest): MeResponse {
    return (request.query as { as?: unknown } | undefined)?.as === 'jwt' ? SAMPLE_ME.jwt : SAMPLE_ME.apiKey;
  }
}
