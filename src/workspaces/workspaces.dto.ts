import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsPermissionConstraint } from '../access/is-permission.validator.js';
import { DisplayName } from '../common/display-text.js';
import type { KeyPolicyChange } from './key-policy-settings.js';
import { SLUG_PATTERN } from './slugs.js';

const SLUG_MESSAGE = 'slug must be 2-39 lower-case letters, digits or hyphens, starting with a letter or digit';
const ROLE_PATTERN = /^[a-z][a-z0-9_+-]{1,49}$/;

/** A slug as the API takes it: the pattern, and never the shape of an id (`:ws` accepts both). */
function IsSlug(): PropertyDecorator {
  return (target, key) => {
    Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })(target, key);
    // A uuid-shaped slug would shadow, in `:ws`, the workspace that has that id.
    Matches(/^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/, { message: 'slug must not look like a workspace id' })(target, key);
  };
}

export class CreateWorkspaceDto {
  @DisplayName()
  name: string;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, description: 'generated from the name when absent' })
  @IsOptional()
  @IsString()
  @IsSlug()
  slug?: string;
}

/** Each rule: left out, it stays as it is; null lifts it. */
export class KeyPolicyDto implements KeyPolicyChange {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 3650, description: 'keys must have an expiresAt no later than this many days from when they are created or changed; null: no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  maxLifetimeDays?: number | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'true: keys must have a non-empty allowedIps; false or null: they need not' })
  @IsOptional()
  @IsBoolean()
  requireIpAllowlist?: boolean | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    minItems: 1,
    maxItems: 50,
    example: ['contents:read', 'keys:*'],
    description: 'every scope of a key must be within these ("*" and "resource:*" cover as in roles; a key scope "contents:*" is not within "contents:read"); null: any scope',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'allowedScopes must not be empty: it would allow no key at all (null lifts the rule)' })
  @ArrayMaxSize(50)
  @Validate(IsPermissionConstraint, { each: true })
  allowedScopes?: string[] | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'the highest rateLimit a key may have; the plan’s maxRateLimit still applies, so the lower one binds; null: the plan’s alone' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  maxRateLimit?: number | null;
}

export class UpdateWorkspaceDto {
  @DisplayName({ optional: true })
  name?: string;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source })
  @IsOptional()
  @IsString()
  @IsSlug()
  slug?: string;

  @ApiPropertyOptional({ description: 'members without two-factor sign-in are refused this workspace' })
  @IsOptional()
  @IsBoolean()
  requireTwoFactor?: boolean;

  @ApiPropertyOptional({
    type: KeyPolicyDto,
    description: 'what keys of this workspace must meet; changing it also takes keys:admin. Keys made before a rule are not revoked: GET …/api-keys?violatesPolicy=true lists them',
  })
  // Not null: each rule is lifted by its own null, so clearing them all is written out.
  @ValidateIf((_dto, value) => value !== undefined)
  @IsObject({ message: 'keyPolicy must be an object' })
  @ValidateNested()
  @Type(() => KeyPolicyDto)
  keyPolicy?: KeyPolicyDto;
}

export class UpdatePlanDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'null: the instance default (MAX_RATE_LIMIT)' })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  maxRateLimit?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'null: the instance default (MAX_KEYS_PER_USER)' })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxKeysPerUser?: number | null;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Matches(ROLE_PATTERN, { message: 'role must be a role name' })
  role: string;
}

export class CreateInvitationDto {
  @ApiProperty({ format: 'email' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'member' })
  @IsString()
  @Matches(ROLE_PATTERN, { message: 'role must be a role name' })
  role: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'the token of the invitation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}
