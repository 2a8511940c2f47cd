import { forbiddenCharacterIn } from './display-text.js';

describe('forbiddenCharacterIn', () => {
  it('finds nothing in ordinary text, accents, CJK, emoji and zero-width joiners included', () => {
    for (const text of ['deploy bot', 'Zoë Ångström', '配置', '👩‍💻 ci', 'a-b_c.d']) expect(forbiddenCharacterIn(text)).toBeNull();
  });

  it('names a bidirectional override, embedding, isolate or mark', () => {
    expect(forbiddenCharacterIn('invoice\u202Efdp.exe')).toBe('U+202E');
    for (const char of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(forbiddenCharacterIn(`a${char}b`)).toBe(`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  });

  it('names C0 and C1 controls and DEL: ESC, NUL, newline, tab, U+0085', () => {
    expect(forbiddenCharacterIn('red\u001b[31m')).toBe('U+001B');
    expect(forbiddenCharacterIn('a\u0000')).toBe('U+0000');
    expect(forbiddenCharacterIn('two\nlines')).toBe('U+000A');
    expect(forbiddenCharacterIn('a\tb')).toBe('U+0009');
    expect(forbiddenCharacterIn('a\u0085b')).toBe('U+0085');
    expect(forbiddenCharacterIn('a\u007fb')).toBe('U+007F');
  });

  it('allows tab and line breaks in multiline text, but still no ESC or bidi control', () => {
    expect(forbiddenCharacterIn('line one\r\nline\ttwo', true)).toBeNull();
    expect(forbiddenCharacterIn('a\u001bb', true)).toBe('U+001B');
    expect(forbiddenCharacterIn('a\u2067b', true)).toBe('U+2067');
  });
});
