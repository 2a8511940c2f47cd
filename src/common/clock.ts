import { Injectable } from '@nestjs/common';

/** The time, as one provider: tests of time-bound codes move it instead of waiting. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
