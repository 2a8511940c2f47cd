import { jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { ErrorBoundary } from './ErrorBoundary';

function Crashing(): never {
  throw new Error('Cannot read properties of undefined');
}

describe('ErrorBoundary', () => {
  it('shows the crash message instead of a blank screen', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Crashing />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong on this page');
    expect(screen.getByRole('alert').textContent).toContain('Cannot read properties of undefined');
    expect(screen.getByRole('link', { name: 'Back to API keys' })).toBeTruthy();
  });
});
