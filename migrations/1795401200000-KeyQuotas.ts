import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credits and named limits (API.md §15). A key's credits are a figure the service spends in
 * Redis (or memory) and writes back in batches; `credits_refill` is its schedule
 * ({amount, interval, mode, anchor}) and `credits_next_refill_at` when the refill job next
 * applies it (indexed: the job asks for the due ones every second). Named limits are jsonb lists
 * of {name, limit, window, cost, auto} on the key, on a membership (all of the member's keys in the
 * workspace share them) and on the workspace (all its keys). `api_key_usage.credits_used` and
 * `rate_limited_by` ({limit name: refusals}) feed the usage series.
 */
export class KeyQuotas1795401200000 implements MigrationInterface {
  name = 'KeyQuotas1795401200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE api_keys
        ADD COLUMN credits_remaining bigint,
        ADD COLUMN credits_refill jsonb,
        ADD COLUMN credits_next_refill_at timestamptz(3),
        ADD COLUMN limits jsonb NOT NULL DEFAULT '[]',
        ADD CONSTRAINT "CHK_api_keys_credits" CHECK (credits_remaining IS NULL OR credits_remaining >= 0),
        ADD CONSTRAINT "CHK_api_keys_refill" CHECK (credits_refill IS NULL OR credits_remaining IS NOT NULL)`);
    await db.query(`CREATE INDEX "IDX_api_keys_refill_due" ON api_keys (credits_next_refill_at) WHERE credits_next_refill_at IS NOT NULL AND deleted_at IS NULL`);
    await db.query(`ALTER TABLE memberships ADD COLUMN limits jsonb NOT NULL DEFAULT '[]'`);
    await db.query(`ALTER TABLE workspaces ADD COLUMN limits jsonb NOT NULL DEFAULT '[]'`);
    await db.query(`ALTER TABLE api_key_usage ADD COLUMN credits_used bigint NOT NULL DEFAULT 0, ADD COLUMN rate_limited_by jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_key_usage DROP COLUMN rate_limited_by, DROP COLUMN credits_used`);
    await db.query(`ALTER TABLE workspaces DROP COLUMN limits`);
    await db.query(`ALTER TABLE memberships DROP COLUMN limits`);
    await db.query(`DROP INDEX "IDX_api_keys_refill_due"`);
    await db.query(`
      ALTER TABLE api_keys DROP CONSTRAINT "CHK_api_keys_refill", DROP CONSTRAINT "CHK_api_keys_credits",
        DROP COLUMN limits, DROP COLUMN credits_next_refill_at, DROP COLUMN credits_refill, DROP COLUMN credits_remaining`);
  }
}
