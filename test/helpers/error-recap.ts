/**
 * A vitest reporter that repeats, as the very last lines of a run, every unhandled error and every failed test
 * with its file and the first lines of its stack. CI keeps only the tail of a long run's output; vitest prints
 * unhandled errors before its summary, where that tail does not reach.
 */
import type { Reporter, TestModule } from 'vitest/node';

type Err = { name?: string; message?: string; stack?: string; VITEST_TEST_PATH?: string; VITEST_TEST_NAME?: string; type?: string };

const head = (s: string | undefined, n: number): string => (s ?? '').split('\n').slice(0, n).map((l) => '    ' + l.trim()).join('\n');

export default class ErrorRecap implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<Err>): void {
    const lines: string[] = [];
    for (const e of unhandled) {
      lines.push(`unhandled ${e.type ?? 'error'} in ${e.VITEST_TEST_PATH ?? '?'}${e.VITEST_TEST_NAME ? ` (test: ${e.VITEST_TEST_NAME})` : ''}: ${e.name ?? 'Error'}: ${e.message ?? ''}`);
      lines.push(head(e.stack, 8));
    }
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state !== 'failed') continue;
        lines.push(`failed: ${m.moduleId} > ${t.fullName}`);
        for (const e of r.errors ?? []) lines.push(`    ${e.message}`, head(e.stack, 4));
      }
      for (const e of m.errors()) lines.push(`module error in ${m.moduleId}: ${e.message}`, head(e.stack, 4));
    }
    if (lines.length) process.stdout.write(`\n--- error recap (repeated here for logs that keep only the tail) ---\n${lines.join('\n')}\n`);
  }
}
