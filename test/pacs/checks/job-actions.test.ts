import { describe, expect, it } from 'vitest';
import { writesAllowed } from '../../../src/pacs/checks/check-settings.js';
import { describeJobAction } from '../../../src/pacs/checks/job-action.js';
import { jobCancelCheck, jobRetryCheck } from '../../../src/pacs/checks/job-checks.js';
import type { TaskState } from '../../../src/pacs/types.js';
import { fakeConnector, fakeContext, siteConfig, task } from './fakes.js';

const failedId = '6c97cdb9-0d4e-4c1f-9e55-3a1b2c3d4e5f';
const tasks = [
  task({ id: failedId, state: 'failed', error: 'TCP Initialization Error: Connection refused' }),
  task({ id: 'run-1', state: 'running' }),
  task({ id: 'done-1', state: 'succeeded' }),
  task({ id: '1042', state: 'pending', queue: 'Export1', target: 'STORESCP', kind: 'export' }),
];

function setup(allowWrites: boolean, writes = true) {
  const main = fakeConnector(siteConfig('main'), { tasks, writes });
  return { main, ctx: fakeContext([main], { allowWrites }) };
}

describe('writesAllowed', () => {
  it('is true only for an explicit true', () => {
    expect(writesAllowed({ allowWrites: true })).toBe(true);
    expect(writesAllowed({ allowWrites: false })).toBe(false);
    expect(writesAllowed(undefined)).toBe(false);
    expect(writesAllowed({ allowWrites: 'true' as unknown as boolean })).toBe(false);
  });
});

describe('job retry and cancel', () => {
  it.each([jobRetryCheck, jobCancelCheck])(
    '$command refuses while writes are off and touches nothing',
    async (check) => {
      const { main, ctx } = setup(false);
      const taskId = check === jobRetryCheck ? failedId : 'run-1';
      expect(await check.run(ctx, { taskId })).toMatchObject({ ok: false, reason: 'writes_disabled' });
      expect(await check.describe?.(ctx, { taskId })).toMatchObject({ ok: false, reason: 'writes_disabled' });
      expect(main.calls).toMatchObject({ retry: [], cancel: [], listTasks: 0 });
    },
  );

  it('describes what will happen, for the confirm button', async () => {
    const { ctx } = setup(true);
    expect(await jobRetryCheck.describe?.(ctx, { taskId: failedId })).toEqual({
      ok: true,
      text: 'Resubmit failed job 6c97… (DicomModalityStore → STORESCP)',
    });
    expect(await jobCancelCheck.describe?.(ctx, { taskId: '1042' })).toEqual({
      ok: true,
      text: 'Cancel pending job 1042 (Export1 → STORESCP)',
    });
  });

  it('resubmits a failed job once', async () => {
    const { main, ctx } = setup(true);
    expect(await jobRetryCheck.run(ctx, { taskId: failedId })).toEqual({
      ok: true,
      action: 'retry',
      site: 'main',
      taskId: failedId,
      description: 'Resubmit failed job 6c97… (DicomModalityStore → STORESCP)',
    });
    expect(main.calls.retry).toEqual([failedId]);
  });

  it('cancels a running job once', async () => {
    const { main, ctx } = setup(true);
    expect(await jobCancelCheck.run(ctx, { taskId: 'run-1' })).toMatchObject({ ok: true, action: 'cancel' });
    expect(main.calls.cancel).toEqual(['run-1']);
  });

  it.each<[string, string, TaskState | 'missing']>([
    ['retry', 'run-1', 'running'],
    ['retry', 'done-1', 'succeeded'],
    ['cancel', failedId, 'failed'],
    ['cancel', 'done-1', 'succeeded'],
    ['retry', 'nope', 'missing'],
  ])('%s refuses job %s (%s)', async (action, taskId, state) => {
    const { main, ctx } = setup(true);
    const check = action === 'retry' ? jobRetryCheck : jobCancelCheck;
    const result = await check.run(ctx, { taskId });
    expect(result).toMatchObject({ ok: false, reason: state === 'missing' ? 'not_found' : 'wrong_state' });
    expect(main.calls).toMatchObject({ retry: [], cancel: [] });
  });

  it('says when a connector cannot do it', async () => {
    const { ctx } = setup(true, false);
    expect(await jobRetryCheck.run(ctx, { taskId: failedId })).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('does not retry a write the archive refused, and shows no error text', async () => {
    const main = fakeConnector(siteConfig('main'), { tasks });
    main.retryTask = async () => {
      throw new Error('HTTP 500 from http://10.9.9.9:8042/jobs/x/resubmit');
    };
    const result = await jobRetryCheck.run(fakeContext([main], { allowWrites: true }), { taskId: failedId });
    expect(result).toMatchObject({ ok: false, reason: 'failed' });
    expect(JSON.stringify(result)).not.toContain('10.9.9.9');
  });

  it('refuses malformed ids before asking the archive', async () => {
    const { main, ctx } = setup(true);
    expect(jobRetryCheck.parse('../jobs/x', ctx)).toMatchObject({ ok: false, reason: 'usage' });
    await expect(jobRetryCheck.run(ctx, { taskId: 'a&b' })).rejects.toMatchObject({ code: 'bad_input' });
    expect(main.calls.listTasks).toBe(0);
  });

  it('formats destinations', () => {
    expect(
      describeJobAction('cancel', task({ id: 'abc', state: 'paused', queue: 'Retrieve1', target: undefined })),
    ).toBe('Cancel paused job abc (Retrieve1)');
  });
});
