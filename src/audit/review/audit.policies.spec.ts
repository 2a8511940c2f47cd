import { callerHolding } from '../../access/caller-fixture.js';
import { visibilityOf } from './audit.policies.js';

describe('visibilityOf', () => {
  it('shows an audit:read holder everything', () => {
    expect(visibilityOf(callerHolding(['audit:read']))).toEqual({ everything: true });
    expect(visibilityOf(callerHolding(['*']))).toEqual({ everything: true });
  });

  it('shows anyone else the events about themselves only', () => {
    const caller = callerHolding(['keys:read']);
    expect(visibilityOf(caller)).toEqual({ everything: false, userId: caller.principal.user.id });
  });
});
