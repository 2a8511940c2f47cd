import type { PasswordReset, User } from '../api/types';
import { RESET_PASSWORD_PATH } from '../app/routes';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../lib/relative-time';
import { CopyField } from '../workspaces/CopyField';

export const resetLink = (origin: string, token: string) => `${origin}${RESET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;

/** The reset link, from the one response that carries its token: shown once. */
export function ResetLinkDialog({ user, reset, origin, onClose }: { user: User; reset: PasswordReset; origin: string; onClose(): void }) {
  return (
    <Dialog
      title={`Reset link for ${user.email}`}
      onClose={onClose}
      wide
      testId="reset-link-dialog"
      footer={
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      }
    >
      <div className="stack">
        <CopyField label={`Password reset link for ${user.email}`} value={resetLink(origin, reset.token)} copyLabel="Copy link" testId="reset-link" />
        <p>
          Send it to {user.email} yourself. It works once, until{' '}
          <time dateTime={reset.expiresAt} data-testid="reset-link-expiry">
            {formatDateTime(reset.expiresAt)}
          </time>
          , and sets a new password without the old one; all their sessions end. A new link replaces this one.
        </p>
        <p className="alert alert--warning">This link is shown only now. Anyone who has it can take over the account until it is used.</p>
      </div>
    </Dialog>
  );
}
