// What a queue card says when one of its requests fails: letting someone into a full call names
// the numbers; anything else gets the usual sentence for its code.
import type { CallCapacity } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';

/** The sentence for a failed queue action. */
export function queueErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ROOM_FULL') {
    const capacity = error.details as Partial<CallCapacity> | undefined;
    if (capacity?.max) {
      return t('console.admit.full', {
        present: capacity.present ?? capacity.max,
        max: capacity.max,
      });
    }
  }
  return errorMessage(error);
}
