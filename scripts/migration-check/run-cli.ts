// The migration check as a command: reads its settings, runs the steps, prints each result as it
// comes and the verdict, and answers an exit code (0 passed, 1 a step failed, 2 bad settings).
// It never prints a stack trace: every failure is a step's named, one-line reason.
import { readSettings, SETTINGS_HELP, SettingsError } from './settings.ts';
import { describeError, runSteps, type CheckReport } from './steps.ts';
import { formatStep, formatVerdict } from './report.ts';
import { checkPlan } from './check-plan.ts';

export const EXIT = { passed: 0, failed: 1, badSettings: 2 } as const;

export interface CliResult {
  readonly exitCode: number;
  readonly report: CheckReport | undefined;
}

/** Runs the check against the deployment `env` describes, writing lines to `print`. */
export async function runCli(
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<CliResult> {
  let settings;
  try {
    settings = readSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    print(error.message);
    print('');
    print(SETTINGS_HELP);
    return { exitCode: EXIT.badSettings, report: undefined };
  }
  const target = `${settings.publicUrl} with LiveKit ${settings.livekit.url}`;
  print(`OpenConnect migration check: ${target}`);
  const visit = checkPlan(settings);
  let report: CheckReport;
  try {
    report = await runSteps(target, visit.steps, settings.stepTimeoutMs, (result) =>
      print(formatStep(result)),
    );
  } catch (error) {
    // runSteps catches each step's errors; reaching here is a bug in the check itself.
    print(`Migration check FAILED: the check itself broke: ${describeError(error)}`);
    await visit.cleanUp();
    return { exitCode: EXIT.failed, report: undefined };
  }
  await visit.cleanUp();
  print(formatVerdict(report));
  return { exitCode: report.ok ? EXIT.passed : EXIT.failed, report };
}
