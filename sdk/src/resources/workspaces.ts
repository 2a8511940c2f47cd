import type { CallOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { CreateWorkspaceDto, UpdatePlanDto, UpdateWorkspaceDto, Workspace } from '../types.js';
import { segment } from '../url.js';

/** Workspaces (API.md §9); `ws` is a workspace's id or slug. */
export class WorkspacesResource {
  constructor(private readonly transport: Transport) {}

  /** The workspaces the caller belongs to, personal first (not paginated). */
  list(options?: CallOptions): Promise<Workspace[]> {
    return this.transport.json({ method: 'GET', path: '/workspaces', options });
  }

  create(body: CreateWorkspaceDto, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'POST', path: '/workspaces', body, options });
  }

  get(ws: string, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'GET', path: `/workspaces/${segment(ws)}`, options });
  }

  update(ws: string, body: UpdateWorkspaceDto, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'PATCH', path: `/workspaces/${segment(ws)}`, body, options });
  }

  /** The owner only; its keys stop at once, its audit events stay. */
  delete(ws: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: `/workspaces/${segment(ws)}`, options });
  }

  /** Plan limits, set by an instance admin. */
  setPlan(ws: string, body: UpdatePlanDto, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'PATCH', path: `/workspaces/${segment(ws)}/plan`, body, options });
  }
}
