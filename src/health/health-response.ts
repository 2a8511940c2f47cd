import type { HealthCheckResult } from '@nestjs/terminus';

export interface HealthResponse {
  status: 'ok' | 'error';
  checks: Record<string, 'up' | 'down'>;
}

/** Terminus' result in API.md §8's shape: one word per dependency. */
export function toHealthResponse(result: HealthCheckResult): HealthResponse {
  const checks: Record<string, 'up' | 'down'> = {};
  for (const [name, detail] of Object.entries(result.details ?? {})) checks[name] = detail.status === 'up' ? 'up' : 'down';
  const healthy = result.status === 'ok' && Object.values(checks).every((status) => status === 'up');
  return { status: healthy ? 'ok' : 'error', checks };
}
