import type { AuditRecord } from '../../src/audit/audit-events.js';
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

/** The audit trail as `pacs-desk audit export --json` prints it (the CLI is part of what is tested). */
export async function exportedAudit(dataDir: string): Promise<AuditRecord[]> {
  const { code, stdout, stderr } = await runCliCaptured(['audit', 'export', '--since', '2000-01-01', '--json'], {
    dataDir,
  });
  if (code !== 0) throw new Error(`audit export failed: ${stderr}`);
  return JSON.parse(stdout);
}
