import { allWorkspacesIn, formFromQuery, isSuspicious, queryFromForm, queryFromSearch, searchFromQuery, type AuditFilterForm } from './audit-query';

const KEY_ID = '3f0c1e9a-0000-4000-8000-000000000001';
const blank: AuditFilterForm = { type: '', severity: '', apiKeyId: '', userId: '', ip: '', from: '', to: '' };

describe('queryFromSearch / searchFromQuery', () => {
  it('reads the filters from the page URL', () => {
    expect(queryFromSearch(`?apiKeyId=${KEY_ID}&severity=critical&cursor=x`)).toEqual({ apiKeyId: KEY_ID, severity: 'critical' });
  });

  it('ignores a severity the API does not know', () => {
    expect(queryFromSearch('?severity=loud')).toEqual({});
  });

  it('round-trips through the URL', () => {
    const query = { type: 'api_key.used', ip: '10.0.0.1', from: '2026-11-01T00:00:00.000Z' };
    expect(queryFromSearch(searchFromQuery(query))).toEqual(query);
  });

  it('writes no "?" for no filters', () => {
    expect(searchFromQuery({})).toBe('');
  });

  it('keeps "all workspaces" in the URL beside the filters, without counting it as a filter', () => {
    const search = searchFromQuery({ severity: 'critical' }, true);
    expect(search).toBe('?severity=critical&all=true');
    expect(allWorkspacesIn(search)).toBe(true);
    expect(queryFromSearch(search)).toEqual({ severity: 'critical' });
  });

  it('reads the current workspace only, unless all=true says otherwise', () => {
    expect(allWorkspacesIn('?severity=critical')).toBe(false);
    expect(allWorkspacesIn('?all=1')).toBe(false);
  });
});

describe('queryFromForm', () => {
  it('sends nothing for an empty form', () => {
    expect(queryFromForm(blank)).toEqual({ ok: true, query: {} });
  });

  it('trims text and sends dates as ISO instants', () => {
    const result = queryFromForm({ ...blank, type: ' api_key.used ', from: '2026-11-01T08:00', apiKeyId: KEY_ID.toUpperCase() });
    expect(result).toEqual({ ok: true, query: { type: 'api_key.used', apiKeyId: KEY_ID, from: new Date(2026, 10, 1, 8, 0).toISOString() } });
  });

  it('refuses a key id that is not a UUID', () => {
    const result = queryFromForm({ ...blank, apiKeyId: 'kw_a1b2c3d4' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['apiKeyId']);
  });

  it('refuses a range that ends before it starts', () => {
    const result = queryFromForm({ ...blank, from: '2026-11-02T00:00', to: '2026-11-01T00:00' });
    expect(result).toEqual({ ok: false, errors: { to: '“To” must be after “From”' } });
  });

  it('fills the form back from a query', () => {
    const query = { severity: 'warning' as const, to: new Date(2026, 10, 1, 8, 30).toISOString() };
    expect(formFromQuery(query)).toEqual({ ...blank, severity: 'warning', to: '2026-11-01T08:30' });
  });
});

describe('isSuspicious', () => {
  it('marks suspicious.* events only', () => {
    expect(isSuspicious('suspicious.new_ip')).toBe(true);
    expect(isSuspicious('api_key.used')).toBe(false);
  });
});
