import { ndjsonValues } from './ndjson.js';

const encoder = new TextEncoder();

/** A stream of these chunks; records whether its reader cancelled it. */
function streamOf(chunks: Uint8Array[]) {
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled < chunks.length) controller.enqueue(chunks[state.pulled++]);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of values) out.push(value);
  return out;
}

describe('ndjsonValues', () => {
  it('yields one value per line, skipping blank lines', async () => {
    const { stream } = streamOf([encoder.encode('{"a":1}\n\n{"a":2}\n')]);
    expect(await collect(ndjsonValues(stream))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('joins a line and a UTF-8 character split across chunks', async () => {
    const bytes = encoder.encode('{"name":"Zoë"}\n{"name":"Ω"}');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of ë
    const { stream } = streamOf([bytes.slice(0, cut), bytes.slice(cut, cut + 5), bytes.slice(cut + 5)]);
    expect(await collect(ndjsonValues(stream))).toEqual([{ name: 'Zoë' }, { name: 'Ω' }]);
  });

  it('reads a last line without a newline', async () => {
    const { stream } = streamOf([encoder.encode('{"a":1}\n{"a":2}')]);
    expect(await collect(ndjsonValues(stream))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('cancels the stream when the reader stops early', async () => {
    const { stream, state } = streamOf([encoder.encode('{"a":1}\n'), encoder.encode('{"a":2}\n'), encoder.encode('{"a":3}\n')]);
    for await (const value of ndjsonValues<{ a: number }>(stream)) if (value.a === 1) break;
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(3);
  });

  it('fails on a line that is not JSON', async () => {
    const { stream } = streamOf([encoder.encode('{"a":1}\nnot json\n')]);
    await expect(collect(ndjsonValues(stream))).rejects.toThrow(SyntaxError);
  });
});
