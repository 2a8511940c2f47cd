import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsIP, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate } from 'class-validator';
import { LIMIT_NAME } from '../../access/limits/quota.dto.js';
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

  @ApiPropertyOptional({ minimum: 0, default: 1, description: 'credits this check spends of the key’s (API.md §15); 0 checks without spending' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  cost?: number;

  @ApiPropertyOptional({ type: [String], example: ['search'], description: 'named limits (of the key, its owner, its workspace) this check counts in, besides the auto ones' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LIMIT_NAME, { each: true, message: 'each limit name must be 1-40 lowercase letters, digits, _ . or -' })
  limits?: string[];
}
