import { quoteIdent } from './schema.js';

/**
 * The SQL of AuditPartitions1795401400000's functions. Months are UTC months (every function pins
 * TimeZone), a partition is `audit_events_YYYY_MM`, and the serving role reaches DDL only through
 * the SECURITY DEFINER ones, each of which decides for itself what it may do.
 * Lock numbers: 7340004 retention (as audit_purge always took), 7340005 partition creation and
 * the default partition's moves.
 */
export const PARTITION_FUNCTIONS = [
  'audit_partitions()',
  'audit_new_partition(timestamptz)',
  'audit_move_default_rows()',
  'audit_create_partition(timestamptz)',
  'audit_drop_partition(text)',
] as const;

/** What the serving role may call (audit_new_partition is only ever called by the others). */
export const SERVING_PARTITION_FUNCTIONS = PARTITION_FUNCTIONS.filter((fn) => fn !== 'audit_new_partition(timestamptz)');

const settings = (schema: string) => `SET search_path = ${quoteIdent(schema)}, pg_temp SET timezone = 'UTC' SET datestyle = 'ISO, MDY'`;

const NO_TRUNCATE = (table: string) =>
  `CREATE TRIGGER "TRG_audit_events_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`;

/** The default partition with its own TRUNCATE trigger: statement triggers are not inherited. */
export const CREATE_DEFAULT_PARTITION = [
  `CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT`,
  NO_TRUNCATE('audit_events_default'),
];

export function partitionFunctionsSql(schema: string): string[] {
  return [
    // The monthly partitions and their bounds, oldest first; the default partition is not one.
    `CREATE FUNCTION audit_partitions() RETURNS TABLE (name text, lower_bound timestamptz, upper_bound timestamptz)
     LANGUAGE sql STABLE ${settings(schema)} AS $$
       SELECT relname::text, bounds[1]::timestamptz, bounds[2]::timestamptz
       FROM (SELECT c.relname, regexp_match(pg_get_expr(c.relpartbound, c.oid), $re$FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$re$) AS bounds
             FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'audit_events'::regclass) AS p
       WHERE bounds IS NOT NULL
       ORDER BY 2
     $$`,

    // Row triggers are cloned onto every partition by PostgreSQL; the TRUNCATE one is not.
    `CREATE FUNCTION audit_new_partition(month_start timestamptz) RETURNS text LANGUAGE plpgsql ${settings(schema)} AS $$
     DECLARE
       partition text := 'audit_events_' || to_char(month_start, 'YYYY_MM');
     BEGIN
       EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', partition, month_start, month_start + interval '1 month');
       EXECUTE format('${NO_TRUNCATE('%I')}', partition);
       RETURN partition;
     END $$`,

    // PostgreSQL refuses a partition for a range the default partition holds rows of, and the
    // trigger refuses deleting them: so the default partition is detached (which keeps writers
    // out until commit), its months get partitions, its rows are copied in as they are (seq and
    // hash inputs unchanged), and an empty default partition takes its place.
    `CREATE FUNCTION audit_move_default_rows() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER ${settings(schema)} AS $$
     DECLARE
       month_start timestamptz;
       columns text;
       moved bigint;
     BEGIN
       PERFORM pg_advisory_xact_lock(7340005);
       IF NOT EXISTS (SELECT 1 FROM audit_events_default) THEN
         RETURN 0;
       END IF;
       ALTER TABLE audit_events DETACH PARTITION audit_events_default;
       FOR month_start IN SELECT DISTINCT date_trunc('month', occurred_at) FROM audit_events_default LOOP
         PERFORM audit_new_partition(month_start);
       END LOOP;
       SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns FROM pg_attribute
         WHERE attrelid = 'audit_events'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
       EXECUTE format('INSERT INTO audit_events (%s) SELECT %s FROM audit_events_default ORDER BY seq', columns, columns);
       GET DIAGNOSTICS moved = ROW_COUNT;
       DROP TABLE audit_events_default;
       ${CREATE_DEFAULT_PARTITION.join(';\n       ')};
       RETURN moved;
     END $$`,

    // The serving role's way to create a month ahead: only a month start, only from last month to a
    // year ahead (no flood of partitions), and nothing when one covers it already.
    `CREATE FUNCTION audit_create_partition(month_start timestamptz) RETURNS text LANGUAGE plpgsql SECURITY DEFINER ${settings(schema)} AS $$
     DECLARE
       month_end timestamptz := month_start + interval '1 month';
     BEGIN
       IF month_start IS NULL OR month_start <> date_trunc('month', month_start)
          OR month_start < date_trunc('month', now()) - interval '1 month' OR month_start > date_trunc('month', now()) + interval '12 months' THEN
         RAISE EXCEPTION 'not a month start (UTC) from last month to a year ahead: %', month_start USING ERRCODE = 'invalid_parameter_value';
       END IF;
       PERFORM pg_advisory_xact_lock(7340005);
       IF EXISTS (SELECT 1 FROM audit_partitions() p WHERE p.lower_bound < month_end AND month_start < p.upper_bound) THEN
         RETURN NULL;
       END IF;
       IF EXISTS (SELECT 1 FROM audit_events_default WHERE occurred_at >= month_start AND occurred_at < month_end) THEN
         PERFORM audit_move_default_rows();
         RETURN 'audit_events_' || to_char(month_start, 'YYYY_MM');
       END IF;
       RETURN audit_new_partition(month_start);
     END $$`,

    dropPartitionSql(schema),
    partitionPurgeSql(schema),
  ];
}

