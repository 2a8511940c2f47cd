import type { CreditRefill, NamedLimit } from '../access/limits/quota.js';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Numeric columns PostgreSQL returns as strings (bigint) become numbers. */
const nullableBigint = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };
const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? 0 : Number(value)) };

/** A refill schedule as stored: its anchor is where its whole intervals count from. */
export interface StoredRefill extends CreditRefill {
  anchor: string;
}

@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The 8-hex lookup id embedded in the key. */
  @Column({ name: 'key_id', type: 'char', length: 8 })
  keyId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  keyPrefix: string;

  /** HMAC-SHA256 of the key, hex. Never selected for display. */
  @Column({ name: 'key_hash', type: 'char', length: 64, select: false })
  keyHash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ name: 'rate_limit', type: 'integer' })
  rateLimit: number;

  @Column({ name: 'allowed_ips', type: 'text', array: true, default: () => "'{}'" })
  allowedIps: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** As last written back by the usage recorder; the live figure is the counter store's (API.md §15). */
  @Column({ name: 'credits_remaining', type: 'bigint', nullable: true, transformer: nullableBigint })
  creditsRemaining: number | null;

  @Column({ name: 'credits_refill', type: 'jsonb', nullable: true })
  creditsRefill: StoredRefill | null;

  @Column({ name: 'credits_next_refill_at', type: 'timestamptz', precision: 3, nullable: true })
  creditsNextRefillAt: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  limits: NamedLimit[];

  @Column({ name: 'valid_from', type: 'timestamptz', precision: 3, nullable: true })
  validFrom: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'last_used_ip', type: 'varchar', length: 64, nullable: true })
  lastUsedIp: string | null;

  @Column({ name: 'usage_count', type: 'bigint', default: 0, transformer: bigintAsNumber })
  usageCount: number;

  @Column({ name: 'rotated_from_id', type: 'uuid', nullable: true })
  rotatedFromId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
