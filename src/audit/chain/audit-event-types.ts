export const AUDIT_EVENT_TYPES = [
  'auth.registered',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reused',
  'user.updated',
  'role.created',
  'role.updated',
  'role.deleted',
  'api_key.created',
  'api_key.updated',
  'api_key.revoked',
  'api_key.revoked_all',
  'api_key.deleted',
  'api_key.rotated',
  'api_key.transferred',
  'api_key.used',
  'api_key.auth_failed',
  'permission.denied',
  'rate_limit.exceeded',
  'credits.exhausted',
  'workspace.limits_changed',
  'member.limits_changed',
  'suspicious.brute_force',
  'suspicious.revoked_key_used',
  'suspicious.new_ip',
  'suspicious.scope_probing',
  'suspicious.rate_limit_abuse',
  'suspicious.key_in_url',
  'audit.event_rejected',
  'workspace.created',
  'workspace.updated',
  'workspace.deleted',
  'workspace.plan_changed',
  'workspace.key_policy_changed',
  'member.updated',
  'member.removed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'auth.password_changed',
  'auth.session_revoked',
  'auth.password_reset_issued',
  'auth.password_reset',
  'auth.2fa_enabled',
  'auth.2fa_disabled',
  'auth.mfa_failed',
  'auth.recovery_code_used',
  'oauth_app.created',
  'oauth_app.updated',
  'oauth_app.deleted',
  'oauth_app.secret_rotated',
  'oauth.grant_revoked',
  'oauth.refresh_reused',
  'oauth.token_used',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

const SEVERITY: Partial<Record<AuditEventType, Severity>> = {
  'auth.login_failed': 'warning',
  'auth.refresh_reused': 'critical',
  'oauth.refresh_reused': 'critical',
  'api_key.auth_failed': 'warning',
  'permission.denied': 'warning',
  'rate_limit.exceeded': 'warning',
  'credits.exhausted': 'warning',
  'suspicious.brute_force': 'critical',
  'suspicious.revoked_key_used': 'warning',
  'suspicious.new_ip': 'warning',
  'suspicious.scope_probing': 'warning',
  'suspicious.rate_limit_abuse': 'warning',
  'suspicious.key_in_url': 'info',
  // An event PostgreSQL refused, written in its place (critical when the original was).
  'audit.event_rejected': 'warning',
  'workspace.deleted': 'warning',
  'auth.password_reset_issued': 'warning',
  'auth.2fa_disabled': 'warning',
  'auth.mfa_failed': 'warning',
  'auth.recovery_code_used': 'warning',
};

export function severityOf(type: AuditEventType): Severity {
  return SEVERITY[type] ?? 'info';
}

/** What the writer sheds last when its buffer is full: everything but routine key use. */
export function isSecurityEvent(type: string): boolean {
  return type !== 'api_key.used';
}
