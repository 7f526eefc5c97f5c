// The app's string catalogue for specs: all of its parts at once (the app loads staff and call
// strings lazily; a spec needs them before any page has), looked up like the app's t().
import { en } from '../../apps/web/src/i18n/en.ts';
import { interpolate, type MessageKey, type ParamsArg } from '../../apps/web/src/i18n/t.ts';

export { en };

/** The English text of a catalogue key, with its placeholders filled in. */
export function t<K extends MessageKey>(key: K, ...args: ParamsArg<K>): string {
  const [params] = args as [Record<string, string | number>?];
  return interpolate(en[key], params);
}
