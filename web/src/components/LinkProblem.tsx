/** Why a link a user followed (an invitation, a consent request) cannot be answered, and what to do. */
export interface LinkProblemText {
  title: string;
  text: string;
  /** Signed in as someone the link is not for: offer to sign in as another. */
  otherAccount?: boolean;
}

/**
 * The refusal, with "Sign in with another account" where that is the way out. Signing out leaves
 * the browser on the same link, so the sign-in page brings the other account back to it.
 */
export function LinkProblem({ problem, testId, onSignOut }: { problem: LinkProblemText; testId: string; onSignOut(): void }) {
  return (
    <div className="alert alert--error" role="alert" data-testid={testId}>
      <p>
        <strong>{problem.title}.</strong> {problem.text}
      </p>
      {problem.otherAccount && (
        <button type="button" className="button button--small" onClick={onSignOut}>
          Sign in with another account
        </button>
      )}
    </div>
  );
}
