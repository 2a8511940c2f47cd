import type { QueryRunner } from 'typeorm';

/** The schema the migrations run in: functions that are SECURITY DEFINER pin their search_path to it. */
export async function currentSchema(db: QueryRunner): Promise<string> {
  const [{ schema }] = (await db.query('SELECT current_schema() AS schema')) as Array<{ schema: string }>;
  return schema;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
