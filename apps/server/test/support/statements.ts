// The statements the server really sends to its database (the embedded database's prepared
// statements and its query and exec, node-postgres's query), recorded while an action runs: what
// the cost tests count.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PreparedStatements } from '../../src/storage/pglite-dialect.ts';

const sent: string[] = [];
let recording = false;
let installed = false;

function wrap(prototype: object, method: string): void {
  const original = Reflect.get(prototype, method) as (...args: unknown[]) => unknown;
  Object.defineProperty(prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: unknown, ...args: unknown[]) {
      if (recording) {
        const query = args[0];
        const text =
          typeof query === 'object' && query !== null && 'text' in query
            ? String(query.text)
            : String(query);
        sent.push(text.replace(/\s+/g, ' ').trim());
      }
      return original.apply(this, args);
    },
  });
}

/** The statements sent while `action` ran, whitespace collapsed, in order. */
export async function statementsSent(action: () => Promise<unknown>): Promise<string[]> {
  if (!installed) {
    wrap(PreparedStatements.prototype, 'run');
    wrap(PGlite.prototype, 'query');
    wrap(PGlite.prototype, 'exec');
    wrap(pg.Client.prototype, 'query');
    installed = true;
  }
  sent.length = 0;
  recording = true;
  try {
    await action();
  } finally {
    recording = false;
  }
  return [...sent];
}

/** Whether a statement writes. */
export const writes = (statement: string): boolean => /\b(insert|update|delete)\b/i.test(statement);
