import type { SessionStore } from './session-store';

const LOCK_NAME = 'keyward-session-refresh';
const CHANNEL_NAME = 'keyward-session';
const SIGNED_OUT = 'signed-out';

/**
 * Tabs share the `kw_refresh` cookie; two tabs refreshing at once would present the same
 * refresh token twice, which the server treats as theft. The Web Locks API makes them take turns.
 */
export function crossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(LOCK_NAME, task) : task();
}

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;

export function announceSignOut() {
  channel?.postMessage(SIGNED_OUT);
}

/** Signing out in one tab signs out the others at once, rather than at their next refresh. */
export function followSignOutsInOtherTabs(store: SessionStore) {
  channel?.addEventListener('message', (event: MessageEvent) => {
    if (event.data === SIGNED_OUT && store.getState().status === 'signed-in') store.forget('You signed out in another tab.');
  });
}
