import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { Page } from '../../common/pagination.js';
import { type AuditEventView, csvLine, CSV_HEADER, EXPORT_COLUMNS, ndjsonLine, VIEW_COLUMNS } from './audit-event.view.js';
import { buildAuditFilter, decodeAuditCursor, encodeAuditCursor, type AuditFilterInput } from './audit-filter.js';
import type { Visibility } from './audit-filter.js';
import { genesisOf, INSTANCE_CHAIN, verifyLink, type StoredLink } from '../chain/hash-chain.js';

const FETCH_SIZE = 1000;

export interface VerifyResult {
  valid: boolean;
  checked: number;
  firstInvalidId?: string;
}

/** One chain's verification: the workspace it belongs to (null: the instance chain). */
export interface ChainVerifyResult extends VerifyResult {
  workspaceId: string | null;
}

export interface AllChainsVerifyResult {
  valid: boolean;
  chains: ChainVerifyResult[];
}

type Row = AuditEventView & { seq: string };
type LinkRow = StoredLink & { seq: string };

/** Reads the audit log for reviewers: filtered pages, one event, streamed exports and verification. */
@Injectable()
export class AuditReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(visibility: Visibility, filter: AuditFilterInput, limit: number, cursor?: string): Promise<Page<AuditEventView>> {
    const { where, params } = buildAuditFilter(filter, visibility, cursor ? decodeAuditCursor(cursor) : undefined);
    const rows = await this.db.query<Row[]>(
      `SELECT seq, ${VIEW_COLUMNS} FROM audit_events ${where} ORDER BY occurred_at DESC, seq DESC LIMIT ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ seq: _seq, ...event }) => event),
      nextCursor: rows.length > limit && last ? encodeAuditCursor({ occurredAt: last.occurredAt, seq: last.seq }) : null,
    };
  }

  async get(visibility: Visibility, id: string): Promise<AuditEventView> {
    const { where, params } = buildAuditFilter({}, visibility);
    const [row] = await this.db.query<AuditEventView[]>(
      `SELECT ${VIEW_COLUMNS} FROM audit_events ${where ? `${where} AND` : 'WHERE'} id = $${params.length + 1}`,
      [...params, id],
    );
    if (!row) throw new AppError('audit.not_found');
    return row;
  }

  /** Every matching event, newest first, read through a server-side cursor: memory stays flat. */
  async *export(visibility: Visibility, filter: AuditFilterInput, format: 'ndjson' | 'csv'): AsyncGenerator<string> {
    const { where, params } = buildAuditFilter(filter, visibility);
    if (format === 'csv') yield `${CSV_HEADER.join(',')}\r\n`;
    const render = format === 'csv' ? csvLine : ndjsonLine;
    // ndjson carries what an offline verifier needs besides the fields (EXPORT_COLUMNS); CSV is for reading.
    const columns = format === 'csv' ? VIEW_COLUMNS : EXPORT_COLUMNS;
    for await (const rows of this.fetchAll<AuditEventView>(`SELECT ${columns} FROM audit_events ${where} ORDER BY occurred_at DESC, seq DESC`, params)) {
      yield rows.map(render).join('');
    }
  }

  /**
   * Recomputes one chain (the instance chain unless said) in append order from where retention
   * left it, each event under the canonical form it was written with; names the first bad event.
   */
  async verify(chainId: string = INSTANCE_CHAIN): Promise<VerifyResult> {
    const [checkpoint] = await this.db.query<Array<{ last_hash: string }>>(
      'SELECT last_hash FROM audit_checkpoints WHERE chain_id = $1 ORDER BY id DESC LIMIT 1',
      [chainId],
    );
    let expected = checkpoint?.last_hash ?? genesisOf(chainId);
    let checked = 0;
    const sql = `SELECT seq, ${VIEW_COLUMNS}, canonical_version AS "canonicalVersion", prev_hash AS "prevHash", hash
      FROM audit_events WHERE chain_id = $1 ORDER BY seq`;
    for await (const rows of this.fetchAll<LinkRow>(sql, [chainId])) {
      for (const row of rows) {
        const next = verifyLink(expected, row);
        if (next === null) return { valid: false, checked, firstInvalidId: row.id };
        expected = next;
        checked++;
      }
    }
    return { valid: true, checked };
  }

  /** Batches of rows from a server-side cursor inside a read-only transaction. */
  /** Every chain there is (any with an event or a checkpoint), the instance chain first. */
  async verifyAll(): Promise<AllChainsVerifyResult> {
    const found = await this.db.query<Array<{ chain_id: string }>>(
      `SELECT chain_id FROM audit_events GROUP BY chain_id UNION SELECT chain_id FROM audit_checkpoints ORDER BY chain_id`,
    );
    const ids = [INSTANCE_CHAIN, ...found.map((row) => row.chain_id).filter((id) => id !== INSTANCE_CHAIN)];
    const chains: ChainVerifyResult[] = [];
    for (const id of ids) chains.push({ workspaceId: id === INSTANCE_CHAIN ? null : id, ...(await this.verify(id)) });
    return { valid: chains.every((chain) => chain.valid), chains };
  }

  private async *fetchAll<T>(sql: string, params: unknown[]): AsyncGenerator<T[]> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let finished = false;
    try {
      await runner.query('BEGIN READ ONLY');
      await runner.query(`DECLARE audit_cursor NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows = (await runner.query(`FETCH ${FETCH_SIZE} FROM audit_cursor`)) as T[];
        if (rows.length === 0) break;
        yield rows;
      }
      await runner.query('COMMIT');
      finished = true;
    } finally {
      // Also reached when the client goes away mid-export and the stream is destroyed.
      if (!finished) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
