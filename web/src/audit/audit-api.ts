import type { ApiClient } from '../api/api-client';
import type { AuditEvent, AuditVerification, Page } from '../api/types';
import type { AuditQuery } from './audit-query';

export const AUDIT_PAGE_SIZE = 50;

export const listAuditEvents = (api: ApiClient, query: AuditQuery, cursor: string | undefined, signal?: AbortSignal, limit = AUDIT_PAGE_SIZE) =>
  api.request<Page<AuditEvent>>('/audit-logs', { query: { ...query, cursor, limit }, signal });

export const exportAuditEvents = (api: ApiClient, query: AuditQuery, format: 'ndjson' | 'csv') =>
  api.download('/audit-logs/export', { query: { ...query, format } });

export const verifyAuditChain = (api: ApiClient) => api.request<AuditVerification>('/audit-logs/verify');
