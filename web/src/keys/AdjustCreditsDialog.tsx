import { useState, type FormEvent } from 'react';
import type { ApiKey } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { creditCount } from './credits-form';
import { updateKey } from './keys-api';

export type CreditAdjustment = 'add' | 'take';

const WORDS = {
  add: { title: 'Add credits to', label: 'Credits to add', submit: 'Add credits', working: 'Adding…' },
  take: { title: 'Take credits from', label: 'Credits to take', submit: 'Take credits', working: 'Taking…' },
} as const;

/**
 * Adds credits to a key or takes some away: `{credits: {increment}}` / `{decrement}`, which the
 * server applies to the live figure atomically, so uses in between are not lost as they would be
 * by setting a new remaining.
 */
export function AdjustCreditsDialog({ apiKey, direction, onClose, onSaved }: { apiKey: ApiKey; direction: CreditAdjustment; onClose(): void; onSaved(key: ApiKey): void }) {
  const { api } = useWorkspaceScope();
  const words = WORDS[direction];
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const left = (apiKey.credits?.remaining ?? 0).toLocaleString('en');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const count = creditCount(amount, 1);
    setProblem(count.ok ? null : count.error);
    if (!count.ok || busy) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateKey(api, apiKey.id, { credits: direction === 'add' ? { increment: count.value } : { decrement: count.value } }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={`${words.title} ${apiKey.name}`} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <Field
          label={words.label}
          error={problem}
          hint={`${left} left when last written back.${direction === 'take' ? ' Taking more than are left leaves 0.' : ''}`}
        >
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="numeric" autoComplete="off" data-autofocus />
        </Field>
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit={words.submit} working={words.working} />
      </form>
    </Dialog>
  );
}
