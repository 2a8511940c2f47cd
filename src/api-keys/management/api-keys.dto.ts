import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NamedLimitDto } from '../../access/limits/quota.dto.js';
import { MAX_LIMITS } from '../../access/limits/quota.js';
import { IsDisplayText } from '../../common/display-text.js';
import { PageQuery } from '../../common/pagination.js';
import { QueryBoolean } from '../../common/query-boolean.js';
import { IsPermissionConstraint } from '../../access/is-permission.validator.js';
import { IsIpRangeConstraint, IsKeyName, IsSmallJsonObjectConstraint, NAME_MAX_LENGTH, toScopeList } from './api-key.validators.js';
import { KEY_STATUSES, type KeyStatus } from '../verification/key-status.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ApiSchema({ name: 'CreditRefillSettings' })
export class CreditRefillDto {
  @ApiProperty({ minimum: 1, description: 'credits each refill gives' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amount!: number;

  @ApiProperty({ example: 'day', description: '`hour`, `day`, `week`, `month` or an ISO-8601 duration of at least a minute (`PT15M`, `P2W`); refills fall on whole intervals from when it was set' })
  @IsString()
  @MaxLength(40)
  interval!: string;

  @ApiProperty({ enum: ['reset', 'add'], description: 'reset: remaining becomes amount; add: amount is added' })
  @IsIn(['reset', 'add'])
  mode!: 'reset' | 'add';
}

/** A key's credits (API.md §15): set `remaining` (and `refill`), or change them with `increment` / `decrement`. */
@ApiSchema({ name: 'CreditSettings' })
export class CreditsDto {
  @ApiPropertyOptional({ minimum: 0, description: 'credits left; each request costs 1, or what its route declares' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  remaining?: number;

  @ApiPropertyOptional({ type: CreditRefillDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditRefillDto)
  refill?: CreditRefillDto | null;

  @ApiPropertyOptional({ minimum: 1, description: 'PATCH only: add this many, atomically' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  increment?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'PATCH only: take this many away (not below 0), atomically' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  decrement?: number;
}

/** Fields shared by create and update; every one optional here. */
class ApiKeySettings {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsDisplayText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['contents:read'], description: 'Permissions, or one comma-separated string. Default: everything the owner has except administration (users:*, roles:*, members:*, apps:*, keys:admin, keys:verify), written out; ["*"] means everything.' })
  @IsOptional()
  @Transform(({ value }) => toScopeList(value))
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsPermissionConstraint, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'expiresAt must be an ISO 8601 time' })
  expiresAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'validFrom must be an ISO 8601 time' })
  validFrom?: string | null;

  @ApiPropertyOptional({ description: 'Requests per hour' })
  @IsOptional()
  @IsInt()
  @Min(1)
  rateLimit?: number;

  @ApiPropertyOptional({ type: [String], example: ['203.0.113.0/24', '2001:db8::/32'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Validate(IsIpRangeConstraint, { each: true })
  allowedIps?: string[];

  @ApiPropertyOptional({ type: Object })
  @IsOptional()
  @Validate(IsSmallJsonObjectConstraint)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ type: CreditsDto, nullable: true, description: 'null: no credits (unlimited uses)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditsDto)
  credits?: CreditsDto | null;

  @ApiPropertyOptional({ type: [NamedLimitDto], maxItems: MAX_LIMITS, description: 'named limits besides rateLimit (the limit named default); the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIMITS)
  @ValidateNested({ each: true })
  @Type(() => NamedLimitDto)
  limits?: NamedLimitDto[];
}

export class CreateApiKeyDto extends ApiKeySettings {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX_LENGTH })
  @Transform(trim)
  @IsKeyName()
  name: string;
}

export class UpdateApiKeyDto extends ApiKeySettings {
  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX_LENGTH })
  @Transform(trim)
  @ValidateIf((dto: UpdateApiKeyDto) => dto.name !== undefined)
  @IsKeyName()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListApiKeysQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KEY_STATUSES })
  @IsOptional()
  @IsIn(KEY_STATUSES)
  status?: KeyStatus;

  @ApiPropertyOptional({ description: 'keys:admin only: one user’s keys' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'keys:admin only: every user’s keys' })
  @IsOptional()
  @QueryBoolean()
  all?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: only the keys that break the workspace’s current key policy (made before a rule of it, or before it tightened) and are not revoked; false: only the others. Combines with status, userId and all.',
  })
  @IsOptional()
  @QueryBoolean()
  violatesPolicy?: boolean;
}

export class TransferApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'the member who owns the key from now on' })
  @IsUUID()
  userId!: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 604_800, description: 'Seconds the old key keeps working (0 = revoked now)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  gracePeriodSeconds?: number;
}

export class UsageQuery {
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day'] })
  @IsOptional()
  @IsIn(['hour', 'day'])
  granularity: 'hour' | 'day' = 'hour';
}

export const KEY_MESSAGE = 'Save this key securely. It will not be shown again.';
