import { callerHolding } from '../access/caller-fixture.js';
import { isSelfDemotion } from './user.policies.js';

describe('isSelfDemotion', () => {
  const caller = callerHolding(['users:write']);
  const self = caller.principal.user.id;

  it('catches a caller changing their own roles or disabling themselves', () => {
    expect(isSelfDemotion(caller, self, ['admin'], { roles: ['member'] })).toBe(true);
    expect(isSelfDemotion(caller, self, ['admin'], { active: false })).toBe(true);
  });

  it('lets a caller rename themselves or resend their own roles unchanged', () => {
    expect(isSelfDemotion(caller, self, ['admin', 'member'], { roles: ['member', 'admin'] })).toBe(false);
    expect(isSelfDemotion(caller, self, ['admin'], {})).toBe(false);
  });

  it('is not about anyone else', () => {
    expect(isSelfDemotion(caller, '00000000-0000-4000-8000-0000000000ff', ['admin'], { roles: [], active: false })).toBe(false);
  });
});
