// The whole check, in order: the deployment's configuration first, then one synthetic visit.
// Every step says what it proved or, on failure, what to look at.
import { createCheckContext } from './check-context.ts';
import { deploymentSteps } from './deployment-steps.ts';
import type { CheckSettings } from './settings.ts';
import type { Step } from './steps.ts';
import { cleanUpVisit, visitSteps } from './visit-steps.ts';

export interface CheckPlan {
  readonly steps: readonly Step[];
  /** Leaves LiveKit and ends the visit if a step failed half-way; never throws. */
  cleanUp(): Promise<void>;
}

/** Builds the check's steps for one deployment. */
export function checkPlan(settings: CheckSettings): CheckPlan {
  const ctx = createCheckContext(settings);
  return {
    steps: [...deploymentSteps(ctx), ...visitSteps(ctx)],
    cleanUp: () => cleanUpVisit(ctx),
  };
}
