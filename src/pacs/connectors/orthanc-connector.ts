import { BotError, ErrorCode } from '../../core/errors.js';
import type { AeAlias, EchoResult, PacsConnector, SiteConfig, SiteStatus, StudyQuery, StudyRecord } from '../types.js';
import { EchoCause, TaskState } from '../types.js';
import { type ConnectorDeps, defaultEchoTimeoutMs, httpClientFor, withBreakers } from './connector-deps.js';
import { echoDirect } from './direct-echo.js';
import { mapOrthancJob, type OrthancJob, orthancEchoCause, parseOrthancTime } from './orthanc-jobs.js';
import { orthancSendStudy } from './orthanc-send.js';
import { buildQidoQuery, byDateDesc, defaultStudyLimit, qidoFindStudies } from './qido-search.js';
import { statusProblem, taskIdPattern } from './site-status.js';
import { timedEcho } from './timed-echo.js';

interface ExpandedStudy {
  IsStable?: boolean;
  LastUpdate?: string;
  MainDicomTags?: { StudyInstanceUID?: string };
}

/**
 * Orthanc: studies via its DICOMweb plugin (QIDO) merged with `/tools/find` (IsStable, LastUpdate);
 * jobs as tasks; echo through `/modalities/{id}/echo`; status from `/system`, `/statistics`, `/jobs`.
 * @example
 * const orthanc = createOrthancConnector(site, { fetch });
 * await orthanc.findStudies({ accession: 'SYN0001' }); // [{ studyInstanceUid, modalities: ['CT','OT'], stable: true, … }]
 */
export function createOrthancConnector(site: SiteConfig, connectorDeps: ConnectorDeps): PacsConnector {
  if (!site.restUrl) throw new BotError(ErrorCode.ConfigInvalid, `site ${site.id}: an Orthanc site needs restUrl`);
  const deps = withBreakers(connectorDeps);
  const rest = httpClientFor(site, site.restUrl, deps);
  const dicomweb = httpClientFor(site, site.dicomwebUrl ?? `${rest.baseUrl}/dicom-web`, deps);
  const echoTimeoutMs = deps.echoTimeoutMs ?? defaultEchoTimeoutMs;

  async function findStudies(query: StudyQuery): Promise<StudyRecord[]> {
    buildQidoQuery(query); // validates before either call goes out
    const find: Record<string, string> = {};
    if (query.accession) find.AccessionNumber = query.accession.trim();
    if (query.patientId) find.PatientID = query.patientId.trim();
    if (query.studyDate) find.StudyDate = query.studyDate.trim();
    if (query.studyInstanceUid) find.StudyInstanceUID = query.studyInstanceUid.trim();
    const [records, expanded] = await Promise.all([
      qidoFindStudies(dicomweb, site.id, query),
      rest.post<ExpandedStudy[]>(
        '/tools/find',
        { Level: 'Study', Query: find, Expand: true, Limit: query.limit ?? defaultStudyLimit },
        { idempotent: true },
      ),
    ]);
    const byUid = new Map((expanded ?? []).map((s) => [s.MainDicomTags?.StudyInstanceUID, s]));
    return records
      .map((record) => {
        const extra = byUid.get(record.studyInstanceUid);
        if (!extra) return record;
        return { ...record, stable: extra.IsStable, lastReceived: parseOrthancTime(extra.LastUpdate) };
      })
      .sort(byDateDesc);
  }

  async function jobs(): Promise<OrthancJob[]> {
    return (await rest.get<OrthancJob[]>('/jobs', 'expand')) ?? [];
  }

  async function echo(alias: AeAlias): Promise<EchoResult> {
    if (alias.via === 'direct') return echoDirect(alias, deps);
    return timedEcho(async (ms) => {
      const { status, body } = await rest.request(
        `/modalities/${encodeURIComponent(alias.pacsName ?? alias.alias)}/echo`,
        {
          method: 'POST',
          body: { Timeout: Math.max(1, Math.ceil(echoTimeoutMs / 1000)) },
          answerStatuses: [404, 500],
          timeoutMs: echoTimeoutMs + 2000,
        },
      );
      if (status === 200) return { ok: true, ms: ms() };
      if (status === 404) return { ok: false, ms: ms(), cause: EchoCause.UnknownAlias };
      return { ok: false, ms: ms(), cause: orthancEchoCause(String((body as { Details?: string })?.Details ?? '')) };
    });
  }

  async function status(): Promise<SiteStatus> {
    const t0 = performance.now();
    try {
      const system = await rest.get<{ Version?: string }>('/system');
      const latencyMs = Math.round(performance.now() - t0);
      const [stats, all] = await Promise.all([
        rest.get<{ CountStudies?: number; CountInstances?: number; TotalDiskSizeMB?: number }>('/statistics'),
        jobs(),
      ]);
      const states = all.map((j) => mapOrthancJob(j).state);
      const count = (s: string) => states.filter((x) => x === s).length;
      return {
        site: site.id,
        reachable: true,
        latencyMs,
        version: system?.Version,
        storage: {
          studies: stats?.CountStudies ?? 0,
          instances: stats?.CountInstances ?? 0,
          diskMb: stats?.TotalDiskSizeMB,
        },
        backlog: {
          pending: count(TaskState.Pending),
          running: count(TaskState.Running),
          failed: count(TaskState.Failed),
        },
      };
    } catch (error) {
      return { site: site.id, reachable: false, problem: statusProblem(error) };
    }
  }

  const jobAction = (action: 'resubmit' | 'cancel') => async (taskId: string) => {
    if (!taskIdPattern.test(taskId)) throw new BotError(ErrorCode.BadInput, `${site.id}: "${taskId}" is not a job id`);
    await rest.post(`/jobs/${taskId}/${action}`, {});
  };

  return {
    site,
    findStudies,
    async listTasks(options = {}) {
      const tasks = (await jobs()).map(mapOrthancJob);
      tasks.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
      return tasks.slice(0, options.limit ?? 100);
    },
    echo,
    status,
    ...(deps.allowWrites
      ? {
          retryTask: jobAction('resubmit'),
          cancelTask: jobAction('cancel'),
          sendStudy: (uid: string, aet: string) => orthancSendStudy(rest, site.id, uid, aet),
        }
      : {}),
  };
}
