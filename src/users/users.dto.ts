import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDisplayText } from '../common/display-text.js';

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
  twoFactorEnabled: boolean;
}
