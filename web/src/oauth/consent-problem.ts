import { ApiError } from '../api/api-error';

export interface ConsentProblem {
  title: string;
  text: string;
  /** Another account might be a member where this one is not. */
  otherAccount?: boolean;
}

/** What a refusal of the consent step means for the person at it (API.md §11, §14), or null for any other failure. */
export function consentProblem(error: unknown, signedInAs: string | null): ConsentProblem | null {
  const code = error instanceof ApiError ? error.code : null;
  switch (code) {
    case 'oauth_interaction.not_found':
      return {
        title: 'This authorization request has expired',
        text: 'It was answered already, or it waited too long. Go back to the app and start again.',
      };
    case 'workspace.not_found':
      return {
        title: 'You are not a member of this app’s workspace',
        text: `The app acts only in its own workspace, and ${signedInAs ?? 'this account'} does not belong to it. Sign in with an account that does, or ask an admin of that workspace to invite you.`,
        otherAccount: true,
      };
    default:
      return null;
  }
}
