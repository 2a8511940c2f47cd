import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Caller, callerEvent } from '../../access/caller.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';

export interface AuthorizationView {
  /** The grant's id. */
  id: string;
  app: { clientId: string; name: string };
  workspace: { id: string; slug: string; name: string };
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
}

interface AuthorizationRow {
  id: string;
  clientId: string;
  appName: string;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  scope: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

// A grant is the provider's record of what a user consented to one app; its tokens name it.
const GRANTS = `SELECT g.id, a.client_id AS "clientId", a.name AS "appName", w.id AS "workspaceId", w.slug AS "workspaceSlug", w.name AS "workspaceName",
    g.payload->'openid'->>'scope' AS scope, to_timestamp((g.payload->>'iat')::bigint) AS "createdAt", g.expires_at AS "expiresAt"
  FROM oauth_records g JOIN oauth_apps a ON a.client_id = g.client_id JOIN workspaces w ON w.id = a.workspace_id
  WHERE g.model = 'Grant' AND g.payload->>'accountId' = $1 AND (g.expires_at IS NULL OR g.expires_at > now())`;

/** The apps a user has authorized (API.md §11 `/auth/authorizations`), and revoking one. */
@Injectable()
export class AuthorizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly bus: InvalidationBus,
  ) {}

  async list(caller: Caller): Promise<AuthorizationView[]> {
    const rows = await this.db.query<AuthorizationRow[]>(`${GRANTS} ORDER BY "createdAt" DESC, g.id`, [caller.principal.user.id]);
    return rows.map(view);
  }

  /** Deletes the grant and every code and token issued under it: the app's next call is refused. */
  async revoke(caller: Caller, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [row] = await manager.query<AuthorizationRow[]>(`${GRANTS} AND g.id = $2`, [caller.principal.user.id, id]);
      if (!row) throw new AppError('oauth_grant.not_found');
      await manager.query(`DELETE FROM oauth_records WHERE grant_id = $1 OR (model = 'Grant' AND id = $1)`, [id]);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'oauth.grant_revoked', chainId: row.workspaceId, details: { workspaceId: row.workspaceId, clientId: row.clientId, grantId: id } }),
      );
    });
    this.bus.publish({ kind: 'oauth_grant', grantId: id });
  }
}

const view = (row: AuthorizationRow): AuthorizationView => ({
  id: row.id,
  app: { clientId: row.clientId, name: row.appName },
  workspace: { id: row.workspaceId, slug: row.workspaceSlug, name: row.workspaceName },
  scopes: (row.scope ?? '').split(' ').filter(Boolean),
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});
