import { defaultCheckSettings } from '../src/pacs/checks/check-settings.js';
import { failureCause } from '../src/pacs/checks/failure-cause.js';
import { summariseQueue } from '../src/pacs/checks/queue.js';
import { sweepUnidentified } from '../src/pacs/checks/unidentified-sweep.js';
import type { QueueTask, StudyRecord, TaskState } from '../src/pacs/types.js';
import { ms, percentile, printTable } from './stats.js';

const now = new Date('2026-11-29T12:00:00Z');
const states: TaskState[] = ['pending', 'running', 'failed', 'succeeded', 'paused', 'canceled'];
const errors = [
  'TCP Initialization Error: Connection refused',
  'DUL network read timeout',
  'Unrecognized PDU type: 48',
];

/** 1,000 synthetic tasks over 40 destinations, half of them in the last 24 h. */
function syntheticTasks(n = 1_000): QueueTask[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `job-${i}`,
    queue: `DicomModalityStore→AE${i % 40}`,
    kind: 'DicomModalityStore',
    state: states[i % states.length] ?? 'pending',
    rawState: 'x',
    target: `AE${i % 40}`,
    createdAt: new Date(now.getTime() - i * 90_000).toISOString(),
    updatedAt: new Date(now.getTime() - i * 60_000).toISOString(),
    error: errors[i % errors.length],
  }));
}

/** 10,000 synthetic studies, about 7 % of them unidentified in some way. */
function syntheticStudies(n = 10_000): StudyRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    site: 'main',
    studyInstanceUid: `2.25.${i}`,
    accession: i % 33 === 0 ? undefined : `SYN${i}`,
    studyDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
    modalities: ['CT'],
    patientId: i % 50 === 0 ? '' : i % 77 === 0 ? 'UNKNOWN' : `SYN-PAT-${i}`,
    patientName: i % 91 === 0 ? 'TRAUMA^X' : `TEST^P${i}`,
  }));
}

/** The straightforward version: one filter per destination and state, sort everything, then slice. */
function naiveQueue(tasks: QueueTask[]) {
  const destinations = [...new Set(tasks.map((t) => t.target ?? t.queue))].map((destination) => {
    const mine = tasks.filter((t) => (t.target ?? t.queue) === destination);
    const count = (s: TaskState) => mine.filter((t) => t.state === s).length;
    return {
      destination,
      pending: count('pending'),
      running: count('running'),
      paused: count('paused'),
      failed: count('failed'),
    };
  });
  const pending = tasks.filter((t) => t.state === 'pending').map((t) => Date.parse(t.createdAt ?? ''));
  const oldest = pending.sort((a, b) => a - b)[0];
  const recent = tasks
    .filter((t) => t.state === 'failed' && now.getTime() - Date.parse(t.updatedAt ?? '') < 86_400_000)
    .sort((a, b) => Date.parse(b.updatedAt ?? '') - Date.parse(a.updatedAt ?? ''))
    .map((t) => ({ id: t.id, cause: failureCause(t.error) }))
    .slice(0, 10);
  return { destinations, oldest, recent };
}

/** The straightforward version: one filter per reason, then a second pass to merge them per study. */
function naiveSweep(records: StudyRecord[]) {
  const missingId = records.filter((r) => !r.patientId?.trim());
  const placeholderId = records.filter((r) =>
    ['UNKNOWN', '0', 'NOID', 'UNK'].includes(r.patientId?.trim().toUpperCase() ?? ''),
  );
  const placeholderName = records.filter((r) => /^(UNKNOWN|ANONYMOUS|TRAUMA|DOE)\b/i.test(r.patientName ?? ''));
  const missingAccession = records.filter((r) => !r.accession?.trim());
  const flagged = records
    .filter((r) => [missingId, placeholderId, placeholderName, missingAccession].some((list) => list.includes(r)))
    .sort((a, b) => (b.studyDate ?? '').localeCompare(a.studyDate ?? ''));
  return flagged.slice(0, 50);
}

function timings(fn: () => unknown, runs: number): number[] {
  for (let i = 0; i < 3; i++) fn();
  return Array.from({ length: runs }, () => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  });
}

export async function run(): Promise<void> {
  const tasks = syntheticTasks();
  const studies = syntheticStudies();
  const queue = timings(() => summariseQueue('main', tasks, now, defaultCheckSettings), 200);
  const queueNaive = timings(() => naiveQueue(tasks), 200);
  const sweep = timings(() => sweepUnidentified(studies, defaultCheckSettings), 30);
  const sweepNaive = timings(() => naiveSweep(studies), 5);
  const row = (label: string, a: number[], b: number[]): [string, string, string] => [
    label,
    `${ms(percentile(a, 50))} (p95 ${ms(percentile(a, 95))})`,
    `${ms(percentile(b, 50))} (p95 ${ms(percentile(b, 95))})`,
  ];
  printTable(
    'PACS checks: pure summarising cost, synthetic data in memory (median, p95)',
    ['PACS Desk (single pass)', 'naive filter/group'],
    [
      row('queue summary, 1,000 tasks', queue, queueNaive),
      row('unidentified sweep, 10,000 studies', sweep, sweepNaive),
    ],
  );
}
