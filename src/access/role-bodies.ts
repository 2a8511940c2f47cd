import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, Validate } from 'class-validator';
import { IsDisplayText } from '../common/display-text.js';
import { IsPermissionConstraint } from './is-permission.validator.js';

// The body of a role — a named set of permissions — as instance roles (/roles) and workspace
// roles (/workspaces/:ws/roles) both take it.

export const ROLE_NAME = /^[a-z][a-z0-9_-]{1,49}$/;

export class CreateRoleDto {
  @ApiProperty({ example: 'support', pattern: ROLE_NAME.source })
  @IsString()
  @Matches(ROLE_NAME, { message: 'name must be 2–50 lowercase letters, digits, - or _, starting with a letter' })
  name: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsDisplayText({ multiline: true })
  description?: string;

  @ApiProperty({ type: [String], example: ['contents:read', 'keys:*'] })
  @IsArray()
  @ArrayMaxSize(100)
  @Validate(IsPermissionConstraint, { each: true })
  permissions: string[];
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsDisplayText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Validate(IsPermissionConstraint, { each: true })
  permissions?: string[];
}
