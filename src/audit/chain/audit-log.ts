import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { appendToChain, toChainedEvent } from './audit-chain.js';
import type { AuditEventInput } from './audit-event.input.js';
import { AuditWriter } from './audit-writer.js';
import type { ChainedEvent } from './hash-chain.js';

type Observer = (event: ChainedEvent) => void;

/**
 * The one way into the audit log.
 * - `record`: high-volume events (key use, auth failures, detector output) go to the batched writer.
 * - `recordIn`: management events join the caller's transaction, so a change and its record
 *   commit or fail together.
 */
@Injectable()
export class AuditLog {
  private readonly observers: Observer[] = [];

  constructor(private readonly writer: AuditWriter) {}

  record(input: AuditEventInput): void {
    const event = toChainedEvent(input);
    this.writer.enqueue(event);
    this.notify(event);
  }

  async recordIn(manager: EntityManager, ...inputs: AuditEventInput[]): Promise<void> {
    await appendToChain((sql, params) => manager.query(sql, params), inputs.map(toChainedEvent));
  }

  /** Detectors and alerting watch the batched stream (not management events) through here. */
  observe(observer: Observer): void {
    this.observers.push(observer);
  }

  private notify(event: ChainedEvent): void {
    for (const observer of this.observers) observer(event);
  }
}
