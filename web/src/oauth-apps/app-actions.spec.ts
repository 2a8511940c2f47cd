import { availableAppActions } from './app-actions';

describe('availableAppActions', () => {
  it('lets an apps:write holder edit, rotate the secret of and delete a confidential app', () => {
    expect(availableAppActions({ type: 'confidential' }, true)).toEqual(['edit', 'rotate', 'delete']);
  });

  it('offers no rotation for a public app, which has no secret', () => {
    expect(availableAppActions({ type: 'public' }, true)).toEqual(['edit', 'delete']);
  });

  it('offers nothing without apps:write', () => {
    expect(availableAppActions({ type: 'confidential' }, false)).toEqual([]);
  });
});
