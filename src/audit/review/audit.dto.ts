import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryBoolean } from '../../common/query-boolean.js';

export class AuditFilterQuery {
  @ApiPropertyOptional({ description: 'Event type; comma-separated list; a trailing .* matches a family (suspicious.*)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[a-z_.*]+(,[a-z_.*]+)*$/, { message: 'type must be event types separated by commas' })
  type?: string;

  @ApiPropertyOptional({ description: 'info, warning or critical; comma-separated list' })
  @IsOptional()
  @Matches(/^(info|warning|critical)(,(info|warning|critical))*$/, { message: 'severity must be info, warning or critical' })
  severity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  apiKeyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ip?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'inclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'exclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/** `?all=true`: every workspace's events and the instance's (instance audit:read). */
class InstanceWideQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ description: 'instance audit:read: every workspace’s events and the instance’s' })
  @IsOptional()
  @QueryBoolean()
  all?: boolean;
}

export class AuditListQuery extends InstanceWideQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AuditExportQuery extends InstanceWideQuery {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' })
  @IsOptional()
  @IsIn(['ndjson', 'csv'])
  format: 'ndjson' | 'csv' = 'ndjson';
}

/** `?full=true`: the whole chain from its retention checkpoint, not only what is newer than the last verified point (API.md §13). */
export class ChainVerifyQuery {
  @ApiPropertyOptional({ description: 'check the whole chain, not only the events newer than the background verifier’s last checkpoint' })
  @IsOptional()
  @QueryBoolean()
  full?: boolean;
}

export class AuditVerifyQuery extends ChainVerifyQuery {
  @ApiPropertyOptional({ description: 'instance audit:read: verify every chain (each workspace’s and the instance’s)' })
  @IsOptional()
  @QueryBoolean()
  all?: boolean;
}
