import { ApiError } from '../api/api-error';
import { fieldError, newPasswordProblem } from './new-password';

describe('newPasswordProblem', () => {
  it('accepts a long enough password typed the same twice', () => {
    expect(newPasswordProblem('correct horse', 'correct horse')).toBeNull();
  });

  it('asks for at least 8 characters, as the server does', () => {
    expect(newPasswordProblem('short', 'short')).toBe('The new password needs at least 8 characters.');
  });

  it('refuses more than 256 characters', () => {
    const long = 'x'.repeat(257);
    expect(newPasswordProblem(long, long)).toBe('The new password can have at most 256 characters.');
  });

  it('catches a typo in the repeated password', () => {
    expect(newPasswordProblem('correct horse', 'correct hose')).toBe('The two new passwords are not the same.');
  });
});

describe('fieldError', () => {
  const invalid = new ApiError({ statusCode: 400, code: 'validation.failed', message: 'Validation failed', details: [{ field: 'currentPassword', message: 'currentPassword is not your current password' }] });

  it('finds the detail the server gave for a field', () => {
    expect(fieldError(invalid, 'currentPassword')).toBe('currentPassword is not your current password');
  });

  it('has nothing for another field, or another kind of failure', () => {
    expect(fieldError(invalid, 'newPassword')).toBeNull();
    expect(fieldError(new ApiError({ statusCode: 401, code: 'auth.mfa_invalid', message: 'wrong' }), 'code')).toBeNull();
  });
});
