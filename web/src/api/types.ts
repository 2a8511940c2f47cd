/** Shapes of the public HTTP contract (shared/API.md) as the console reads them. */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

/** The console uses cookie sessions: the refresh token is only ever the httpOnly `kw_refresh` cookie, never in the body. */
export interface SessionResponse {
  user: User;
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface MeResponse {
  user: User;
  authMethod: 'jwt' | 'api_key';
  permissions: string[];
}

export const KEY_STATUSES = ['active', 'disabled', 'expired', 'pending', 'revoked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export interface ApiKey {
  id: string;
  name: string;
  description: string | null;
  keyPrefix: string;
  scopes: string[];
  rateLimit: number;
  allowedIps: string[] | null;
  metadata: Record<string, unknown> | null;
  active: boolean;
  status: KeyStatus;
  validFrom: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  usageCount: number;
  rotatedFromId: string | null;
  createdAt: string;
  updatedAt: string;
  userId: string;
}

/** The one response that carries the raw key. */
export interface CreatedApiKey extends ApiKey {
  key: string;
  message?: string;
}

export interface KeySettings {
  name?: string;
  description?: string;
  scopes?: string[];
  expiresAt?: string | null;
  validFrom?: string | null;
  rateLimit?: number;
  allowedIps?: string[];
  metadata?: Record<string, unknown>;
}

export interface KeyUpdate extends KeySettings {
  active?: boolean;
}

export type Granularity = 'hour' | 'day';

export interface UsageCounts {
  requests: number;
  denied: number;
  rateLimited: number;
}

export interface UsageBucket extends UsageCounts {
  bucket: string;
}

export interface KeyUsage {
  totals: UsageCounts;
  series: UsageBucket[];
}

export type Severity = 'info' | 'warning' | 'critical';

export interface AuditEvent {
  id: string;
  occurredAt: string;
  type: string;
  severity: Severity;
  userId: string | null;
  apiKeyId: string | null;
  keyPrefix: string | null;
  ip: string | null;
  userAgent: string | null;
  method: string | null;
  path: string | null;
  statusCode: number | null;
  details: unknown;
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  firstInvalidId?: string | null;
}

export interface Role {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
}
