import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { Page } from '../../common/pagination.js';
import { type AuditEventView, csvLine, CSV_HEADER, EXPORT_COLUMNS, ndjsonLine, VIEW_COLUMNS } from './audit-event.view.js';
import { buildAuditFilter, decodeAuditCursor, encodeAuditCursor, type AuditFilterInput } from './audit-filter.js';
import type { Visibility } from './audit-filter.js';
import { INSTANCE_CHAIN } from '../chain/hash-chain.js';
import { ChainVerifier, resultOf } from '../verification/chain-verifier.js';
import type { AllChainsVerifyResult, VerifyOptions, VerifyResult } from '../verification/verify-result.js';

const FETCH_SIZE = 1000;

type Row = AuditEventView & { seq: string };

/** Reads the audit log for reviewers: filtered pages, one event, streamed exports and verification. */
@Injectable()
export class AuditReader {
  private readonly verifier: ChainVerifier;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.verifier = new ChainVerifier(db);
  }

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

  /** One chain (the instance chain unless said): what is newer than its last verified point, or all of it with `full`. */
  async verify(chainId: string = INSTANCE_CHAIN, options: VerifyOptions = {}): Promise<VerifyResult> {
    return resultOf(await this.verifier.verify(chainId, options));
  }

  /** Every chain there is (any with an event or a checkpoint), the instance chain first. */
  verifyAll(options: VerifyOptions = {}): Promise<AllChainsVerifyResult> {
    return this.verifier.verifyAll(options);
  }

  /** Batches of rows from a server-side cursor inside a read-only transaction. */
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
