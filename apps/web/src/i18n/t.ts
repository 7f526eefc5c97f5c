// Message lookup: `t(key, params)` returns the English text for a catalogue key, with `{name}`
// placeholders filled in. The parameter names are checked by the compiler from the catalogue.
import { en } from './en.ts';

export type MessageKey = keyof typeof en;

/** The placeholder names in a message, e.g. `'Hello {name}'` gives `'name'`. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

/** Keys of messages without placeholders: safe to pick at run time from a table. */
export type PlainKey = {
  [K in MessageKey]: [ParamNames<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

type ParamsArg<K extends MessageKey> = [ParamNames<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<ParamNames<(typeof en)[K]>, string | number>];

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
  return interpolate(en[key], params);
}
