import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Ed25519PublicJwk } from '../../common/ed25519-keys.js';
import type { Page } from '../../common/pagination.js';
import type { DigestRow } from './digest-store.js';

const HASH = { type: String, pattern: '^[0-9a-f]{64}$' } as const;

@ApiSchema({ name: 'AuditSigningKey', description: 'The Ed25519 public key digests are signed with, as a JWK (RFC 8037); kid is its RFC 7638 thumbprint' })
export class AuditSigningKeyResponse implements Ed25519PublicJwk {
  @ApiProperty({ enum: ['OKP'] }) kty!: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] }) crv!: 'Ed25519';
  @ApiProperty({ description: 'the public key, base64url' }) x!: string;
  @ApiProperty({ description: 'the key’s JWK thumbprint (RFC 7638, SHA-256); each digest names it as keyId' }) kid!: string;
  @ApiProperty({ enum: ['EdDSA'] }) alg!: 'EdDSA';
  @ApiProperty({ enum: ['sig'] }) use!: 'sig';
}

@ApiSchema({
  name: 'AuditDigest',
  description:
    'One chain head signed with Ed25519. The signature (base64url) covers the canonical JSON (keys sorted, no spaces) of ' +
    '{format: "keyward-audit-digest/1", chainId, seq, hash, at, previousDigestHash, keyId}; digestHash is the SHA-256 (hex) of that text, ' +
    'and the chain’s next digest names it as previousDigestHash.',
})
export class AuditDigestResponse implements DigestRow {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the chain signed: a workspace id, or the nil UUID for the instance chain' }) chainId!: string;
  @ApiProperty({ description: 'the seq of the chain’s head event when it was signed' }) seq!: number;
  @ApiProperty({ ...HASH, description: 'that head event’s hash' }) hash!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'when it was signed' }) at!: string;
  @ApiProperty({ ...HASH, nullable: true, description: 'digestHash of the chain’s digest before this one; null for the chain’s first' }) previousDigestHash!: string | null;
  @ApiProperty({ ...HASH, description: 'SHA-256 of this digest’s canonical form' }) digestHash!: string;
  @ApiProperty({ description: 'kid of the key that signed it' }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature of the canonical form, base64url' }) signature!: string;
}

@ApiSchema({ name: 'AuditDigestPage' })
export class AuditDigestPage implements Page<AuditDigestResponse> {
  @ApiProperty({ type: [AuditDigestResponse] }) items!: AuditDigestResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as ?cursor= for the next page; null on the last one' }) nextCursor!: string | null;
  @ApiProperty({
    type: AuditSigningKeyResponse,
    description: 'the key that signs digests now, for convenience: authenticate it against /.well-known/keyward-audit-key before trusting it',
  })
  key!: AuditSigningKeyResponse;
}
