import type { CreditRefill, NamedLimit } from '../../access/limits/quota.js';
import type { ApiKey } from '../api-key.entity.js';
import { keyStatus, type KeyStatus } from '../verification/key-status.js';

export interface ApiKeyView {
  id: string;
  name: string;
  description: string;
  keyPrefix: string;
  scopes: string[];
  rateLimit: number;
  allowedIps: string[];
  metadata: Record<string, unknown>;
  active: boolean;
  status: KeyStatus;
  validFrom: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  usageCount: number;
  rotatedFromId: string | null;
  createdAt: Date;
  updatedAt: Date;
  userId: string;
  workspaceId: string;
  credits: CreditsView | null;
  limits: NamedLimit[];
}

/** API.md §15: the credits left (as last written back, within a second or so of the live figure) and the refill schedule. */
export interface CreditsView {
  remaining: number;
  refill: (CreditRefill & { nextAt: Date | null }) | null;
}

function creditsOf(key: Pick<ApiKey, 'creditsRemaining' | 'creditsRefill' | 'creditsNextRefillAt'>): CreditsView | null {
  if (key.creditsRemaining === null || key.creditsRemaining === undefined) return null;
  const refill = key.creditsRefill && { amount: key.creditsRefill.amount, interval: key.creditsRefill.interval, mode: key.creditsRefill.mode, nextAt: key.creditsNextRefillAt };
  return { remaining: key.creditsRemaining, refill: refill ?? null };
}

export interface CreatedApiKeyView extends ApiKeyView {
  key: string;
  message: string;
}

/** A transferred key, with the scopes its new owner lacked (API.md §9). */
export interface TransferredApiKeyView extends ApiKeyView {
  droppedScopes: string[];
}

export function toApiKeyView(key: ApiKey, now = new Date()): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    keyPrefix: key.keyPrefix,
    scopes: key.scopes,
    rateLimit: key.rateLimit,
    allowedIps: key.allowedIps,
    metadata: key.metadata,
    active: key.active,
    status: keyStatus(key, now),
    validFrom: key.validFrom,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
    lastUsedIp: key.lastUsedIp,
    usageCount: key.usageCount,
    rotatedFromId: key.rotatedFromId,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt,
    userId: key.userId,
    workspaceId: key.workspaceId,
    credits: creditsOf(key),
    limits: key.limits ?? [],
  };
}
