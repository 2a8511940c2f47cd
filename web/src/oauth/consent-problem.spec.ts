import { ApiError } from '../api/api-error';
import { consentProblem } from './consent-problem';

const refusal = (code: string, statusCode = 404) => new ApiError({ statusCode, code, message: 'refused' });

describe('consentProblem', () => {
  it('says an unknown, expired or answered request has expired and how to start again', () => {
    expect(consentProblem(refusal('oauth_interaction.not_found'), 'ada@example.com')).toEqual({
      title: 'This authorization request has expired',
      text: 'It was answered already, or it waited too long. Go back to the app and start again.',
    });
  });

  it('tells someone outside the app’s workspace, by name, that they cannot consent there, and offers another account', () => {
    const problem = consentProblem(refusal('workspace.not_found'), 'ada@example.com');
    expect(problem?.title).toBe('You are not a member of this app’s workspace');
    expect(problem?.text).toContain('ada@example.com does not belong to it');
    expect(problem?.otherAccount).toBe(true);
  });

  it('leaves any other failure to the generic error message', () => {
    expect(consentProblem(refusal('service.unavailable', 503), null)).toBeNull();
    expect(consentProblem(new Error('offline'), null)).toBeNull();
  });
});
