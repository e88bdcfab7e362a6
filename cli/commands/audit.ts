/** `liaison audit verify`: recompute the audit hash chain and check its signed checkpoints. */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { auditPageSchema, auditVerifySchema, type AuditVerify } from '../../domain/api.ts';
import type { ApiClient } from '../api.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { ExitCode } from '../errors.ts';
import type { DirectTransport } from '../transport.ts';
import { plural, print, printJson } from '../output.ts';

/** Below this many events verification takes a moment at most: no progress bar. */
const PROGRESS_THRESHOLD = 5_000;

/**
 * In direct mode the CLI calls the service the API route calls (same authorisation, same
 * checkpoint), because an in-process request cannot report progress while it runs.
 */
async function verifyInProcess(api: ApiClient, transport: DirectTransport): Promise<AuditVerify> {
  const { verifyAuditAs } = await import('../../server/modules/audit/audit.service.ts');
  let bar: cliProgress.SingleBar | undefined;
  if (process.stderr.isTTY) {
    // The newest event's sequence number is the length of an unbroken chain.
    const total = (await api.get(auditPageSchema, '/api/v1/audit?limit=1')).events[0]?.seq ?? 0;
    if (total >= PROGRESS_THRESHOLD) {
      bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: 'Verifying the audit chain [{bar}] {percentage}% | {value}/{total} events', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    }
  }
  try {
    return await verifyAuditAs(transport.runtime.deps, transport.actor, (checked) => bar?.update(checked));
  } finally {
    bar?.stop();
  }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('check the tamper-evident audit log');

  addJsonOption(
    addDataDirOption(
      audit
        .command('verify')
        .description('recompute the hash chain and check the signed checkpoints; names the first bad event and exits 1 if the log was altered')
        .addHelpText('after', '\nA successful verification records a new signed checkpoint.'),
    ),
    'the result',
  ).action(async (options: { json?: boolean }, command: Command) => {
    const result = await withApi(command, (api) => {
      const { transport } = api;
      return transport.mode === 'direct' ? verifyInProcess(api, transport) : api.get(auditVerifySchema, '/api/v1/audit/verify');
    });
    if (!result.ok) process.exitCode = ExitCode.failed;
    if (options.json) return printJson(result);
    if (result.ok) print(`Audit chain intact: ${plural(result.checked, 'event')} checked`);
    else if (result.firstBad) print(`Audit chain BROKEN at event ${result.firstBad.seq}: ${result.firstBad.reason}`);
    else print(`Audit chain BROKEN (${plural(result.checked, 'event')} checked)`);
  });
}
