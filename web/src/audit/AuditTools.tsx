import { useState } from 'react';
import type { AuditVerification } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { saveBlob } from '../lib/save-blob';
import { exportAuditEvents, verifyAuditChain } from './audit-api';
import type { AuditQuery } from './audit-query';
import { useWorkspaceScope } from '../workspaces/workspace-scope';

/** Export and integrity check of the current workspace's log, for holders of `audit:read` there. */
export function AuditTools({ query }: { query: AuditQuery }) {
  const { api } = useWorkspaceScope();
  const [busy, setBusy] = useState<'ndjson' | 'csv' | 'verify' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);

  async function run(task: 'ndjson' | 'csv' | 'verify') {
    setBusy(task);
    setError(null);
    try {
      if (task === 'verify') {
        setVerification(null);
        setVerification(await verifyAuditChain(api));
      } else {
        const file = await exportAuditEvents(api, query, task);
        saveBlob(file.blob, file.filename ?? `keyward-audit-${new Date().toISOString().slice(0, 10)}.${task}`);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="audit-tools">
      <div className="button-row" role="group" aria-label="Export and verify">
        <button type="button" className="button button--secondary button--small" disabled={busy !== null} onClick={() => run('ndjson')}>
          {busy === 'ndjson' ? 'Exporting…' : 'Export NDJSON'}
        </button>
        <button type="button" className="button button--secondary button--small" disabled={busy !== null} onClick={() => run('csv')}>
          {busy === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button type="button" className="button button--small" disabled={busy !== null} onClick={() => run('verify')}>
          {busy === 'verify' ? 'Verifying…' : 'Verify integrity'}
        </button>
      </div>
      <ErrorMessage error={error} />
      {verification && <VerificationResult result={verification} />}
    </div>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const checked = `${result.checked.toLocaleString('en')} ${result.checked === 1 ? 'event' : 'events'} checked`;
  if (result.valid) {
    return (
      <p className="alert alert--success" role="status" data-testid="verify-result">
        Audit chain intact: {checked}.
      </p>
    );
  }
  return (
    <div className="alert alert--error" role="alert" data-testid="verify-result">
      <p>
        <strong>Audit chain broken.</strong> {checked}
        {result.firstInvalidId ? (
          <>
            ; the first event that does not match is <code>{result.firstInvalidId}</code>.
          </>
        ) : (
          '.'
        )}
      </p>
    </div>
  );
}
