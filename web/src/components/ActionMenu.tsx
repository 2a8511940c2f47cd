import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
}

interface ActionMenuProps {
  /** Accessible name of the toggle, e.g. "Actions for CI deploy". */
  label: string;
  items: MenuItem[];
  onSelect(id: string): void;
}

/**
 * A disclosure button with a short list of actions. The list is fixed-positioned so a
 * scrolling table cannot clip it.
 */
export function ActionMenu({ label, items, onSelect }: ActionMenuProps) {
  const [position, setPosition] = useState<{ top: number; right: number } | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  const open = position !== null;

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector('button')?.focus();
    const closeOnOutside = (event: Event) => {
      const target = event.target as Node;
      if (!list.current?.contains(target) && !toggle.current?.contains(target)) setPosition(null);
    };
    const closeNow = () => setPosition(null);
    document.addEventListener('mousedown', closeOnOutside);
    window.addEventListener('resize', closeNow);
    window.addEventListener('scroll', closeNow, true);
    return () => {
      document.removeEventListener('mousedown', closeOnOutside);
      window.removeEventListener('resize', closeNow);
      window.removeEventListener('scroll', closeNow, true);
    };
  }, [open]);

  function openMenu() {
    const rect = toggle.current!.getBoundingClientRect();
    setPosition({ top: rect.bottom + 4, right: Math.max(8, window.innerWidth - rect.right) });
  }

  function closeAndRefocus() {
    setPosition(null);
    toggle.current?.focus();
  }

  function onListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.stopPropagation();
      closeAndRefocus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      buttons[(index + step + buttons.length) % buttons.length]?.focus();
    } else if (event.key === 'Tab') {
      setPosition(null);
    }
  }

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="button button--secondary button--small"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => (open ? setPosition(null) : openMenu())}
      >
        Actions <span aria-hidden="true">▾</span>
      </button>
      {position && (
        <ul ref={list} id={listId} className="action-menu" style={position} onKeyDown={onListKeyDown}>
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.danger ? 'action-menu__item action-menu__item--danger' : 'action-menu__item'}
                onClick={() => {
                  closeAndRefocus();
                  onSelect(item.id);
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
