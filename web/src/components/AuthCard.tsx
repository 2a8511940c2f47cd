import type { ReactNode } from 'react';

/** The card a signed-out visitor sees (sign in, register, a reset link): the brand, the title, then the page. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth" id="main">
      <div className="auth__card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          Keyward
        </div>
        <h1 tabIndex={-1}>{title}</h1>
        {children}
      </div>
    </main>
  );
}
