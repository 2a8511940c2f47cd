import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.js';
import type { ErrorBody } from './error-response.js';

/** Every code of the catalogue, as one named schema that the error shape and a verification's refusal share. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
export const ERROR_CODE_SCHEMA = 'ErrorCode';

/** The one error shape of API.md §1, as the OpenAPI document describes it. */
@ApiSchema({ name: 'Error' })
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ enum: ERROR_CODES, enumName: ERROR_CODE_SCHEMA, example: 'auth.required' })
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
