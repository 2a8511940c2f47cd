import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, Validate } from 'class-validator';
import { IsDisplayText } from '../common/display-text.js';
import type { Role } from './role.entity.js';
import { IsPermissionConstraint } from '../access/is-permission.validator.js';

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

export interface RoleView {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
}

export function toRoleView(role: Role): RoleView {
  return { name: role.name, description: role.description, permissions: role.permissions, builtIn: role.builtIn };
}
