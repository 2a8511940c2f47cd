import { creditCount, creditsFormFrom, emptyCreditsForm, validateCreditsForm, type CreditsFormValues } from './credits-form';

const withCredits = (overrides: Partial<CreditsFormValues> = {}): CreditsFormValues => ({ ...emptyCreditsForm(), enabled: true, remaining: '100', ...overrides });
const errorsOf = (values: CreditsFormValues) => {
  const result = validateCreditsForm(values);
  return result.ok ? null : result.errors;
};

describe('validateCreditsForm when creating', () => {
  it('sends nothing when the key gets no credits', () => {
    expect(validateCreditsForm({ ...emptyCreditsForm(), remaining: '5' })).toEqual({ ok: true, credits: undefined });
  });

  it('sends the credits left, and no refill unless one is asked for', () => {
    expect(validateCreditsForm(withCredits({ remaining: ' 3 ' }))).toEqual({ ok: true, credits: { remaining: 3 } });
  });

  it('sends a refill by name or as an ISO-8601 duration written in capitals', () => {
    expect(validateCreditsForm(withCredits({ refill: true, amount: '50', interval: 'week', mode: 'add' }))).toEqual({
      ok: true,
      credits: { remaining: 100, refill: { amount: 50, interval: 'week', mode: 'add' } },
    });
    const custom = validateCreditsForm(withCredits({ refill: true, amount: '50', interval: 'custom', customInterval: 'pt15m' }));
    expect(custom.ok && custom.credits?.refill).toEqual({ amount: 50, interval: 'PT15M', mode: 'reset' });
  });

  it('asks for the credits left, and takes 0', () => {
    expect(errorsOf(withCredits({ remaining: '' }))).toEqual({ remaining: 'Enter how many credits the key has' });
    expect(validateCreditsForm(withCredits({ remaining: '0' }))).toEqual({ ok: true, credits: { remaining: 0 } });
  });

  it('refuses a refill of 0 credits and an interval under a minute', () => {
    expect(errorsOf(withCredits({ refill: true, amount: '0', interval: 'custom', customInterval: 'PT30S' }))).toEqual({
      amount: 'Enter a whole number from 1 to 1,000,000,000,000',
      customInterval: 'A refill interval is at least a minute (PT1M) and at most 10 years',
    });
  });

  it('ignores a typed-in interval once a named one is picked again', () => {
    expect(validateCreditsForm(withCredits({ refill: true, amount: '5', interval: 'day', customInterval: 'nonsense' })).ok).toBe(true);
  });
});

describe('validateCreditsForm when editing', () => {
  const initial = creditsFormFrom({ remaining: 40, refill: { amount: 100, interval: 'P1D', mode: 'reset', nextAt: '2026-11-24T00:00:00.000Z' } });

  it('sends nothing when nothing changed, so the refill schedule is not restarted', () => {
    expect(validateCreditsForm(initial, initial)).toEqual({ ok: true, credits: undefined });
  });

  it('sends only remaining when only remaining changed', () => {
    expect(validateCreditsForm({ ...initial, remaining: '500' }, initial)).toEqual({ ok: true, credits: { remaining: 500 } });
  });

  it('sends only the refill when the schedule changed', () => {
    expect(validateCreditsForm({ ...initial, mode: 'add' }, initial)).toEqual({ ok: true, credits: { refill: { amount: 100, interval: 'P1D', mode: 'add' } } });
  });

  it('sends refill null to stop refilling, keeping the credits left', () => {
    expect(validateCreditsForm({ ...initial, refill: false }, initial)).toEqual({ ok: true, credits: { refill: null } });
  });

  it('sends credits null to remove them', () => {
    expect(validateCreditsForm({ ...initial, enabled: false }, initial)).toEqual({ ok: true, credits: null });
  });

  it('sends remaining (which the server requires) when credits are given to a key that had none', () => {
    const none = creditsFormFrom(null);
    expect(validateCreditsForm({ ...none, enabled: true, remaining: '10' }, none)).toEqual({ ok: true, credits: { remaining: 10 } });
    expect(validateCreditsForm(none, none)).toEqual({ ok: true, credits: undefined });
  });
});

describe('creditsFormFrom', () => {
  it('reads a named interval into the select and any other into the ISO-8601 field', () => {
    expect(creditsFormFrom({ remaining: 1, refill: { amount: 2, interval: 'month', mode: 'add', nextAt: null } })).toMatchObject({ interval: 'month', customInterval: '', mode: 'add' });
    expect(creditsFormFrom({ remaining: 1, refill: { amount: 2, interval: 'PT15M', mode: 'reset', nextAt: null } })).toMatchObject({ interval: 'custom', customInterval: 'PT15M' });
  });
});

describe('creditCount', () => {
  it.each(['', '1.5', '-2', 'ten', '1000000000001'])('refuses %s', (text) => {
    expect(creditCount(text, 1).ok).toBe(false);
  });

  it('takes a whole number from the minimum up', () => {
    expect(creditCount('5', 1)).toEqual({ ok: true, value: 5 });
    expect(creditCount('0', 1)).toEqual({ ok: false, error: 'Enter a whole number from 1 to 1,000,000,000,000' });
  });
});
