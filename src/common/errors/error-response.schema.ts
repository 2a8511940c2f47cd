import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.js';
import type { ErrorBody } from './error-response.js';

/** The one error shape of API.md §1, as the OpenAPI document describes it. */
@ApiSchema({ name: 'Error' })
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ enum: Object.keys(ERROR_CATALOGUE), example: 'auth.required' })
  code!: ErrorCode;

  @ApiProperty({ example: 'Authentication required' })
  message!: string;

  @ApiProperty({ example: '/api/v1/contents' })
  path!: string;

  @ApiProperty({ format: 'date-time' })
  timestamp!: string;

  @ApiPropertyOptional({
    description: 'validation errors: [{field, message}], plus policy when a workspace key policy refuses the key (API.md §15); permission errors: [{required}]',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  details?: unknown[];
}
