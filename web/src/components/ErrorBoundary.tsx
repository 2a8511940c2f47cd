import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}

/** A crash in one page shows a message and a way out instead of a blank screen. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="alert alert--error crash" role="alert">
        <h2>Something went wrong on this page</h2>
        <p>{this.state.error.message || 'An unexpected error occurred.'}</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <a className="button button--secondary" href="/keys">
            Back to API keys
          </a>
        </div>
      </div>
    );
  }
}
