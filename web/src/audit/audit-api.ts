import type { ApiClient } from '../api/api-client';
import type { AllChainsVerification, AuditEvent, AuditVerification, Page } from '../api/types';
import type { AuditQuery } from './audit-query';

export const AUDIT_PAGE_SIZE = 50;

/**
 * Where the audit log is read: `api` scoped to a workspace reads that workspace's log and verifies
 * its chain; the unscoped client with `allWorkspaces` reads every workspace's and verifies every
 * chain (instance audit:read).
 */
export interface AuditSource {
  api: ApiClient;
  allWorkspaces: boolean;
}

const all = ({ allWorkspaces }: AuditSource) => (allWorkspaces ? { all: true } : {});

export const listAuditEvents = (source: AuditSource, query: AuditQuery, cursor: string | undefined, signal?: AbortSignal, limit = AUDIT_PAGE_SIZE) =>
  source.api.request<Page<AuditEvent>>('/audit-logs', { query: { ...query, ...all(source), cursor, limit }, signal });

export const exportAuditEvents = (source: AuditSource, query: AuditQuery, format: 'ndjson' | 'csv') =>
  source.api.download('/audit-logs/export', { query: { ...query, ...all(source), format } });

export const verifyAuditChain = (source: AuditSource) => source.api.request<AuditVerification | AllChainsVerification>('/audit-logs/verify', { query: all(source) });
