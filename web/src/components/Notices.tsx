import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Notice {
  id: number;
  text: string;
}

const NoticeContext = createContext<(text: string) => void>(() => undefined);

const NOTICE_MS = 5000;
let nextId = 1;

/** Short confirmations ("Key revoked") announced politely to screen readers. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((text: string) => {
    const notice = { id: nextId++, text };
    setNotices((current) => [...current, notice]);
    setTimeout(() => setNotices((current) => current.filter((n) => n.id !== notice.id)), NOTICE_MS);
  }, []);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      {/* Outside the app root, so a modal making the page inert does not silence it. */}
      {createPortal(
        <div className="notices" role="status" aria-live="polite">
          {notices.map((notice) => (
            <p className="notice" key={notice.id}>
              {notice.text}
            </p>
          ))}
        </div>,
        document.body,
      )}
    </NoticeContext.Provider>
  );
}

export const useNotify = () => useContext(NoticeContext);
