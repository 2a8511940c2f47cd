import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidationBus } from '../redis/invalidation.bus.js';

/**
 * Changes to a workspace — its row, its memberships, its roles — in one transaction each; once
 * one commits, every instance forgets what it cached about the workspace (WorkspaceStandings),
 * so a demoted member's keys lose the permission on their next request.
 */
@Injectable()
export class WorkspaceChanges {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: InvalidationBus,
  ) {}

  async commit<T>(workspaceId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    this.changed(workspaceId);
    return result;
  }

  /** For a change whose workspace is known only once it committed (a new workspace, an accepted invitation). */
  changed(workspaceId: string): void {
    this.bus.publish({ kind: 'workspace', id: workspaceId });
  }
}
