// The report an operator reads: one line per step with its outcome, time and detail, then the
// verdict. Plain text, no colours, so it reads the same in a terminal, a CI log and a ticket.
import type { CheckReport, StepResult } from './steps.ts';

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

const ms = (value: number) =>
  value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;

/** One step's line, e.g. "PASS  sign-in              41 ms  signed in as …". */
export function formatStep(result: StepResult): string {
  const time = result.status === 'skip' && result.ms === 0 ? '' : ms(result.ms);
  return `${LABEL[result.status]}  ${result.name.padEnd(20)} ${time.padStart(8)}  ${result.title}: ${result.detail}`;
}

/** The closing lines: what was checked and whether the gate holds. */
export function formatVerdict(report: CheckReport): string {
  const passed = report.steps.filter((s) => s.status === 'pass').length;
  return report.ok
    ? `Migration check PASSED: ${passed} step(s) passed in ${ms(report.ms)} against ${report.target}.`
    : `Migration check FAILED at step "${report.failedStep}" (${passed} passed before it) in ${ms(report.ms)} against ${report.target}.`;
}
