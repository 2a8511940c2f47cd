#!/usr/bin/env node
// One-off: rewrites test files written for Vitest (globals mode) into Jest 30 ESM tests, so branches
// that added Vitest tests can be merged onto the Jest suite mechanically.
//   node scripts/vitest-to-jest.mjs <file>...
// What it cannot rewrite (vi.mock, vi.stubEnv, …) it reports and leaves for a hand, exiting 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** vi.* members whose jest.* twin takes the same arguments and means the same thing. */
const SAME = [
  'fn', 'spyOn', 'mocked', 'isMockFunction', 'clearAllMocks', 'resetAllMocks', 'restoreAllMocks',
  'useFakeTimers', 'useRealTimers', 'advanceTimersByTime', 'advanceTimersByTimeAsync',
  'advanceTimersToNextTimer', 'advanceTimersToNextTimerAsync', 'runAllTimers', 'runAllTimersAsync',
  'runOnlyPendingTimers', 'runOnlyPendingTimersAsync', 'runAllTicks', 'clearAllTimers', 'getTimerCount',
  'setSystemTime', 'getRealSystemTime', 'isFakeTimers',
];
const GLOBALS = ['describe', 'it', 'test', 'expect', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach'];
const RENAMED = { waitFor: 'waitFor' }; // vi.waitFor(fn) → waitFor(fn) from web/src/test-support (console specs)

/** Replaces `<head>(<condition>)(` with `(<build(condition)>)(`, matching the condition's parentheses. */
function rewriteConditional(text, head, build) {
  let out = '';
  let at = 0;
  for (;;) {
    const start = text.indexOf(`${head}(`, at);
    if (start < 0) return out + text.slice(at);
    if (start > 0 && /[\w$.]/.test(text[start - 1])) {
      out += text.slice(at, start + head.length);
      at = start + head.length;
      continue;
    }
    let depth = 0;
    let end = start + head.length;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    const condition = text.slice(start + head.length + 1, end);
    out += text.slice(at, start) + `(${build(condition)})`;
    at = end + 1;
  }
}

/** The index just past the `)` that closes the `(` at `open`, skipping strings and comments. */
function closingParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '/' && text[i + 1] === '/') i = text.indexOf('\n', i);
    else if (char === '/' && text[i + 1] === '*') i = text.indexOf('*/', i) + 1;
    else if (char === "'" || char === '"' || char === '`') {
      for (i++; i < text.length && text[i] !== char; i++) if (text[i] === '\\') i++;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced parentheses after offset ${open}`);
}

/** Vitest's it(name, { timeout: N }, fn) is Jest's it(name, fn, N). */
function moveTimeoutOption(text) {
  const pattern = /\b(it|test)\((\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`),\s*)\{ timeout: ([\d_]+) \},\s*/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[1].length;
    const withoutOption = text.slice(0, open + 1) + match[2] + text.slice(match.index + match[0].length);
    const close = closingParen(withoutOption, open) - 1;
    text = `${withoutOption.slice(0, close)}, ${match[3]}${withoutOption.slice(close)}`;
    pattern.lastIndex = open;
  }
  return text;
}

function helperImport(file, helper) {
  const target = `${ROOT}web/src/test-support/${helper}`;
  let path = relative(dirname(file), target);
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

export function convert(source, file = `${ROOT}test/x.e2e-spec.ts`) {
  const problems = [];
  let text = source;

  for (const kind of ['describe', 'it', 'test']) {
    text = rewriteConditional(text, `${kind}.skipIf`, (c) => `${c} ? ${kind}.skip : ${kind}`);
    text = rewriteConditional(text, `${kind}.runIf`, (c) => `${c} ? ${kind} : ${kind}.skip`);
  }

  // Vitest types a bare vi.fn() as (...args: any[]) => any, Jest as (...args: unknown[]) => unknown;
  // keep Vitest's typing so the tests type-check unchanged.
  text = text.replace(/\bvi\.fn\(\)/g, 'jest.fn<(...args: any[]) => any>()');
  text = text.replace(/ReturnType<typeof vi\.fn>/g, 'jest.Mock<(...args: any[]) => any>');
  text = moveTimeoutOption(text);

  let needsWaitFor = false;
  text = text.replace(/\bvi\.(\w+)/g, (whole, member) => {
    if (SAME.includes(member)) return `jest.${member}`;
    if (member in RENAMED && relative(ROOT, file).startsWith('web/')) {
      needsWaitFor = true;
      return RENAMED[member];
    }
    problems.push(member === 'waitFor' ? 'vi.waitFor: use eventually() from test/helpers/factories.js' : `vi.${member} has no mechanical Jest equivalent`);
    return whole;
  });
  text = text.replace(/\.toThrowError\(/g, '.toThrow(');

  // Imports from vitest: describe/it/expect/… are Jest globals (the global expect takes Vitest's
  // message argument, test/jest/expect-message.ts), vi becomes jest, mock types come from jest-mock.
  text = text.replace(/^import (type )?\{([^}]*)\} from 'vitest';\n/gm, (_whole, typeOnly, names) => {
    const list = names.split(',').map((name) => name.trim()).filter(Boolean);
    const types = list.filter((name) => /^(type )?(Mock|MockInstance|Mocked|MockedFunction|MockedClass)\b/.test(name) || typeOnly);
    const values = list.filter((name) => !types.includes(name) && name !== 'vi' && !GLOBALS.includes(name));
    for (const name of values) problems.push(`${name} imported from vitest has no mechanical Jest equivalent`);
    let lines = '';
    if (list.includes('vi')) lines += `import { jest } from '@jest/globals';\n`;
    if (types.length) lines += `import type { ${types.map((name) => name.replace(/^type /, '')).join(', ')} } from 'jest-mock';\n`;
    return lines;
  });
  if (/from 'vitest(\/\w+)?'/.test(text)) problems.push(`an import from vitest is left (${text.match(/from 'vitest[^']*'/)[0]})`);

  const header = [];
  if (/\bjest\./.test(text) && !/import \{[^}]*\bjest\b[^}]*\} from '@jest\/globals'/.test(text)) {
    header.push(`import { jest } from '@jest/globals';`);
  }
  if (needsWaitFor && !/import \{[^}]*\bwaitFor\b/.test(text)) {
    header.push(`import { waitFor } from '${helperImport(file, 'wait-for')}';`);
  }
  if (header.length) text = `${header.join('\n')}\n${text}`;
  return { text, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const source = readFileSync(file, 'utf8');
    const { text, problems } = convert(source, new URL(file, `file://${process.cwd()}/`).pathname);
    if (text !== source) writeFileSync(file, text);
    for (const problem of problems) {
      failed = true;
      console.error(`${file}: ${problem}`);
    }
    console.log(`${text === source ? 'unchanged' : 'converted'} ${file}`);
  }
  process.exit(failed ? 1 : 0);
}
