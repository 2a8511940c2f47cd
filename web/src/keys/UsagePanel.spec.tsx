import { jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { KeyUsage } from '../api/types';
import { fakeApi, renderWithServices } from '../test-support/services';
import type { UsageMetric } from './usage-chart-data';

// uPlot draws on a canvas, which happy-dom lacks; the Chromium journeys check the drawing. Here
// the chart only says which series it was given.
jest.unstable_mockModule('./UsageChart', () => ({
  UsageChart: ({ metrics }: { metrics: UsageMetric[] }) => <output data-testid="chart-series">{metrics.join(' ')}</output>,
}));
const { UsagePanel } = await import('./UsagePanel');

const hourAgo = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000).toISOString();
const USAGE: KeyUsage = {
  totals: { requests: 12, denied: 1, rateLimited: 2, creditsUsed: 30, rateLimitedBy: { default: 2 } },
  series: [{ bucket: hourAgo, requests: 12, denied: 1, rateLimited: 2, creditsUsed: 30, rateLimitedBy: { default: 2 } }],
};
const UNMETERED: KeyUsage = { totals: { ...USAGE.totals, creditsUsed: 0 }, series: [{ ...USAGE.series[0], creditsUsed: 0 }] };

function setup(credits: boolean, usage: KeyUsage = USAGE) {
  const fake = fakeApi((path) => {
    if (path === '/workspaces/w1/api-keys/k1/usage') return usage;
    throw new Error(`unexpected ${path}`);
  });
  renderWithServices(<UsagePanel keyId="k1" credits={credits} />, { api: fake.api, inWorkspace: { permissions: ['keys:read'] } });
  return { ...fake, user: userEvent.setup() };
}

const totals = async () => [...(await screen.findByTestId('usage-totals')).querySelectorAll('div')].map((pair) => `${pair.querySelector('dt')!.textContent} ${pair.querySelector('dd')!.textContent}`);

describe('UsagePanel', () => {
  it('shows the credits used beside the counts for a key with credits: totals, chart and table', async () => {
    const { user } = setup(true);
    expect(await totals()).toEqual(['Requests 12', 'Denied 1', 'Rate-limited 2', 'Credits used 30']);
    expect(screen.getByTestId('chart-series').textContent).toBe('requests denied rateLimited creditsUsed');
    await user.click(screen.getByText('Show as a table'));
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Hour starting', 'Requests', 'Denied', 'Rate-limited', 'Credits used']);
    expect(within(table).getAllByRole('cell').slice(1).map((td) => td.textContent)).toEqual(['12', '1', '2', '30']);
  });

  it('leaves credits out for a key that has none and spent none', async () => {
    setup(false, UNMETERED);
    expect(await totals()).toEqual(['Requests 12', 'Denied 1', 'Rate-limited 2']);
    expect(screen.getByTestId('chart-series').textContent).toBe('requests denied rateLimited');
  });

  it('shows a key with credits that spent none its 0 credits used', async () => {
    setup(true, UNMETERED);
    expect(await totals()).toContain('Credits used 0');
  });

  it('still shows what a key spent in the period after its credits were removed', async () => {
    setup(false);
    expect(await totals()).toContain('Credits used 30');
  });
});
