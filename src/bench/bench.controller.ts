import { Controller, Get, Query } from '@nestjs/common';
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
   * authentication and not the size of the response.
   */
  @Public()
  @Get('me')
  pingShapedLikeMe(@Query('as') as?: string): MeResponse {
    return as === 'jwt' ? SAMPLE_ME.jwt : SAMPLE_ME.apiKey;
  }
}
