import type { CallOptions } from '../options.js';
import { Paginated } from '../pagination.js';
import type { Transport } from '../transport.js';
import type {
  ApiKey,
  ApiKeyListQuery,
  CreateApiKeyDto,
  CreatedApiKey,
  Page,
  RevokedCount,
  RotateApiKeyDto,
  TransferredApiKey,
  UpdateApiKeyDto,
  UsageQuery,
  UsageReport,
} from '../types.js';
import { segment } from '../url.js';

/** API keys (API.md §5, §9): management needs a signed-in user (an access token), never an API key. */
export class ApiKeysResource {
  /** `scope` is '' (the workspace of the call) or `/workspaces/<ws>`. */
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  private path(rest = ''): string {
    return `${this.scope}/api-keys${rest}`;
  }

  /** Your keys (every member's with keys:admin and `all: true`); iterate for all of them, `.page()` for one page. */
  list(query: ApiKeyListQuery = {}, options?: CallOptions): Paginated<ApiKey> {
    const { cursor, ...filter } = query;
    return new Paginated((at) => this.transport.json<Page<ApiKey>>({ method: 'GET', path: this.path(), query: { ...filter, cursor: at }, options }), cursor);
  }

  /** The answer carries the raw `key`: the only time it is shown. */
  create(body: CreateApiKeyDto, options?: CallOptions): Promise<CreatedApiKey> {
    return this.transport.json({ method: 'POST', path: this.path(), body, options });
  }

  get(id: string, options?: CallOptions): Promise<ApiKey> {
    return this.transport.json({ method: 'GET', path: this.path(`/${segment(id)}`), options });
  }

  update(id: string, body: UpdateApiKeyDto, options?: CallOptions): Promise<ApiKey> {
    return this.transport.json({ method: 'PATCH', path: this.path(`/${segment(id)}`), body, options });
  }

  /** Irreversible; the key object comes back with `status: "revoked"`. */
  revoke(id: string, options?: CallOptions): Promise<ApiKey> {
    return this.transport.json({ method: 'POST', path: this.path(`/${segment(id)}/revoke`), options });
  }

  /** Revokes every key of the caller in the workspace. */
  revokeAll(options?: CallOptions): Promise<RevokedCount> {
    return this.transport.json({ method: 'POST', path: this.path('/revoke-all'), options });
  }

  delete(id: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: this.path(`/${segment(id)}`), options });
  }

  /** A new key with the same settings; the old one keeps working for `gracePeriodSeconds` (0: revoked now). */
  rotate(id: string, body: RotateApiKeyDto = {}, options?: CallOptions): Promise<CreatedApiKey> {
    return this.transport.json({ method: 'POST', path: this.path(`/${segment(id)}/rotate`), body, options });
  }

  /** Hands a key to another member (keys:admin); scopes they hold nothing of are dropped and listed. */
  transfer(id: string, userId: string, options?: CallOptions): Promise<TransferredApiKey> {
    return this.transport.json({ method: 'POST', path: this.path(`/${segment(id)}/transfer`), body: { userId }, options });
  }

  usage(id: string, query: UsageQuery = {}, options?: CallOptions): Promise<UsageReport> {
    return this.transport.json({ method: 'GET', path: this.path(`/${segment(id)}/usage`), query, options });
  }
}
