// The per-field problems of a failed form submission, read from a `VALIDATION_FAILED` error's
// details. Only staff forms use it, so it stays out of the visitor's entry (unlike ApiError).
import { ApiError } from './ApiError.ts';

/** One problem with one field of a request body, as the server reports validation failures. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The per-field issues of a `VALIDATION_FAILED` error, or none. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  if (!Array.isArray(error.details)) return [];
  return error.details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return [{ path: joined, message }];
  });
}
