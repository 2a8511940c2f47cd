import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

let lastOpener: HTMLElement | null = null;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  /** Called for Escape and the close button; the owner decides whether to really close. */
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  variant?: 'modal' | 'drawer';
  wide?: boolean;
  testId?: string;
}

/**
 * A modal with the behaviour keyboard and screen-reader users expect: focus moves in, Tab stays
 * inside, Escape asks to close, and focus returns to whatever opened it.
 */
export function Dialog({ title, onClose, children, footer, variant = 'modal', wide = false, testId }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = panel.current;
    // When one dialog replaces another (or React re-runs this effect), focus is nowhere useful:
    // give it back to whoever opened the first dialog.
    const active = document.activeElement as HTMLElement | null;
    const opener = active && active !== document.body && !element?.contains(active) ? active : lastOpener;
    lastOpener = opener;
    const preferred = element?.querySelector<HTMLElement>('[data-autofocus]') ?? element?.querySelector<HTMLElement>(FOCUSABLE);
    (preferred ?? element)?.focus();
    // The page behind a modal is inert: no focus, no clicks, hidden from screen readers.
    const page = document.getElementById('root');
    page?.setAttribute('inert', '');
    document.body.classList.add('has-dialog');
    return () => {
      if (!document.querySelector('.dialog-backdrop')) {
        page?.removeAttribute('inert');
        document.body.classList.remove('has-dialog');
      }
      opener?.focus?.();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    event.stopPropagation();
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className={`dialog-backdrop dialog-backdrop--${variant}`}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog dialog--${variant}${wide ? ' dialog--wide' : ''}`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="dialog__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        {footer && <footer className="dialog__footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
