import { challengeIsOver, normaliseCode, pendingChallenge } from './second-factor';

const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('pendingChallenge / challengeIsOver', () => {
  const challenge = pendingChallenge({ mfaRequired: true, mfaToken: 'kwmfa_abc', expiresIn: 300 }, NOW);

  it('keeps a challenge alive within its five minutes and tries', () => {
    expect(challengeIsOver({ ...challenge, wrongAnswers: 4 }, NOW + 299_000)).toBe(false);
  });

  it('ends a challenge when its five minutes are up', () => {
    expect(challengeIsOver(challenge, NOW + 300_000)).toBe(true);
  });

  it('ends a challenge after five wrong answers, as the server does', () => {
    expect(challengeIsOver({ ...challenge, wrongAnswers: 5 }, NOW + 1000)).toBe(true);
  });
});

describe('normaliseCode', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
  ])('reads %p as %p', (input, code) => {
    expect(normaliseCode(input)).toBe(code);
  });

  it.each(['12345', '1234567', 'abcdef', ''])('refuses %p', (input) => {
    expect(normaliseCode(input)).toBeNull();
  });
});
