import pg from 'pg';
import { MIGRATIONS } from '../migrations/index.js';
import { createDataSource } from '../src/database/data-source.js';
import { createTestDatabase } from './helpers/database.js';

/** What the migrations own in the public schema (not their own bookkeeping table, not extensions), as text. */
async function schemaOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ item: string }>(`
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS item
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
      UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> 'migrations'
      UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid <> 'public.migrations'::regclass
      UNION ALL SELECT 'trigger ' || tgname || ' on ' || tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'function ' || proname FROM pg_proc p WHERE pronamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1`);
    return rows.map((row) => row.item);
  } finally {
    await client.end();
  }
}

async function withDataSource<T>(url: string, work: (dataSource: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('migrations', () => {
  it('run up, all the way down and up again to the same schema', async () => {
    const url = await createTestDatabase(); // a clone of the template: every migration applied once
    const migrated = await schemaOf(url);
    expect(migrated.length).toBeGreaterThan(10);

    await withDataSource(url, async (dataSource) => {
      for (let i = 0; i < MIGRATIONS.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    });
    expect(await schemaOf(url)).toEqual([]);

    const applied = await withDataSource(url, (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await schemaOf(url)).toEqual(migrated);
  });
});
