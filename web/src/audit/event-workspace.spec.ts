import { newWorkspace } from '../test-support/factories';
import { eventWorkspaceLabel } from './event-workspace';

const MINE = [newWorkspace('p1', { personal: true, name: 'ada' }), newWorkspace('w1', { name: 'Acme Team' })];

describe('eventWorkspaceLabel', () => {
  it('names a workspace I am in by its name, and my personal one "Personal"', () => {
    expect(eventWorkspaceLabel('w1', MINE)).toBe('Acme Team');
    expect(eventWorkspaceLabel('p1', MINE)).toBe('Personal');
  });

  it('names a workspace I am not in by the start of its id', () => {
    expect(eventWorkspaceLabel('5d1f9a3e-0000-4000-8000-000000000009', MINE)).toBe('5d1f9a3e');
  });

  it('names an event of no workspace (a sign-in, a user change) as the instance’s', () => {
    expect(eventWorkspaceLabel(null, MINE)).toBe('Instance');
  });
});
