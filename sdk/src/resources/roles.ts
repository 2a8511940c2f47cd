import type { CallOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { CreateRoleDto, Role, UpdateRoleDto } from '../types.js';
import { segment } from '../url.js';

/** Roles (API.md §4): the instance's at `client.roles`, a workspace's at `client.workspace(ws).roles`. */
export class RolesResource<R = Role> {
  /** `scope` is '' (instance roles) or `/workspaces/<ws>`. */
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  list(options?: CallOptions): Promise<R[]> {
    return this.transport.json({ method: 'GET', path: `${this.scope}/roles`, options });
  }

  create(body: CreateRoleDto, options?: CallOptions): Promise<R> {
    return this.transport.json({ method: 'POST', path: `${this.scope}/roles`, body, options });
  }

  update(name: string, body: UpdateRoleDto, options?: CallOptions): Promise<R> {
    return this.transport.json({ method: 'PATCH', path: `${this.scope}/roles/${segment(name)}`, body, options });
  }

  delete(name: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: `${this.scope}/roles/${segment(name)}`, options });
  }
}
