import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryBoolean } from '../../common/query-boolean.js';

export class DigestListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'instance audit:read: every chain’s digests (each workspace’s and the instance’s)' })
  @IsOptional()
  @QueryBoolean()
  all?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'one chain only: a workspace id, or the nil UUID for the instance chain (instance audit:read)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'chainId must be a UUID in lowercase' })
  chainId?: string;
}
