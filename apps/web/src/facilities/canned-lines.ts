// The canned-messages text box as a list: one message per line, blank lines dropped, checked
// against the server's limits before saving so the administrator hears what is wrong at once.

/** How many canned messages a facility keeps, and how long each may be (as the contracts say). */
export const CANNED_PER_FACILITY = 10;
export const CANNED_MAX = 200;

/** The messages of the text box, or undefined when they break the limits (too many, too long, repeated). */
export function cannedLines(text: string): string[] | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length > CANNED_PER_FACILITY) return undefined;
  if (lines.some((line) => line.length > CANNED_MAX)) return undefined;
  if (new Set(lines).size !== lines.length) return undefined;
  return lines;
}
