import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDisplayText } from '../common/display-text.js';
import type { User } from './user.entity.js';

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsDisplayText()
  name?: string;

  @ApiPropertyOptional({ type: [String], example: ['member'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9_-]{1,49}$/, { each: true, message: 'each role must be a role name' })
  roles?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: Date;
}

export function toUserView(user: Pick<User, 'id' | 'email' | 'name' | 'active' | 'createdAt'> & { roles: Array<{ name: string } | string> }): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((role) => (typeof role === 'string' ? role : role.name)).sort(),
    active: user.active,
    createdAt: user.createdAt,
  };
}
