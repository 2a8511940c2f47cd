import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ERROR_CODE_SCHEMA, ERROR_CODES } from '../../common/errors/error-response.schema.js';
import type { NamedLimitState, RateLimitState, Verdict } from './verdict.js';

class VerifiedOwnerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
}

class VerifiedRateLimitResponse implements RateLimitState {
  @ApiProperty() limit!: number;
  @ApiProperty() remaining!: number;
  @ApiProperty({ description: 'seconds until the window resets' }) reset!: number;
}

class VerifiedCreditsResponse {
  @ApiProperty({ description: 'credits left after this check' }) remaining!: number;
}

class VerifiedLimitResponse extends VerifiedRateLimitResponse implements NamedLimitState {
  @ApiProperty() name!: string;
}

@ApiSchema({ name: 'KeyVerification' })
export class VerdictResponse implements Verdict {
  // The description sits on `valid`: on `code` swagger would move it onto the shared ErrorCode schema.
  @ApiProperty({ description: 'when false, code is the API.md §1 code the key would get (api_key.invalid, api_key.revoked, permission.denied, rate_limit.exceeded, …)' })
  valid!: boolean;
  @ApiPropertyOptional({ enum: ERROR_CODES, enumName: ERROR_CODE_SCHEMA })
  code?: Verdict['code'];
  @ApiPropertyOptional({ format: 'uuid' }) keyId?: string;
  @ApiPropertyOptional() keyPrefix?: string;
  @ApiPropertyOptional({ format: 'uuid' }) workspaceId?: string;
  @ApiPropertyOptional({ type: VerifiedOwnerResponse }) owner?: VerifiedOwnerResponse;
  @ApiPropertyOptional({ type: [String], description: 'the key’s effective permissions in its workspace' }) permissions?: string[];
  @ApiPropertyOptional({ type: [String], description: 'permissions asked for that the key lacks' }) missing?: string[];
  @ApiPropertyOptional({ type: VerifiedRateLimitResponse }) rateLimit?: VerifiedRateLimitResponse;
  @ApiPropertyOptional({ type: VerifiedCreditsResponse, description: 'when the key has credits (API.md §15)' }) credits?: VerifiedCreditsResponse;
  @ApiPropertyOptional({ type: [VerifiedLimitResponse], description: 'the named limits this check counted in' }) limits?: VerifiedLimitResponse[];
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) expiresAt?: Date | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) metadata?: Record<string, unknown>;
}
