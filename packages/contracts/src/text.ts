// Text people type: the one set of rules every free-text field of the API shares. A NUL byte
// cannot be stored in PostgreSQL (it failed as a 500 deep in the database), and control or bidi
// characters in a name make a staff screen lie about who is knocking; both are refused at the
// edge with 400 VALIDATION_FAILED.
import { z } from 'zod';
import { hasNoControlCharacters } from './control-characters.ts';

// Bidi embeddings, overrides and isolates: they reorder what follows on screen.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// A letter, digit, punctuation or symbol: what makes a name something a person can read.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export interface TextLimits {
  readonly max: number;
  /** Fewest characters after trimming; 0 allows empty. Default 1. */
  readonly min?: number;
  /** Message for text shorter than `min`. */
  readonly tooShort?: string;
  /** Whether tab and line feed are allowed (messages, reasons). Default false. */
  readonly multiline?: boolean;
}

/** A trimmed free-text field with no control characters: every text field of the API uses it. */
export function PlainText(limits: TextLimits) {
  const { max, min = 1, tooShort, multiline = false } = limits;
  return z
    .string()
    .trim()
    .min(min, tooShort)
    .max(max)
    .refine((value) => hasNoControlCharacters(value, multiline), {
      message: multiline
        ? 'must not contain control characters other than tab and newline'
        : 'must not contain control characters',
    });
}

/** Whether `value` holds no bidi embedding, override or isolate (they reorder the text after). */
export function hasNoDirectionControls(value: string): boolean {
  return !BIDI_CONTROL.test(value);
}

/**
 * Text one person writes to another (a waiting-room message or reply): multi-line, with neither
 * control nor text-direction characters, which could make the other side misread who said what.
 */
export function MessageText(limits: Omit<TextLimits, 'multiline'>) {
  return PlainText({ ...limits, multiline: true }).refine(hasNoDirectionControls, {
    message: 'must not contain text-direction control characters',
  });
}

/** A person's name as others will see it: readable, and unable to reorder the text around it. */
export function DisplayName(limits: Omit<TextLimits, 'multiline'>) {
  return PlainText(limits)
    .refine((value) => !BIDI_CONTROL.test(value), {
      message: 'must not contain text-direction control characters',
    })
    .refine((value) => value === '' || VISIBLE.test(value), {
      message: 'must contain a visible character',
    });
}
