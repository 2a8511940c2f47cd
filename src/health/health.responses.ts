import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { HealthResponse } from './health-response.js';

@ApiSchema({ name: 'Pong' })
export class PongResponse {
  @ApiProperty({ enum: [true] }) pong!: true;
}

@ApiSchema({ name: 'Health' })
export class HealthResponseSchema implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] }, example: { database: 'up' } })
  checks!: Record<string, 'up' | 'down'>;
}
