import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { App } from './app/App';
import { ServicesProvider } from './app/session-context';
import { createAuthApi } from './auth/auth-api';
import { announceSignOut, crossTabLock, followSignOutsInOtherTabs } from './auth/cross-tab';
import { createSessionStore } from './auth/session-store';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NoticeProvider } from './components/Notices';
import './styles/app.css';

const session = createSessionStore({ authApi: createAuthApi(), lock: crossTabLock, onSignedOut: announceSignOut });
const api = createApiClient(session);
followSignOutsInOtherTabs(session);
void session.restore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <ServicesProvider session={session} api={api}>
        <NoticeProvider>
          <App />
        </NoticeProvider>
      </ServicesProvider>
    </ErrorBoundary>
  </StrictMode>,
);
