import { csvField, csvLine, ndjsonLine, type AuditEventView } from './audit-event.view.js';

const event: AuditEventView = {
  id: 'e1',
  occurredAt: new Date('2026-11-23T10:00:00.000Z'),
  type: 'api_key.used',
  severity: 'info',
  userId: null,
  apiKeyId: 'k1',
  keyPrefix: 'kw_a1b2c3d4',
  ip: '127.0.0.1',
  userAgent: 'curl/8, "quoted"',
  method: 'GET',
  path: '/api/v1/contents',
  statusCode: 200,
  details: { latencyMs: 1.5 },
  workspaceId: null,
};

describe('CSV export', () => {
  it('writes one RFC 4180 line per event, quoting commas and quotes', () => {
    expect(csvLine(event)).toBe(
      'e1,2026-11-23T10:00:00.000Z,api_key.used,info,,k1,kw_a1b2c3d4,127.0.0.1,"curl/8, ""quoted""",GET,/api/v1/contents,200,"{""latencyMs"":1.5}",\r\n',
    );
  });

  it('defuses spreadsheet formulas in user-controlled text', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('keeps line breaks inside a quoted field', () => {
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });
});

describe('NDJSON export', () => {
  it('writes one JSON object per line', () => {
    expect(JSON.parse(ndjsonLine(event))).toEqual({ ...event, occurredAt: '2026-11-23T10:00:00.000Z' });
    expect(ndjsonLine(event).endsWith('}\n')).toBe(true);
  });
});
