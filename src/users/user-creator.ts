import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { PersonalWorkspaces } from '../workspaces/personal-workspaces.js';

/** Serialises user creation so exactly one "first account" becomes admin. */
const CREATION_LOCK = 7_340_003;

export interface NewUser {
  /** Lower-cased by the caller. */
  email: string;
  name: string;
  passwordHash: string;
}

const lockCreation = (manager: EntityManager) => manager.query('SELECT pg_advisory_xact_lock($1)', [CREATION_LOCK]);

async function insertUser(manager: EntityManager, user: NewUser, roles: string[]): Promise<string> {
  const [taken] = await manager.query('SELECT 1 FROM users WHERE email = $1', [user.email]);
  if (taken) throw new AppError('user.email_taken');
  const [{ id }] = await manager.query<Array<{ id: string }>>(
    'INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id',
    [user.email, user.name, user.passwordHash],
  );
  await manager.query('INSERT INTO user_roles (user_id, role_name) SELECT $1, unnest($2::varchar[])', [id, roles]);
  return id;
}

/** Where users come from: registration and the bootstrap admin, under one lock; each with their personal workspace. */
@Injectable()
export class UserCreator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly personal: PersonalWorkspaces,
  ) {}

  /**
   * Creates a user in `manager`'s transaction, holding the creation lock until it ends: the first
   * account of an empty installation becomes instance admin; later ones get no instance role
   * (API.md §9): what they may do comes from their workspace roles, `owner` of their personal one.
   */
  async register(manager: EntityManager, user: NewUser): Promise<string> {
    await lockCreation(manager);
    const [{ count }] = await manager.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM users');
    const id = await insertUser(manager, user, count === 0 ? ['admin'] : []);
    await this.personal.createFor(manager, { id, email: user.email });
    return id;
  }

  /**
   * Creates an admin unless a user with this email exists (or, with `onlyIfNoAdmin`, unless anyone
   * holds the admin role). True when it created one.
   */
  createAdminIfMissing(user: NewUser, onlyIfNoAdmin: boolean): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      await lockCreation(manager);
      const [existing] = await manager.query(
        onlyIfNoAdmin ? `SELECT 1 FROM user_roles WHERE role_name = 'admin' LIMIT 1` : 'SELECT 1 FROM users WHERE email = $1',
        onlyIfNoAdmin ? [] : [user.email],
      );
      if (existing) return false;
      const id = await insertUser(manager, user, ['admin']);
      await this.personal.createFor(manager, { id, email: user.email });
      return true;
    });
  }
}
