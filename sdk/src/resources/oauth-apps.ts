import type { CallOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { CreatedOAuthApp, CreateOAuthAppDto, OAuthApp, UpdateOAuthAppDto } from '../types.js';
import { segment } from '../url.js';

/** A workspace's OAuth apps (API.md §11): apps:read / apps:write. */
export class OAuthAppsResource {
  /** `scope` is `/workspaces/<ws>`. */
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  private path(rest = ''): string {
    return `${this.scope}/oauth-apps${rest}`;
  }

  list(options?: CallOptions): Promise<OAuthApp[]> {
    return this.transport.json({ method: 'GET', path: this.path(), options });
  }

  /** A confidential app's `clientSecret` is in this answer only. */
  create(body: CreateOAuthAppDto, options?: CallOptions): Promise<CreatedOAuthApp> {
    return this.transport.json({ method: 'POST', path: this.path(), body, options });
  }

  get(id: string, options?: CallOptions): Promise<OAuthApp> {
    return this.transport.json({ method: 'GET', path: this.path(`/${segment(id)}`), options });
  }

  update(id: string, body: UpdateOAuthAppDto, options?: CallOptions): Promise<OAuthApp> {
    return this.transport.json({ method: 'PATCH', path: this.path(`/${segment(id)}`), body, options });
  }

  /** Revokes every token the app holds. */
  delete(id: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: this.path(`/${segment(id)}`), options });
  }

  rotateSecret(id: string, options?: CallOptions): Promise<CreatedOAuthApp> {
    return this.transport.json({ method: 'POST', path: this.path(`/${segment(id)}/rotate-secret`), options });
  }
}
