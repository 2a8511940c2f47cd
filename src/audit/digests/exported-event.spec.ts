import { ndjsonLine } from '../review/audit-event.view.js';
import { CHAIN, exportedChain } from './digests.fixture.js';
import { walkChain } from './export-chain-walk.js';
import { ExportFormatError, parseExport } from './exported-event.js';

/** Rows as the export reads them from PostgreSQL: seq is bigint text, occurredAt a Date. */
const rows = exportedChain(3).map((event) => ({ ...event, seq: String(event.seq) }));

describe('an ndjson export line', () => {
  it('reads back into events whose every hash recomputes from the line alone', () => {
    const events = parseExport(rows.map(ndjsonLine).join(''));
    expect(events.map((event) => event.seq)).toEqual([10, 20, 30]);
    expect(walkChain(CHAIN, events).failure).toBeUndefined();
  });

  it('names the line that is not an event', () => {
    const text = `${ndjsonLine(rows[0])}{"id":"x"}\n`;
    expect(() => parseExport(text)).toThrow(ExportFormatError);
    expect(() => parseExport(text)).toThrow(/^line 2: type is not a string \(event x\)$/);
    expect(() => parseExport('not json\n')).toThrow('line 1 is not JSON');
  });
});