/**
 * Retention of one partition, oldest first, entirely older than the retention the owner recorded.
 * For each chain with events in it, before the drop:
 * - the checkpoint: the last dropped event before the chain's first kept one (by seq), so the
 *   kept events verify from it;
 * - links: dropped events whose seq is past that first kept one. An event is placed by its
 *   occurred_at but chained in append order, so near a month's end a later month's event can sit
 *   between two of this month's in the chain; their (prev_hash, hash) let verification step over
 *   them.
 * A SHARE lock keeps the partition as read while the drop's ACCESS EXCLUSIVE lock on audit_events
 * is taken only by the DROP itself, at the end (the caller bounds the wait with lock_timeout).
 */
function dropPartitionSql(schema: string): string {
  return `CREATE FUNCTION audit_drop_partition(partition_name text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER ${settings(schema)} AS $$
     DECLARE
       part record;
       kept_from timestamptz;
       chain uuid;
       first_kept bigint;
       previous_seq bigint;
       start_seq bigint;
       start_hash char(64);
       dropped bigint;
       total bigint := 0;
     BEGIN
       PERFORM pg_advisory_xact_lock(7340004);
       SELECT * INTO part FROM audit_partitions() p WHERE p.name = partition_name;
       IF NOT FOUND THEN
         RETURN 0;
       END IF;
       SELECT now() - make_interval(days => retention_days) INTO STRICT kept_from FROM audit_settings;
       IF part.upper_bound > kept_from THEN
         RAISE EXCEPTION 'audit partition % holds events younger than the retention', partition_name USING ERRCODE = 'insufficient_privilege';
       END IF;
       IF EXISTS (SELECT 1 FROM audit_events WHERE occurred_at < part.lower_bound) THEN
         RAISE EXCEPTION 'audit partitions are dropped oldest first: events older than % remain', partition_name USING ERRCODE = 'object_not_in_prerequisite_state';
       END IF;
       EXECUTE format('LOCK TABLE %I IN SHARE MODE', part.name);
       FOR chain IN EXECUTE format($q$
         WITH RECURSIVE chains AS (
           (SELECT chain_id FROM %1$I ORDER BY chain_id LIMIT 1)
           UNION ALL
           SELECT (SELECT p.chain_id FROM %1$I p WHERE p.chain_id > chains.chain_id ORDER BY p.chain_id LIMIT 1) FROM chains WHERE chains.chain_id IS NOT NULL)
         SELECT chain_id FROM chains WHERE chain_id IS NOT NULL$q$, part.name)
       LOOP
         first_kept := (SELECT min(seq) FROM audit_events
                        WHERE chain_id = chain AND (occurred_at >= part.upper_bound OR occurred_at < part.lower_bound));
         previous_seq := coalesce((SELECT last_seq FROM audit_checkpoints WHERE chain_id = chain ORDER BY id DESC LIMIT 1), 0);
         EXECUTE format('SELECT count(*) FROM %I WHERE chain_id = $1', part.name) INTO dropped USING chain;
         EXECUTE format($q$SELECT seq, hash FROM (
             (SELECT seq, hash FROM %I WHERE chain_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT 1)
             UNION ALL
             (SELECT seq, hash FROM audit_checkpoint_links WHERE chain_id = $1 AND seq < $2 AND seq > $3 ORDER BY seq DESC LIMIT 1)) AS last
           ORDER BY seq DESC LIMIT 1$q$, part.name)
           INTO start_seq, start_hash USING chain, coalesce(first_kept, 9223372036854775807), previous_seq;
         IF first_kept IS NOT NULL THEN
           EXECUTE format('INSERT INTO audit_checkpoint_links (chain_id, seq, prev_hash, hash) SELECT chain_id, seq, prev_hash, hash FROM %I WHERE chain_id = $1 AND seq > $2', part.name)
             USING chain, first_kept;
         END IF;
         IF start_seq > previous_seq THEN
           INSERT INTO audit_checkpoints (chain_id, last_seq, last_hash, purged) VALUES (chain, start_seq, start_hash, dropped);
         END IF;
         total := total + dropped;
       END LOOP;
       EXECUTE format('DROP TABLE %I', part.name);
       RETURN total;
     END $$`;
}

/** audit_purge() as before (no argument, the recorded retention, one at a time), by partitions. */
function partitionPurgeSql(schema: string): string {
  return `CREATE OR REPLACE FUNCTION audit_purge() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER ${settings(schema)} AS $$
     DECLARE
       kept_from timestamptz;
       part record;
       total bigint := 0;
     BEGIN
       IF NOT pg_try_advisory_xact_lock(7340004) THEN
         RETURN 0;
       END IF;
       PERFORM audit_move_default_rows();
       SELECT now() - make_interval(days => retention_days) INTO STRICT kept_from FROM audit_settings;
       FOR part IN SELECT p.name FROM audit_partitions() p WHERE p.upper_bound <= kept_from ORDER BY p.lower_bound LOOP
         total := total + audit_drop_partition(part.name);
       END LOOP;
       RETURN total;
     END $$`;
}
