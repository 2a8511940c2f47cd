import { callerHolding } from '../access/caller-fixture.js';
import { mayChangeBuiltInRole } from './role.policies.js';

describe('mayChangeBuiltInRole', () => {
  it('never lets anyone change admin, lets only an instance admin change another built-in role', () => {
    const admin = { name: 'admin', builtIn: true };
    const member = { name: 'member', builtIn: true };
    expect([mayChangeBuiltInRole(callerHolding(['*']), admin), mayChangeBuiltInRole(callerHolding(['*']), member)]).toEqual(['never', 'yes']);
    expect(mayChangeBuiltInRole(callerHolding(['roles:*']), member)).toBe('instance_admin_only');
    expect(mayChangeBuiltInRole(callerHolding(['roles:*']), { name: 'custom', builtIn: false })).toBe('yes');
  });
});
