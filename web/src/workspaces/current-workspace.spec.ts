import { newWorkspace } from '../test-support/factories';
import { personalFirst, pickCurrent, readChoice, storageKey, workspaceLabel, writeChoice } from './current-workspace';

const personal = newWorkspace('p1', { personal: true, name: 'ada' });
const acme = newWorkspace('w1', { name: 'Acme' });
const globex = newWorkspace('w2', { name: 'Globex' });

describe('pickCurrent', () => {
  it('keeps the chosen workspace while it is still one of mine', () => {
    expect(pickCurrent([personal, acme, globex], 'w2')).toBe(globex);
  });

  it('falls back to the personal workspace when the chosen one is gone', () => {
    expect(pickCurrent([acme, personal], 'deleted-id')).toBe(personal);
  });

  it('starts in the personal workspace when nothing was chosen', () => {
    expect(pickCurrent([acme, personal], null)).toBe(personal);
  });

  it('answers null before the list has loaded', () => {
    expect(pickCurrent([], 'w1')).toBeNull();
  });
});

describe('personalFirst', () => {
  it('puts the personal workspace first and keeps the order of the others', () => {
    expect(personalFirst([acme, globex, personal]).map((w) => w.id)).toEqual(['p1', 'w1', 'w2']);
  });
});

describe('workspaceLabel', () => {
  it('calls the personal workspace "Personal" whatever its name', () => {
    expect(workspaceLabel(personal)).toBe('Personal');
    expect(workspaceLabel(acme)).toBe('Acme');
  });
});

describe('the stored choice', () => {
  beforeEach(() => window.localStorage.clear());

  it('is kept per account, by id', () => {
    writeChoice('u1', 'w1');
    expect(window.localStorage.getItem(storageKey('u1'))).toBe('w1');
    expect(readChoice('u1')).toBe('w1');
    expect(readChoice('u2')).toBeNull();
  });

  it('is forgotten with null', () => {
    writeChoice('u1', 'w1');
    writeChoice('u1', null);
    expect(readChoice('u1')).toBeNull();
  });

  it('survives a storage that refuses access', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(readChoice('u1', refusing)).toBeNull();
    expect(() => writeChoice('u1', 'w1', refusing)).not.toThrow();
  });
});
