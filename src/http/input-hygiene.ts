import { storableText } from '../common/storable-text.js';
import type { FieldError } from './validation.js';

/** Deeper than any request Keyward reads (metadata included), far shallower than class-transformer's recursion can bear. */
export const MAX_JSON_DEPTH = 32;

/** A request that breaks every rule at once still gets a bounded answer. */
const MAX_PROBLEMS = 10;
const MAX_SEGMENT_LENGTH = 64;

export const NESTING_MESSAGE = `must not be nested more than ${MAX_JSON_DEPTH} levels deep`;
export const NUL_MESSAGE = 'must not contain NUL characters';
export const ILL_FORMED_MESSAGE = 'must be well-formed Unicode (no lone surrogates)';
const KEY_SUFFIX = ' (in a field name)';
export const ROOT_NAME = '(body)';

/**
 * Whether JSON text nests containers deeper than `maxDepth` (`{}` is 1, `{"a": []}` is 2), read
 * before JSON.parse: parsing 1 MiB of `[` holds the event loop ~150 ms and class-transformer
 * then overflows its stack, while this scan stops at the first bracket too many. Strings are
 * skipped with indexOf, so an ordinary body costs a fraction of its parse. Malformed text may
 * answer either way; JSON.parse refuses it next.
 */
export function jsonNestsDeeperThan(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      index = closingQuote(text, index);
      if (index === -1) return false;
    } else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The index of the quote closing the string opened at `start`: one preceded by an even run of backslashes. */
function closingQuote(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/** A container still to read, and where it sits: the path is only spelled out for a problem. */
interface Container {
  value: object;
  parent?: Container;
  key?: string | number;
}

/**
 * What PostgreSQL cannot store, in any string of a parsed body or query, object keys included:
 * text refuses NUL, jsonb refuses lone surrogates. The walk keeps its own stack, so depth never
 * touches the call stack, and allocates only per container, so a 1 MiB array of numbers costs
 * next to nothing.
 */
export function inputProblems(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  if (typeof input === 'string') {
    const message = stringProblem(input);
    return message ? [{ field: ROOT_NAME, message }] : [];
  }
  if (!isContainer(input)) return problems;
  const pending: Container[] = [{ value: input }];
  while (pending.length && problems.length < MAX_PROBLEMS) {
    const container = pending.pop()!;
    const children: Container[] = [];
    const inspect = (child: unknown, key: string | number) => {
      if (typeof child === 'string') {
        const message = stringProblem(child);
        if (message) problems.push({ field: fieldName(container, key), message });
      } else if (isContainer(child)) {
        children.push({ value: child, parent: container, key });
      }
    };
    const { value } = container;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) inspect(value[index], index);
    } else {
      for (const key of Object.keys(value)) {
        const keyProblem = stringProblem(key);
        if (keyProblem) problems.push({ field: fieldName(container, key), message: keyProblem + KEY_SUFFIX });
        else inspect((value as Record<string, unknown>)[key], key);
      }
    }
    // Reversed onto the stack, so nested containers are read (and reported) in document order.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function stringProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return NUL_MESSAGE;
  if (!value.isWellFormed()) return ILL_FORMED_MESSAGE;
  return undefined;
}

/**
 * `metadata.a.0.b`, as class-validator names nested fields. A key echoed back is made printable
 * and short, and a path no longer than the deepest body allowed: the answer must not carry the
 * very characters it refuses, nor grow with the input.
 */
function fieldName(container: Container, key?: string | number): string {
  const segments = key === undefined ? [] : [key];
  for (let at: Container | undefined = container; at?.key !== undefined; at = at.parent) segments.push(at.key);
  const named = segments.reverse().slice(0, MAX_JSON_DEPTH).map((segment) => safeSegment(String(segment)));
  return segments.length > MAX_JSON_DEPTH ? `${named.join('.')}…` : named.join('.');
}

function safeSegment(segment: string): string {
  // The very characters refused (NUL, lone surrogates) become U+FFFD, as in stored audit text.
  const printable = storableText(segment);
  return printable.length > MAX_SEGMENT_LENGTH ? `${printable.slice(0, MAX_SEGMENT_LENGTH)}…` : printable;
}
