import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A ServiceNow instance as far as the bot's adapter (src/tickets/helpdesk/servicenow.ts) uses its Table API:
 * list incidents by `correlation_id`, create one, read a journal field, PATCH fields. A plain HTTP server on
 * loopback, since the replicas are child processes.
 */
export type CallOp = 'lookup' | 'create' | 'read' | 'update';

export interface HelpdeskCall {
  method: string;
  path: string;
  op: CallOp;
  /** Our ticket key (the correlation_id), for calls on an incident too. */
  key?: string;
  sysId?: string;
  body?: Record<string, unknown>;
  /** The status answered; undefined while held (or never, if the caller died first). */
  status?: number;
}

export interface Incident {
  sysId: string;
  number: string;
  key: string;
  fields: Record<string, string>;
}

type Reply = { status: number; body: unknown };
const table = '/api/now/table/incident';

export async function startFakeServiceNow() {
  const calls: HelpdeskCall[] = [];
  const incidents: Incident[] = [];
  const failures: { op: CallOp; status: number }[] = [];
  const holds: { op: CallOp; commitNow: boolean; arrive(hold: () => void, call: HelpdeskCall): void }[] = [];
  const byId = (sysId: string) => incidents.find((i) => i.sysId === sysId);

  function apply(call: HelpdeskCall, query: URLSearchParams): Reply {
    const body = call.body ?? {};
    if (call.op === 'lookup') {
      const found = incidents.filter((i) => i.key === call.key).slice(0, Number(query.get('sysparm_limit') ?? 10_000));
      return { status: 200, body: { result: found.map((i) => ({ sys_id: i.sysId, number: i.number })) } };
    }
    if (call.op === 'create') {
      const incident: Incident = {
        sysId: randomBytes(16).toString('hex'),
        number: `INC${String(10_001 + incidents.length).padStart(7, '0')}`,
        key: String(body.correlation_id ?? ''),
        fields: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])),
      };
      incidents.push(incident);
      call.sysId = incident.sysId;
      return { status: 201, body: { result: { sys_id: incident.sysId, number: incident.number } } };
    }
    const incident = byId(call.sysId ?? '');
    if (!incident) return { status: 404, body: { error: { message: 'No Record found' } } };
    if (call.op === 'update')
      for (const [field, value] of Object.entries(body)) {
        // Journal fields append an entry; their display value is the whole history.
        const journal = field === 'work_notes' || field === 'comments';
        incident.fields[field] = journal ? `${String(value)}\n\n${incident.fields[field] ?? ''}` : String(value);
      }
    return { status: 200, body: { result: { sys_id: incident.sysId, ...incident.fields } } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (reply: Reply, call?: HelpdeskCall) => {
      if (call) call.status = reply.status;
      if (res.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    };
    const target = route(method, url.pathname);
    if (!req.headers.authorization?.startsWith('Basic '))
      return send({ status: 401, body: { error: { message: 'User Not Authenticated' } } });
    if (!target) return send({ status: 400, body: { error: { message: `no route ${method} ${url.pathname}` } } });
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const key =
      target.op === 'lookup'
        ? correlationId(url.searchParams)
        : target.op === 'create'
          ? String(body?.correlation_id ?? '')
          : byId(target.sysId ?? '')?.key;
    const call: HelpdeskCall = { method, path: url.pathname, ...target, key, body };
    calls.push(call);
    const failure = takeFirst(failures, call.op);
    if (failure) return send({ status: failure.status, body: { error: { message: 'Service unavailable' } } }, call);
    const held = takeFirst(holds, call.op);
    if (!held) return send(apply(call, url.searchParams), call);
    const early = held.commitNow ? apply(call, url.searchParams) : undefined;
    held.arrive(() => send(early ?? apply(call, url.searchParams), call), call);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    /** Every call so far, in arrival order. */
    calls: (op?: CallOp, key?: string) => calls.filter((c) => (!op || c.op === op) && (!key || c.key === key)),
    incidents: (key?: string) => incidents.filter((i) => !key || i.key === key),
    /** The next `op` call is answered `status` (e.g. 503) and changes nothing. */
    failNext(op: CallOp, status: number): void {
      failures.push({ op, status });
    },
    /**
     * Holds the next `op` call unanswered until `release()` (the caller may be gone by then); `received` settles when
     * it arrives. `commit: 'now'` (default) makes the change on arrival, as a helpdesk that did the work but whose
     * answer never reached the caller; `'at-release'` makes it only at release.
     */
    holdNext(op: CallOp, options: { commit?: 'now' | 'at-release' } = {}) {
      let release: (() => void) | undefined;
      const received = new Promise<HelpdeskCall>((resolve) =>
        holds.push({
          op,
          commitNow: options.commit !== 'at-release',
          arrive: (answer, call) => {
            release = answer;
            resolve(call);
          },
        }),
      );
      return { received, release: () => release?.() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(method: string, path: string): { op: CallOp; sysId?: string } | undefined {
  if (path === table) return method === 'GET' ? { op: 'lookup' } : method === 'POST' ? { op: 'create' } : undefined;
  const sysId = path.startsWith(`${table}/`) ? decodeURIComponent(path.slice(table.length + 1)) : undefined;
  const op = sysId && ({ GET: 'read', PATCH: 'update' } as const)[method as 'GET' | 'PATCH'];
  return op ? { op, sysId } : undefined;
}

/** Our key from `sysparm_query=correlation_id=PACS-1` (the only encoded query the adapter sends). */
const correlationId = (query: URLSearchParams) => /^correlation_id=(.*)$/.exec(query.get('sysparm_query') ?? '')?.[1];

function takeFirst<T extends { op: CallOp }>(list: T[], op: CallOp): T | undefined {
  const at = list.findIndex((item) => item.op === op);
  return at < 0 ? undefined : list.splice(at, 1)[0];
}

export type FakeServiceNow = Awaited<ReturnType<typeof startFakeServiceNow>>;
