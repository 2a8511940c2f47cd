import { Field } from '../components/Field';
import { MIN_PASSWORD } from './new-password';

interface NewPasswordFieldsProps {
  password: string;
  repeated: string;
  onPassword(value: string): void;
  onRepeated(value: string): void;
  /** What newPasswordProblem() found before sending (too short, not repeated alike). */
  problem: string | null;
  /** The server's refusal of the new password, shown at its field. */
  refused: string | null;
  autoFocus?: boolean;
}

/** A new password typed twice, with what is wrong with it: changing it and setting it from a reset link ask alike. */
export function NewPasswordFields({ password, repeated, onPassword, onRepeated, problem, refused, autoFocus }: NewPasswordFieldsProps) {
  return (
    <>
      <Field label="New password" hint={`At least ${MIN_PASSWORD} characters.`} error={refused}>
        <input type="password" value={password} onChange={(e) => onPassword(e.target.value)} autoComplete="new-password" autoFocus={autoFocus} />
      </Field>
      <Field label="Repeat the new password">
        <input type="password" value={repeated} onChange={(e) => onRepeated(e.target.value)} autoComplete="new-password" />
      </Field>
      {problem && (
        <p className="alert alert--error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
