import { runCli } from '../../src/cli/index.js';
import type { CliIo } from '../../src/cli/io.js';

/** Runs the CLI in-process against `dataDir` (and any extra env); returns exit code and output. */
export async function runCliCaptured(
  argv: string[],
  options: { dataDir: string; env?: NodeJS.ProcessEnv; cwd?: string },
) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { DATA_DIR: options.dataDir, ...options.env },
    cwd: options.cwd ?? options.dataDir,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
