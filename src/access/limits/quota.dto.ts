import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LIMIT_NAME, MAX_LIMITS, MAX_WINDOW_SECONDS } from './quota.js';

export { LIMIT_NAME };

/** One named fixed-window limit (API.md §15), on a key, a member or a workspace. */
@ApiSchema({ name: 'NamedLimit' })
export class NamedLimitDto {
  @ApiProperty({ pattern: LIMIT_NAME.source, example: 'search', description: 'what @Limit(name) on a route refers to; `default` is the key’s rateLimit and cannot be used' })
  @Matches(LIMIT_NAME, { message: 'name must be 1-40 lowercase letters, digits, _ . or -, starting with a letter or digit' })
  name!: string;

  @ApiProperty({ minimum: 0, description: 'what the window admits, in cost units' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  limit!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_WINDOW_SECONDS, description: 'seconds; fixed windows aligned to the epoch, reset when they end' })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_SECONDS)
  window!: number;

  @ApiPropertyOptional({ minimum: 0, default: 1, description: 'what each request spends of it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  cost?: number;

  @ApiPropertyOptional({ default: false, description: 'applies to every route, not only those declaring @Limit(name)' })
  @IsOptional()
  @IsBoolean()
  auto?: boolean;
}

/** The body of PUT /workspaces/:ws/limits and PUT /workspaces/:ws/members/:userId/limits: the whole list. */
export class SharedLimitsDto {
  @ApiProperty({ type: [NamedLimitDto], maxItems: MAX_LIMITS })
  @IsArray()
  @ArrayMaxSize(MAX_LIMITS)
  @ValidateNested({ each: true })
  @Type(() => NamedLimitDto)
  limits!: NamedLimitDto[];
}

/** The stored limits of a request's list: defaults filled in. */
export function namedLimitsOf(limits: NamedLimitDto[]) {
  return limits.map((limit) => ({ name: limit.name, limit: limit.limit, window: limit.window, cost: limit.cost ?? 1, auto: limit.auto ?? false }));
}
