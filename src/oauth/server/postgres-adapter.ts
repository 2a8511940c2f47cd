import type { DataSource } from 'typeorm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { appAsClient, type ClientRow } from './app-as-client.js';

/**
 * oidc-provider's storage in PostgreSQL (the contract of its example adapters): one row per
 * record, expired rows ignored on read. Clients are not stored here: the `Client` model reads
 * the workspace's oauth_apps, so an app's changes and deletion take effect on the next request.
 */
export function postgresAdapter(db: DataSource, grantRevoked: (grantId: string) => void): (model: string) => Adapter {
  return (model) => (model === 'Client' ? new ClientAdapter(db) : new RecordAdapter(db, model, grantRevoked));
}

const LIVE = `(expires_at IS NULL OR expires_at > now())`;

class RecordAdapter implements Adapter {
  constructor(
    private readonly db: DataSource,
    private readonly model: string,
    /** Cached access tokens of the grant must be forgotten (AccessTokenRecords): a token or the whole grant went. */
    private readonly grantRevoked: (grantId: string) => void,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.db.query(
      `INSERT INTO oauth_records (model, id, payload, grant_id, client_id, uid, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, client_id = EXCLUDED.client_id,
         uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
      [this.model, id, payload, payload.grantId ?? null, payload.clientId ?? null, payload.uid ?? null, expiresIn ?? null],
    );
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.one(`model = $1 AND id = $2`, [this.model, id]);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.one(`model = $1 AND uid = $2`, [this.model, uid]);
  }

  findByUserCode(): Promise<AdapterPayload | undefined> {
    return Promise.resolve(undefined); // the device flow is not enabled
  }

  async consume(id: string): Promise<void> {
    await this.db.query(`UPDATE oauth_records SET consumed_at = now() WHERE model = $1 AND id = $2`, [this.model, id]);
  }

  async destroy(id: string): Promise<void> {
    const deleted = await this.db.query<Array<{ grantId: string | null }>>(`DELETE FROM oauth_records WHERE model = $1 AND id = $2 RETURNING grant_id AS "grantId"`, [this.model, id]);
    const grantId = deleted[0]?.grantId;
    if (grantId && this.model === 'AccessToken') this.grantRevoked(grantId);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query(`DELETE FROM oauth_records WHERE grant_id = $1`, [grantId]);
    this.grantRevoked(grantId);
  }

  private async one(where: string, params: unknown[]): Promise<AdapterPayload | undefined> {
    const [row] = await this.db.query<Array<{ payload: AdapterPayload; consumed: number | null }>>(
      `SELECT payload, extract(epoch FROM consumed_at)::int AS consumed FROM oauth_records WHERE ${where} AND ${LIVE}`,
      params,
    );
    if (!row) return undefined;
    return row.consumed === null ? row.payload : { ...row.payload, consumed: row.consumed };
  }
}

class ClientAdapter implements Adapter {
  constructor(private readonly db: DataSource) {}

  async find(clientId: string): Promise<AdapterPayload | undefined> {
    const [row] = await this.db.query<ClientRow[]>(
      `SELECT client_id AS "clientId", client_secret_hash AS "secretHash", type, redirect_uris AS "redirectUris", scopes
       FROM oauth_apps WHERE client_id = $1`,
      [clientId],
    );
    return row && appAsClient(row);
  }

  upsert = refuse;
  findByUid = refuse;
  findByUserCode = refuse;
  consume = refuse;
  destroy = refuse;
  revokeByGrantId = refuse;
}

function refuse(): Promise<never> {
  return Promise.reject(new Error('OAuth clients are managed through /workspaces/:ws/oauth-apps'));
}
