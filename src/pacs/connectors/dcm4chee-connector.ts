import { BotError, ErrorCode } from '../../core/errors.js';
import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import type { AeAlias, EchoResult, PacsConnector, QueueTask, SiteConfig, SiteStatus } from '../types.js';
import { EchoCause, TaskState } from '../types.js';
import { type ConnectorDeps, defaultEchoTimeoutMs, httpClientFor, withBreakers } from './connector-deps.js';
import { type Dcm4cheeTask, dcm4cheeEchoOutcome, dcm4cheeStatusOf, mapDcm4cheeTask } from './dcm4chee-tasks.js';
import { echoDirect } from './direct-echo.js';
import { qidoFindStudies } from './qido-search.js';
import { statusProblem, taskIdPattern } from './site-status.js';
import { timedEcho } from './timed-echo.js';

const monitors = ['export', 'retrieve'] as const;

/**
 * dcm4chee-arc-light 5.x: QIDO at `dicomwebUrl` (`…/aets/DCM4CHEE/rs`, ordered by date server-side),
 * tasks from the named queues plus the export/retrieve monitors, echo via `/aets/{aet}/dimse/{remote}`,
 * health from `/ctrl/status`. Unsecured installs need no auth; secured ones take a Keycloak bearer token.
 * @example createDcm4cheeConnector({ id: 'arc', name: 'Archive', kind: 'dcm4chee', restUrl: 'http://arc:8080/dcm4chee-arc', dicomwebUrl: 'http://arc:8080/dcm4chee-arc/aets/DCM4CHEE/rs', aliases: [] }, { fetch })
 */
export function createDcm4cheeConnector(site: SiteConfig, connectorDeps: ConnectorDeps): PacsConnector {
  if (!site.restUrl || !site.dicomwebUrl) {
    throw new BotError(ErrorCode.ConfigInvalid, `site ${site.id}: a dcm4chee site needs restUrl and dicomwebUrl`);
  }
  const deps = withBreakers(connectorDeps);
  const rest = httpClientFor(site, site.restUrl, deps);
  const qido = httpClientFor(site, site.dicomwebUrl, deps);
  // The archive's own AE title, as in …/aets/{AET}/rs; DCM4CHEE is the product default.
  const localAet = /\/aets\/([^/]+)\/rs\/?$/.exec(site.dicomwebUrl)?.[1] ?? 'DCM4CHEE';
  const enc = encodeURIComponent;

  const queueNames = async () => ((await rest.get<{ name: string }[]>('/queue')) ?? []).map((q) => q.name);

  async function listTasks(options: { limit?: number } = {}): Promise<QueueTask[]> {
    const limit = options.limit ?? 100;
    const query = `limit=${limit}&orderby=-updatedTime`;
    const fetchList = async (path: string, source: string) =>
      ((await rest.get<Dcm4cheeTask[]>(path, query)) ?? []).map((t) => mapDcm4cheeTask(t, source));
    const names = await queueNames();
    const [fromMonitors, fromQueues] = await Promise.all([
      Promise.all(monitors.map((m) => fetchList(`/monitor/${m}`, m))),
      Promise.all(names.map((n) => fetchList(`/queue/${enc(n)}`, n))),
    ]);
    // Export/retrieve tasks also sit in their queues (Export1, Retrieve1…): keep the monitor's copy.
    const seen = new Set(fromMonitors.flat().map((t) => t.id.split('/').pop()));
    const tasks = [...fromMonitors.flat(), ...fromQueues.flat().filter((t) => !seen.has(t.id.split('/').pop()))];
    tasks.sort((a, b) => (b.updatedAt ?? b.createdAt ?? '').localeCompare(a.updatedAt ?? a.createdAt ?? ''));
    return tasks.slice(0, limit);
  }

  async function echo(alias: AeAlias): Promise<EchoResult> {
    if (alias.via === 'direct') return echoDirect(alias, deps);
    return timedEcho(async (ms) => {
      const { status, body } = await rest.request(
        `/aets/${enc(localAet)}/dimse/${enc(alias.pacsName ?? alias.alias)}`,
        {
          method: 'POST',
          answerStatuses: [404],
          timeoutMs: (deps.echoTimeoutMs ?? defaultEchoTimeoutMs) + 2000,
        },
      );
      if (status === 404) return { ok: false, ms: ms(), cause: EchoCause.UnknownAlias };
      const result = (body as { result?: number } | undefined)?.result;
      if (typeof result !== 'number') throw new PacsError(PacsErrorCode.BadResponse, `${site.id} echo: no result code`);
      return { ...dcm4cheeEchoOutcome(result), ms: ms() };
    });
  }

  async function status(): Promise<SiteStatus> {
    const t0 = performance.now();
    try {
      const ctrl = await rest.get<{ status?: string }>('/ctrl/status');
      const latencyMs = Math.round(performance.now() - t0);
      if (ctrl?.status !== 'STARTED') {
        return { site: site.id, reachable: true, latencyMs, problem: 'The archive service is not started.' };
      }
      const names = await queueNames();
      const count = async (state: TaskState) => {
        const counts = await Promise.all(
          names.map((n) =>
            rest.get<{ count: number }>(`/queue/${enc(n)}/count`, `status=${enc(dcm4cheeStatusOf[state] ?? '')}`),
          ),
        );
        return counts.reduce((sum, c) => sum + (c?.count ?? 0), 0);
      };
      const [pending, running, failed] = await Promise.all([
        count(TaskState.Pending),
        count(TaskState.Running),
        count(TaskState.Failed),
      ]);
      return { site: site.id, reachable: true, latencyMs, backlog: { pending, running, failed } };
    } catch (error) {
      return { site: site.id, reachable: false, problem: statusProblem(error) };
    }
  }

  const taskAction = (action: 'reschedule' | 'cancel') => async (taskId: string) => {
    const [source = '', id = ''] = taskId.split('/');
    if (!taskIdPattern.test(source) || !taskIdPattern.test(id) || taskId.split('/').length !== 2) {
      throw new BotError(ErrorCode.BadInput, `${site.id}: "${taskId}" is not a task id (queue/taskID)`);
    }
    const owner = (monitors as readonly string[]).includes(source) ? `/monitor/${source}` : `/queue/${enc(source)}`;
    await rest.post(`${owner}/${enc(id)}/${action}`, undefined);
  };

  return {
    site,
    findStudies: (query) => qidoFindStudies(qido, site.id, query, { orderByDate: true }),
    listTasks,
    echo,
    status,
    ...(deps.allowWrites ? { retryTask: taskAction('reschedule'), cancelTask: taskAction('cancel') } : {}),
  };
}
