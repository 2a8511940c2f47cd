import type { ReactNode } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}

/** A page the caller's permissions do not open: which permission it needs, and what does not grant it (`notGrantedBy`: "your roles do not grant"). */
export function NotAvailable({ permission, notGrantedBy }: { permission: string; notGrantedBy: string }) {
  return (
    <section className="page">
      <h1 tabIndex={-1}>Not available</h1>
      <p className="alert alert--info">
        This page needs the <code>{permission}</code> permission, which {notGrantedBy}.
      </p>
    </section>
  );
}
