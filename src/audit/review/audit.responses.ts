import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination.schema.js';
import { SEVERITIES } from '../chain/audit-event-types.js';
import type { AuditEventView, ExportedEventView } from './audit-event.view.js';
import type { AllChainsVerifyResult, ChainVerifyResult, VerifyResult } from '../verification/verify-result.js';

const nullableString = { type: String, nullable: true } as const;

@ApiSchema({ name: 'AuditEvent' })
export class AuditEventResponse implements AuditEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ example: 'api_key.used' }) type!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ ...nullableString, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ ...nullableString, format: 'uuid' }) apiKeyId!: string | null;
  @ApiProperty(nullableString) keyPrefix!: string | null;
  @ApiProperty(nullableString) ip!: string | null;
  @ApiProperty(nullableString) userAgent!: string | null;
  @ApiProperty(nullableString) method!: string | null;
  @ApiProperty(nullableString) path!: string | null;
  @ApiProperty({ type: Number, nullable: true }) statusCode!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ ...nullableString, format: 'uuid', description: 'the workspace whose chain holds the event; null: the instance chain (sign-ins, user changes, events before workspaces)' }) workspaceId!: string | null;
}

export const AuditEventPage = PageOf(AuditEventResponse, 'AuditEventPage');

const HASH = { type: String, pattern: '^[0-9a-f]{64}$' } as const;

@ApiSchema({
  name: 'AuditExportedEvent',
  description:
    'One line of the ndjson export: the event, and what recomputing its hash needs. hash = sha256(prevHash ‖ canonical JSON of the fields above ' +
    'workspaceId, under canonicalVersion); within a chain (chainId), events follow by seq and each prevHash is the hash before it.',
})
export class AuditExportedEventResponse extends AuditEventResponse implements ExportedEventView {
  @ApiProperty({ description: 'the event’s place in the log; its chain’s events follow each other by seq (a chain’s seqs may have gaps)' }) seq!: number;
  @ApiProperty({ format: 'uuid', description: 'the chain it extends: the workspace id, or the nil UUID for the instance chain' }) chainId!: string;
  @ApiProperty({ description: 'the canonical form its hash covers (1: every event so far)' }) canonicalVersion!: number;
  @ApiProperty({ ...HASH, description: 'the hash of the event before it in its chain, or the chain’s genesis' }) prevHash!: string;
  @ApiProperty(HASH) hash!: string;
}

@ApiSchema({ name: 'AuditVerification' })
export class VerifyResultResponse implements VerifyResult {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'events checked' }) checked!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'seq of the first event checked; null when nothing newer than the last verified point was there to check' })
  from!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'seq of the last event checked (the first invalid one when the chain is broken); null when nothing was checked' })
  to!: number | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'the first event whose hash does not match' }) firstInvalidId?: string;
}

@ApiSchema({ name: 'ChainVerifyResult' })
export class ChainVerifyResultResponse extends VerifyResultResponse implements ChainVerifyResult {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the workspace whose chain this is; null for the instance chain' })
  workspaceId!: string | null;
}

@ApiSchema({ name: 'AllChainsVerifyResult' })
export class AllChainsVerifyResultResponse implements AllChainsVerifyResult {
  @ApiProperty({ description: 'every chain is valid' }) valid!: boolean;
  @ApiProperty({ type: [ChainVerifyResultResponse] }) chains!: ChainVerifyResultResponse[];
}
