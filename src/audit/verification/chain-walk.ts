import { verifyRow, type StoredRow } from '../chain/hash-chain.js';
import type { VerifyResult } from './verify-result.js';

/** A point of a chain: an event's seq and hash (a checkpoint, or genesis at seq 0). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/**
 * The link of an event retention dropped while a kept event further on in the chain still
 * follows it (audit_checkpoint_links): enough to step over it, not to recompute it.
 */
export interface DroppedLink extends ChainPoint {
  prevHash: string;
}

export type WalkedEvent = StoredRow & { seq: number };

export interface WalkOutcome extends VerifyResult {
  /** The last event found valid: where a verified checkpoint may be recorded. */
  verifiedTo: ChainPoint | null;
}

/**
 * Walks a chain in seq order from `start`, each event under the canonical form it was written
 * with, stepping over the dropped links between kept events. Feed it events with `step` until it
 * answers false (the chain is broken there), then read `outcome`.
 */
export class ChainWalk {
  private expected: string;
  private next = 0;
  private checked = 0;
  private from: number | null = null;
  private to: number | null = null;
  private last: (ChainPoint & { id: string }) | null = null;
  private firstInvalidId?: string;
  private broken = false;

  constructor(
    start: ChainPoint,
    private readonly links: readonly DroppedLink[],
  ) {
    this.expected = start.hash;
  }

  step(event: WalkedEvent): boolean {
    if (this.broken) return false;
    if (!this.stepOverLinks(event.seq)) {
      // Nothing was checked before the broken link: the event after it is the first that does not fit.
      if (this.firstInvalidId === undefined) this.fail(event);
      return false;
    }
    this.from ??= event.seq;
    this.to = event.seq;
    const hash = verifyRow(this.expected, event);
    if (hash === null) {
      this.fail(event);
      return false;
    }
    this.expected = hash;
    this.checked++;
    this.last = { seq: event.seq, hash, id: event.id };
    return true;
  }

  outcome(): WalkOutcome {
    if (!this.broken) this.stepOverLinks(Number.POSITIVE_INFINITY);
    const range = { checked: this.checked, from: this.from, to: this.to };
    if (this.broken) return { valid: false, ...range, firstInvalidId: this.firstInvalidId, verifiedTo: null };
    return { valid: true, ...range, verifiedTo: this.last && { seq: this.last.seq, hash: this.last.hash } };
  }

  /**
   * The links before `seq`. A link that does not follow the chain so far means the event before
   * it is not the one the dropped event was appended after: that event is the first invalid one.
   */
  private stepOverLinks(seq: number): boolean {
    while (this.next < this.links.length && this.links[this.next].seq < seq) {
      const link = this.links[this.next++];
      if (link.prevHash !== this.expected) {
        this.broken = true;
        if (this.last) {
          this.checked--;
          this.to = this.last.seq;
          this.firstInvalidId = this.last.id;
        }
        return false;
      }
      this.expected = link.hash;
    }
    return true;
  }

  private fail(event: WalkedEvent): void {
    this.broken = true;
    this.firstInvalidId = event.id;
    this.from ??= event.seq;
    this.to = event.seq;
  }
}
