import { isWorkspaceSlug, parseWorkspaceReference, personalSlug, slugFromName, withSuffix } from './slugs.js';

describe('isWorkspaceSlug', () => {
  it('accepts lower-case letters, digits and inner hyphens of 2 to 39 characters', () => {
    expect(isWorkspaceSlug('acme')).toBe(true);
    expect(isWorkspaceSlug('a1')).toBe(true);
    expect(isWorkspaceSlug('a'.repeat(39))).toBe(true);
  });

  it('refuses capitals, a leading hyphen, one character and 40', () => {
    expect(isWorkspaceSlug('Acme')).toBe(false);
    expect(isWorkspaceSlug('-acme')).toBe(false);
    expect(isWorkspaceSlug('a')).toBe(false);
    expect(isWorkspaceSlug('a'.repeat(40))).toBe(false);
  });

  it('refuses a slug that reads as a workspace id', () => {
    expect(isWorkspaceSlug('0b0d0b0e-1111-4222-8333-444455556666')).toBe(false);
  });
});

describe('slugFromName', () => {
  it('makes a name slug-safe', () => {
    expect(slugFromName('  Acme Corp. (EU) ')).toBe('acme-corp-eu');
    expect(slugFromName('Café Zürich')).toBe('cafe-zurich');
  });

  it('falls back to "workspace" when nothing slug-safe is left', () => {
    expect(slugFromName('日本')).toBe('workspace');
    expect(slugFromName('!')).toBe('workspace');
  });

  it('cuts long names to 39 characters without a trailing hyphen', () => {
    const slug = slugFromName(`${'a'.repeat(38)} b`);
    expect(slug).toBe('a'.repeat(38));
  });
});

describe('withSuffix', () => {
  it('appends a suffix and stays within 39 characters', () => {
    expect(withSuffix('acme', '1a2b')).toBe('acme-1a2b');
    const long = withSuffix('a'.repeat(39), '1a2b');
    expect(long).toHaveLength(39);
    expect(isWorkspaceSlug(long)).toBe(true);
  });
});

describe('personalSlug', () => {
  it('joins the e-mail local part and 16 hex digits of the user id', () => {
    expect(personalSlug('Ada.Lovelace+keys@example.com', '0b0d0b0e-1111-4222-8333-444455556666')).toBe('ada-lovelace-keys-0b0d0b0e11114222');
  });

  it('uses "user" when the local part has nothing slug-safe', () => {
    expect(personalSlug('日本@example.com', '0b0d0b0e-1111-4222-8333-444455556666')).toBe('user-0b0d0b0e11114222');
  });
});

describe('parseWorkspaceReference', () => {
  it('reads an id (in any case) or a slug, and nothing else', () => {
    expect(parseWorkspaceReference('0B0D0B0E-1111-4222-8333-444455556666')).toEqual({ column: 'id', value: '0b0d0b0e-1111-4222-8333-444455556666' });
    expect(parseWorkspaceReference('acme')).toEqual({ column: 'slug', value: 'acme' });
    expect(parseWorkspaceReference("acme' OR 1=1")).toBeNull();
  });
});
