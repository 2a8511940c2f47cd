import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { personalSlug } from './slugs.js';
import { OWNER } from './roles/workspace-roles.js';

/** Every user has a personal workspace (API.md §9), made in the transaction that makes the user. */
@Injectable()
export class PersonalWorkspaces {
  async createFor(manager: EntityManager, user: { id: string; email: string }): Promise<void> {
    const [{ id }] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO workspaces (slug, name, personal, created_by) VALUES ($1, 'Personal', true, $2) RETURNING id`,
      [personalSlug(user.email, user.id), user.id],
    );
    await manager.query('INSERT INTO memberships (workspace_id, user_id, role_name) VALUES ($1, $2, $3)', [id, user.id, OWNER]);
  }
}
