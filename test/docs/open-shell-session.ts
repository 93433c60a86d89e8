/**
 * One bash process that runs a page's steps one after the other, as a reader's terminal would:
 * variables, functions, arrays, the working directory and `$?` carry from one step to the next.
 * Each step is written to a file and sourced with its standard input from /dev/null (a command
 * that reads standard input cannot swallow the next steps) and its standard output and error
 * together in one file, in the order they were written, as a terminal shows them.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a step printed and its exit status. */
export interface StepResult {
  output: string;
  status: number;
}

/** A running bash. */
export interface ShellSession {
  /** Runs `script`; rejects when it does not finish within `timeoutMs` or bash exits. */
  run(script: string, timeoutMs: number): Promise<StepResult>;
  /** Stops bash and everything it started. */
  close(): void;
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** Starts bash in `cwd` with exactly `env`, runs `preamble`, and keeps its files in `controlDir`. */
export function openShellSession(options: { cwd: string; env: Record<string, string>; controlDir: string; preamble: string }): ShellSession {
  const bash = spawn('bash', ['--noprofile', '--norc'], { cwd: options.cwd, env: options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let received = '';
  let errors = '';
  let exited: string | undefined;
  const waiting = new Set<() => void>();
  const notify = (): void => {
    for (const wake of waiting) wake();
  };
  bash.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
    notify();
  });
  bash.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  bash.on('exit', (code, signal) => {
    exited = `bash exited (${signal ?? `status ${code}`})${errors === '' ? '' : `: ${errors.trim()}`}`;
    notify();
  });
  bash.stdin.on('error', () => undefined);
  bash.stdin.write(`${options.preamble}\n__docs_test_status() { return "$1"; }\n`);
  let count = 0;
  let status = 0;
  const kill = (): void => {
    if (exited !== undefined || bash.pid === undefined) return;
    try {
      process.kill(-bash.pid, 'SIGKILL');
    } catch {
      bash.kill('SIGKILL');
    }
  };
  return {
    async run(script, timeoutMs) {
      count++;
      const file = path.join(options.controlDir, `step-${count}.sh`);
      const output = path.join(options.controlDir, `step-${count}.out`);
      const marker = `__DOCS_TEST_DONE_${count}__`;
      await writeFile(file, `__docs_test_status ${status}\n${script}\n`);
      bash.stdin.write(`{ source ${quote(file)}; } </dev/null >${quote(output)} 2>&1; printf '\\n%s %s\\n' ${marker} "$?"\n`);
      const done = new RegExp(`\\n${marker} (\\d+)\\n`);
      const found = await new Promise<RegExpExecArray>((resolve, reject) => {
        const check = (): void => {
          const match = done.exec(received);
          if (match !== null) finish(() => resolve(match));
          else if (exited !== undefined) finish(() => reject(new Error(exited)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`the step did not finish within ${timeoutMs / 1000} s`))), timeoutMs);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          waiting.delete(check);
          settle();
        };
        waiting.add(check);
        check();
      }).catch(async (error: unknown) => {
        kill();
        const partial = await readFile(output, 'utf8').catch(() => '');
        throw new Error(`${error instanceof Error ? error.message : String(error)}${partial === '' ? '' : `; it printed:\n${partial}`}`);
      });
      received = received.slice(found.index + found[0].length);
      status = Number(found[1]);
      return { output: await readFile(output, 'utf8'), status };
    },
    close: kill,
  };
}
