import { AppError } from '../common/errors/app-error.js';
import { callerHolding } from './caller-fixture.js';
import { beyondCaller, refuseBeyond } from './not-above.js';

describe('beyondCaller', () => {
  it('names each permission the caller does not hold, once', () => {
    expect(beyondCaller(callerHolding(['users:*', 'roles:read']), ['users:write', 'roles:write', 'keys:admin', 'roles:write'])).toEqual(['roles:write', 'keys:admin']);
  });

  it('finds nothing beyond an instance admin', () => {
    expect(beyondCaller(callerHolding(['*']), ['*', 'audit:read'])).toEqual([]);
  });
});

describe('refuseBeyond', () => {
  it('refuses with 403 permission.denied naming what is beyond the caller', () => {
    let refused: unknown;
    try {
      refuseBeyond(callerHolding(['roles:write']), ['roles:write', '*'], 'You cannot grant permissions you do not hold');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect({ code: (refused as AppError).code, details: (refused as AppError).details }).toEqual({ code: 'permission.denied', details: [{ required: '*' }] });
  });

  it('lets a caller act within what they hold', () => {
    expect(() => refuseBeyond(callerHolding(['roles:*']), ['roles:write'], 'no')).not.toThrow();
  });
});
