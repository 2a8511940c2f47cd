import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIP, IsOptional, IsString, MaxLength, Validate } from 'class-validator';
import { IsPermissionConstraint } from '../../access/is-permission.validator.js';

export class VerifyKeyDto {
  @ApiProperty({ description: 'the key your client sent you' })
  @IsString()
  @MaxLength(200)
  key!: string;

  @ApiPropertyOptional({ type: [String], example: ['orders:read'], description: 'permissions the key must hold; any it lacks make it invalid, listed in missing' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsPermissionConstraint, { each: true })
  permissions?: string[];

  @ApiPropertyOptional({ description: 'your client’s IP: a key with an allowlist is valid only with an address inside it' })
  @IsOptional()
  @IsIP()
  ip?: string;
}
