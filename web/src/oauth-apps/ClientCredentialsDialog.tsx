import type { CreatedOAuthApp } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ShownOnceDialog } from '../components/ShownOnceDialog';
import { CopyField } from '../workspaces/CopyField';

interface ClientCredentialsDialogProps {
  created: CreatedOAuthApp;
  title: string;
  onClose(): void;
}

/**
 * What the app's developer configures it with: the client id, and for a confidential app the
 * secret, which is in this one answer only (at registration and at rotation), as an API key is.
 */
export function ClientCredentialsDialog({ created, title, onClose }: ClientCredentialsDialogProps) {
  const clientId = <CopyField label={`Client ID of ${created.name}`} value={created.clientId} copyLabel="Copy client ID" testId="client-id" />;
  if (!created.clientSecret) {
    return (
      <Dialog title={title} onClose={onClose} wide testId="client-credentials-dialog">
        <div className="stack">
          {clientId}
          <p className="alert alert--info">A public app has no secret: its clients must prove each authorization with PKCE (S256).</p>
          <div className="button-row button-row--end">
            <button type="button" className="button button--secondary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <ShownOnceDialog
      title={title}
      testId="client-credentials-dialog"
      warning={
        <>
          <strong>Copy the client secret now.</strong> It will not be shown again.
        </>
      }
      beforeClosing={{
        title: 'Close without the secret?',
        back: 'Back to the secret',
        testId: 'client-secret-confirm',
        message: (
          <p>
            Make sure you have saved <strong>{created.name}</strong>’s client secret somewhere safe. It will not be shown again: if it is lost, you
            will have to rotate it.
          </p>
        ),
      }}
      onClose={onClose}
    >
      <CopyField label={`Client secret of ${created.name}`} value={created.clientSecret} copyLabel="Copy secret" testId="client-secret" />
      {clientId}
    </ShownOnceDialog>
  );
}
