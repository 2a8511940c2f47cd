import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DisplayName } from '../common/display-text.js';
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
