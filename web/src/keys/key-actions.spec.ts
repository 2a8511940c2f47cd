import { availableKeyActions } from './key-actions';

describe('availableKeyActions', () => {
  it('offers everything for an active key, with disable', () => {
    expect(availableKeyActions({ status: 'active', active: true })).toEqual(['edit', 'disable', 'rotate', 'revoke', 'delete']);
  });

  it('offers enable instead of disable for a disabled key', () => {
    expect(availableKeyActions({ status: 'disabled', active: false })).toContain('enable');
    expect(availableKeyActions({ status: 'disabled', active: false })).not.toContain('disable');
  });

  it('lets an expired key be edited, so its expiry can be extended, but not rotated', () => {
    expect(availableKeyActions({ status: 'expired', active: true })).toEqual(['edit', 'disable', 'revoke', 'delete']);
  });

  it('only offers delete for a revoked key', () => {
    expect(availableKeyActions({ status: 'revoked', active: true })).toEqual(['delete']);
  });

  it('offers neither rotate nor enable on someone else’s key, which only its owner may do', () => {
    expect(availableKeyActions({ status: 'active', active: true }, { own: false })).toEqual(['edit', 'disable', 'revoke', 'delete']);
    expect(availableKeyActions({ status: 'disabled', active: false }, { own: false })).toEqual(['edit', 'revoke', 'delete']);
  });
});
