// Message lookup: `t(key, params)` returns the English text for a catalogue key, with `{name}`
// placeholders filled in. The parameter names are checked by the compiler from the catalogue.
// The catalogue is one (en.ts) but ships in parts: the visitor's strings are always here; staff
// and call strings arrive with the lazily loaded pages that use them (`withMessages`).
import type { en } from './en.ts';
import { visitor } from './en/visitor.ts';

type Catalogue = typeof en;
export type MessageKey = keyof Catalogue;

/** The placeholder names in a message, e.g. `'Hello {name}'` gives `'name'`. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

/** Keys of messages without placeholders: safe to pick at run time from a table. */
export type PlainKey = {
  [K in MessageKey]: [ParamNames<Catalogue[K]>] extends [never] ? K : never;
}[MessageKey];

export type ParamsArg<K extends MessageKey> = [ParamNames<Catalogue[K]>] extends [never]
  ? []
  : [params: Record<ParamNames<Catalogue[K]>, string | number>];

/** The parts of the catalogue loaded on demand. */
const parts = {
  staff: () => import('./en/staff.ts').then((m) => m.staff),
  call: () => import('./en/call.ts').then((m) => m.call),
  outcomes: () => import('./en/waiting-outcomes.ts').then((m) => m.waitingOutcomes),
};

export type MessagePart = keyof typeof parts;

const messages: Partial<Record<MessageKey, string>> = { ...visitor };
const loading = new Map<MessagePart, Promise<void>>();
const reported = new Set<string>();

/** Loads parts of the catalogue (once each); resolves when their strings can be used. */
export function loadMessages(...names: MessagePart[]): Promise<void> {
  return Promise.all(
    names.map((name) => {
      let promise = loading.get(name);
      if (!promise) {
        promise = parts[name]().then((part) => void Object.assign(messages, part));
        // A failed load (offline) may be tried again by the next page that needs the part.
        promise.catch(() => loading.delete(name));
        loading.set(name, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

/** Wraps a lazy page import so the page resolves only once its catalogue parts are loaded. */
export function withMessages<T>(names: MessagePart[], load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadMessages(...names)]).then(([module]) => module);
}

/** Fills `{name}` placeholders in a template; unknown placeholders are left as they are. */
export function interpolate(
  template: string,
  params: Record<string, string | number> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The text for a catalogue key, with its placeholders filled in. */
export function t<K extends MessageKey>(key: K, ...args: ParamsArg<K>): string {
  const [params] = args as [Record<string, string | number>?];
  const template = messages[key];
  if (template === undefined) {
    // A page used a string of a part it did not load: a bug, shown as the key rather than a crash.
    if (!reported.has(key)) {
      reported.add(key);
      console.error(`i18n: "${key}" used before its part loaded`);
    }
    return key;
  }
  return interpolate(template, params);
}
