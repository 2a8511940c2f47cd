import { useState } from 'react';
import type { ApiKey } from '../api/types';
import { useNotify } from '../components/Notices';
import { LimitsTable } from '../limits/LimitsTable';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { AdjustCreditsDialog, type CreditAdjustment } from './AdjustCreditsDialog';
import { refillInWords } from './refill-interval';
import { useKeyAbilities } from './use-key-abilities';

const fmt = (n: number) => n.toLocaleString('en');

/** A key's credits (left, refill schedule, next refill) and named limits, with adding or taking credits. */
export function KeyQuotaPanel({ apiKey, onUpdated }: { apiKey: ApiKey; onUpdated(key: ApiKey): void }) {
  const abilities = useKeyAbilities();
  const notify = useNotify();
  const [adjusting, setAdjusting] = useState<CreditAdjustment | null>(null);
  const { credits } = apiKey;
  // Someone else's key (keys:admin) may only get fewer credits: the server keeps adding for its owner.
  const adjustable = abilities.canWrite && credits !== null && apiKey.status !== 'revoked';
  const offers: CreditAdjustment[] = adjustable ? [...(apiKey.userId === abilities.me ? (['add'] as const) : []), 'take'] : [];

  return (
    <section className="card" aria-labelledby="quota-title">
      <header className="card__header">
        <h2 id="quota-title">Credits and limits</h2>
        {offers.length > 0 && (
          <div className="button-row" role="group" aria-label="Credit actions">
            {offers.map((direction) => (
              <button key={direction} type="button" className="button button--small button--secondary" onClick={() => setAdjusting(direction)}>
                {direction === 'add' ? 'Add credits…' : 'Take credits…'}
              </button>
            ))}
          </div>
        )}
      </header>

      <div className="quota-section">
        <h3 className="section-title">Credits</h3>
        {credits ? (
          <>
            <dl className="details-list" data-testid="key-credits">
              <dt>Remaining</dt>
              <dd data-testid="credits-remaining">{fmt(credits.remaining)}</dd>
              <dt>Refill</dt>
              <dd>{credits.refill ? refillInWords(credits.refill) : 'None'}</dd>
              {credits.refill && (
                <>
                  <dt>Next refill</dt>
                  <dd>{credits.refill.nextAt ? `${formatDateTime(credits.refill.nextAt)} (${formatRelativeTime(credits.refill.nextAt)})` : '—'}</dd>
                </>
              )}
            </dl>
            <p className="field__hint">
              As last written back, within a second of use; every response to the key carries the live figure in <code>X-Credits-Remaining</code>.
            </p>
          </>
        ) : (
          <p className="muted" data-testid="key-credits">
            No credits: uses are not counted down.
          </p>
        )}
      </div>

      <div className="quota-section">
        <h3 className="section-title">Named limits</h3>
        <LimitsTable limits={apiKey.limits} testId="key-limits" empty={`No named limits: besides its rate limit (${fmt(apiKey.rateLimit)} requests per hour), only limits its owner’s or its workspace’s keys share apply.`} />
      </div>

      {adjusting && (
        <AdjustCreditsDialog
          apiKey={apiKey}
          direction={adjusting}
          onClose={() => setAdjusting(null)}
          onSaved={(key) => {
            setAdjusting(null);
            onUpdated(key);
            notify(`${key.name}: ${fmt(key.credits?.remaining ?? 0)} credits left.`);
          }}
        />
      )}
    </section>
  );
}
