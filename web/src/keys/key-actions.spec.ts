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

  it('offers a transfer to someone who may hand keys to other members, on their own keys and others’', () => {
    expect(availableKeyActions({ status: 'active', active: true }, { transfer: true })).toEqual(['edit', 'disable', 'rotate', 'transfer', 'revoke', 'delete']);
    expect(availableKeyActions({ status: 'active', active: true }, { own: false, transfer: true })).toEqual(['edit', 'disable', 'transfer', 'revoke', 'delete']);
  });

  it('offers no transfer of a revoked key: it is final', () => {
    expect(availableKeyActions({ status: 'revoked', active: true }, { transfer: true })).toEqual(['delete']);
  });
});
