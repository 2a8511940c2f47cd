import { useState } from 'react';
import type { AllChainsVerification, AuditVerification } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { saveBlob } from '../lib/save-blob';
import { exportAuditEvents, verifyAuditChain, type AuditSource } from './audit-api';
import type { AuditQuery } from './audit-query';

/** Export and integrity check of the log the page shows (`source`), for holders of `audit:read` there. */
export function AuditTools({ source, query }: { source: AuditSource; query: AuditQuery }) {
  const [busy, setBusy] = useState<'ndjson' | 'csv' | 'verify' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<AuditVerification | AllChainsVerification | null>(null);

  async function run(task: 'ndjson' | 'csv' | 'verify') {
    setBusy(task);
    setError(null);
    try {
      if (task === 'verify') {
        setVerification(null);
        setVerification(await verifyAuditChain(source));
      } else {
        const file = await exportAuditEvents(source, query, task);
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
      {verification && ('chains' in verification ? <AllChainsResult result={verification} /> : <VerificationResult result={verification} />)}
    </div>
  );
}

const eventsChecked = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'event' : 'events'} checked`;

function VerificationResult({ result }: { result: AuditVerification }) {
  const checked = eventsChecked(result.checked);
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

/** Every chain at once (each workspace's and the instance's): intact, or which ones are broken and where. */
function AllChainsResult({ result }: { result: AllChainsVerification }) {
  const checked = eventsChecked(result.chains.reduce((total, chain) => total + chain.checked, 0));
  const chains = `${result.chains.length} audit ${result.chains.length === 1 ? 'chain' : 'chains'}`;
  if (result.valid) {
    return (
      <p className="alert alert--success" role="status" data-testid="verify-result">
        All {chains} intact: {checked}.
      </p>
    );
  }
  const broken = result.chains.filter((chain) => !chain.valid);
  return (
    <div className="alert alert--error" role="alert" data-testid="verify-result">
      <p>
        <strong>
          {broken.length} of {chains} broken.
        </strong>{' '}
        {checked}.
      </p>
      <ul>
        {broken.map((chain) => (
          <li key={chain.workspaceId ?? 'instance'}>
            {chain.workspaceId ? (
              <>
                Workspace <code>{chain.workspaceId}</code>
              </>
            ) : (
              'The instance chain'
            )}
            {chain.firstInvalidId && (
              <>
                : the first event that does not match is <code>{chain.firstInvalidId}</code>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
