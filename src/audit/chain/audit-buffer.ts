import { isSecurityEvent } from './audit-event-types.js';

/**
 * A bounded FIFO of events waiting to be written. When full, routine key-use events are shed
 * before any security event; every shed event is counted.
 */
export class AuditBuffer<T extends { type: string }> {
  private security: T[] = [];
  private routine: T[] = [];
  dropped = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.security.length + this.routine.length;
  }

  /** Returns false when an event had to be shed to stay within the limit. */
  push(event: T): boolean {
    const queue = isSecurityEvent(event.type) ? this.security : this.routine;
    if (this.size < this.limit) {
      queue.push(event);
      return true;
    }
    this.dropped++;
    if (queue === this.routine) return false;
    if (this.routine.length > 0) this.routine.shift();
    else this.security.shift();
    queue.push(event);
    return false;
  }

  /** Removes up to `max` events, security events first. */
  take(max: number): T[] {
    const fromSecurity = this.security.splice(0, max);
    return fromSecurity.concat(this.routine.splice(0, max - fromSecurity.length));
  }

  /** Puts a batch that could not be written back at the front, still within the limit. */
  putBack(batch: T[]): void {
    const security = batch.filter((event) => isSecurityEvent(event.type));
    const routine = batch.filter((event) => !isSecurityEvent(event.type));
    this.security = security.concat(this.security);
    this.routine = routine.concat(this.routine);
    while (this.size > this.limit) {
      this.dropped++;
      if (this.routine.length > 0) this.routine.pop();
      else this.security.pop();
    }
  }
}
