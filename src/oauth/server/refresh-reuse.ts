import type { IncomingMessage } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../access/request-context.js';
import type { AuditLog } from '../../audit/chain/audit-log.js';

/** Where the mount leaves the caller's context (client IP as Keyward settled it) for the provider's events. */
export const REQUEST_CONTEXT = Symbol('keyward.oauthRequestContext');
export type ContextCarryingRequest = IncomingMessage & { [REQUEST_CONTEXT]?: RequestContext };

/**
 * A spent refresh token presented again means it leaked (API.md §11): the library revokes the
 * grant, and this records `oauth.refresh_reused` (critical) in the app's workspace chain, where
 * its admins and the detectors see it.
 */
export function auditRefreshReuse(provider: Provider, db: DataSource, audit: AuditLog): void {
  provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
    if (ctx.oidc?.route !== 'token' || ctx.oidc.params?.grant_type !== 'refresh_token') return;
    const token = ctx.oidc.entities.RefreshToken;
    const context = (ctx.req as ContextCarryingRequest)[REQUEST_CONTEXT] ?? {};
    void db
      .query<Array<{ workspaceId: string }>>(`SELECT workspace_id AS "workspaceId" FROM oauth_apps WHERE client_id = $1`, [token?.clientId])
      .then(([app]) =>
        audit.record({
          type: 'oauth.refresh_reused',
          userId: token?.accountId ?? null,
          ...context,
          statusCode: 400,
          ...(app && { chainId: app.workspaceId }),
          details: { grantId, clientId: token?.clientId ?? null, ...(app && { workspaceId: app.workspaceId }) },
        }),
      )
      .catch(() => undefined);
  });
}
