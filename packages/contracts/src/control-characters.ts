// The control-character rule of text people type (text.ts), on its own and without zod, so the
// web app's call can check chat on arrival without loading the API's schemas
// (`@openconnect/contracts/control-characters`).

// C0 and C1 controls and DEL. Multi-line text keeps tab and line feed; nothing else keeps any.
// (Matching control characters is the point of these two, hence the lint exceptions.)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Whether `value` holds no control characters (tab and line feed allowed when `multiline`). */
export function hasNoControlCharacters(value: string, multiline = false): boolean {
  return !(multiline ? CONTROL_BUT_TAB_AND_NEWLINE : CONTROL).test(value);
}
