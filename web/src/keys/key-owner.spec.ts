import { newMember } from '../test-support/factories';
import { ownerLabel, transferCandidates } from './key-owner';

const MEMBERS = [newMember('u1', 'owner'), newMember('u2', 'member', { email: 'ben@acme.test' })];

describe('ownerLabel', () => {
  it('calls my own keys mine', () => {
    expect(ownerLabel('u1', { me: 'u1', members: MEMBERS })).toBe('you');
  });

  it("names another member's key by their email", () => {
    expect(ownerLabel('u2', { me: 'u1', members: MEMBERS })).toBe('ben@acme.test');
  });

  it('falls back to the start of the id for an owner not in the list (it did not load, or they left)', () => {
    expect(ownerLabel('0b5e7c1a-aaaa-4bbb-8ccc-000000000000', { me: 'u1', members: [] })).toBe('0b5e7c1a');
  });
});

describe('transferCandidates', () => {
  it("offers every member but the key's owner", () => {
    expect(transferCandidates('u1', MEMBERS).map((member) => member.user.id)).toEqual(['u2']);
  });
});
