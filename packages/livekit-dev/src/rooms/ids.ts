// LiveKit-style identifiers: a type prefix and 12 random base62 characters (RM_, PA_, TR_, EG_, EV_).
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Prefixes LiveKit uses for the ids it hands out. */
export type IdPrefix = 'RM_' | 'PA_' | 'TR_' | 'EG_' | 'EV_';

/** Returns a new id such as `RM_x8Kq2L0pZ3aB`. */
export function newId(prefix: IdPrefix): string {
  const bytes = randomBytes(12);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}
