import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination.schema.js';
import type { UsagePoint, UsageReport } from '../usage/usage-report.service.js';
import type { ApiKeyView, CreatedApiKeyView, CreditsView, TransferredApiKeyView } from './api-key.view.js';
import { NamedLimitResponse } from '../../access/limits/quota.responses.js';
import { KEY_STATUSES, type KeyStatus } from '../verification/key-status.js';

const time = { type: String, format: 'date-time' } as const;
const optionalTime = { ...time, nullable: true } as const;

@ApiSchema({ name: 'CreditRefill' })
class CreditRefillResponse {
  @ApiProperty() amount!: number;
  @ApiProperty({ example: 'day' }) interval!: string;
  @ApiProperty({ enum: ['reset', 'add'] }) mode!: 'reset' | 'add';
  @ApiProperty({ ...optionalTime, description: 'when the next refill is applied' }) nextAt!: Date | null;
}

@ApiSchema({ name: 'Credits' })
class CreditsResponse implements CreditsView {
  @ApiProperty({ description: 'as last written back (the live figure is in X-Credits-Remaining on each use)' }) remaining!: number;
  @ApiProperty({ type: CreditRefillResponse, nullable: true }) refill!: CreditRefillResponse | null;
}

/** The key object of API.md §5 as the OpenAPI document shows it (`implements` keeps it in step with the view). */
@ApiSchema({ name: 'ApiKey' })
export class ApiKeyResponse implements ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'kw_a1b2c3d4' }) keyPrefix!: string;
  @ApiProperty({ type: [String], example: ['contents:read'] }) scopes!: string[];
  @ApiProperty({ description: 'requests per hour' }) rateLimit!: number;
  @ApiProperty({ type: [String], example: ['203.0.113.0/24'] }) allowedIps!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: KEY_STATUSES }) status!: KeyStatus;
  @ApiProperty(optionalTime) validFrom!: Date | null;
  @ApiProperty(optionalTime) expiresAt!: Date | null;
  @ApiProperty(optionalTime) revokedAt!: Date | null;
  @ApiProperty(optionalTime) lastUsedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastUsedIp!: string | null;
  @ApiProperty() usageCount!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) rotatedFromId!: string | null;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) updatedAt!: Date;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid', description: 'the workspace the key belongs to and acts in' }) workspaceId!: string;
  @ApiProperty({ type: CreditsResponse, nullable: true, description: 'null: no credits (uses are not counted down)' }) credits!: CreditsResponse | null;
  @ApiProperty({ type: [NamedLimitResponse], description: 'named limits besides rateLimit (API.md §15)' }) limits!: NamedLimitResponse[];
}

@ApiSchema({ name: 'CreatedApiKey' })
export class CreatedApiKeyResponse extends ApiKeyResponse implements CreatedApiKeyView {
  @ApiProperty({ description: 'the key itself: shown in this response only' }) key!: string;
  @ApiProperty({ example: 'Save this key securely. It will not be shown again.' }) message!: string;
}

export const ApiKeyPage = PageOf(ApiKeyResponse, 'ApiKeyPage');

@ApiSchema({ name: 'TransferredApiKey' })
export class TransferredApiKeyResponse extends ApiKeyResponse implements TransferredApiKeyView {
  @ApiProperty({ type: [String], description: 'scopes the new owner holds nothing of, removed from the key' }) droppedScopes!: string[];
}

@ApiSchema({ name: 'RevokedCount' })
export class RevokedCountResponse {
  @ApiProperty() revoked!: number;
}

class UsageTotals {
  @ApiProperty() requests!: number;
  @ApiProperty() denied!: number;
  @ApiProperty() rateLimited!: number;
  @ApiProperty({ description: 'credits spent (API.md §15)' }) creditsUsed!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { default: 3, writes: 1 }, description: 'refusals by the limit that refused (default: the hourly rateLimit); credit refusals count in rateLimited only' })
  rateLimitedBy!: Record<string, number>;
}

@ApiSchema({ name: 'UsagePoint' })
class UsagePointResponse extends UsageTotals implements UsagePoint {
  @ApiProperty(time) bucket!: Date;
}

@ApiSchema({ name: 'UsageReport' })
export class UsageReportResponse implements UsageReport {
  @ApiProperty({ type: UsageTotals }) totals!: UsageTotals;
  @ApiProperty({ type: [UsagePointResponse] }) series!: UsagePointResponse[];
}
