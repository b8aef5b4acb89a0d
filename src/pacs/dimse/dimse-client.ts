import dimse from 'dcmjs-dimse';
import { EchoCause as Cause, type EchoCause } from '../types.js';

const { Client, requests, constants } = dimse;
// dcmjs-dimse logs every PDU at INFO to the console by default.
dimse.log.setLevel('silent');

/** Where and as whom to open an association. */
export interface DimsePeer {
  host: string;
  port: number;
  calledAet: string;
  callingAet: string;
  /** Connect, association and per-PDU deadline (always set: dcmjs-dimse waits forever otherwise). */
  timeoutMs: number;
  /** Whole-exchange deadline (default 3 × timeoutMs); when it fires the association is aborted and the socket closed. */
  deadlineMs?: number;
}

export interface DimseOutcome {
  ok: boolean;
  ms: number;
  cause?: EchoCause;
  /** Low-level reason for logs (may name a host); never for Slack. */
  detail?: string;
  /** C-FIND matches, naturalized (`PatientName: [{ Alphabetic }]`). */
  matches: Record<string, unknown>[];
}

type Request =
  | InstanceType<typeof requests.CEchoRequest>
  | InstanceType<typeof requests.CFindRequest>
  | InstanceType<typeof requests.CMoveRequest>;

/**
 * Sends one request on a fresh association and resolves exactly once: dcmjs-dimse can emit both
 * `networkError` and `closed`, and a rejected association is followed by `closed` too.
 */
export function runDimse(peer: DimsePeer, request: Request): Promise<DimseOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const matches: Record<string, unknown>[] = [];
    let status: number | undefined;
    let settled = false;
    const finish = (outcome: Omit<DimseOutcome, 'ms' | 'matches'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      resolve({ ...outcome, matches, ms: Math.round(performance.now() - t0) });
    };
    const client = new Client();
    // Belt and braces: dcmjs-dimse's own timeouts cover connect/association/PDU, not a slow trickle.
    const guard = setTimeout(
      () => {
        finish({ ok: false, cause: Cause.Timeout, detail: 'overall deadline' });
        hangUp(client);
      },
      peer.deadlineMs ?? peer.timeoutMs * 3,
    );
    request.on('response', (response) => {
      status = response.getStatus();
      const dataset = response.getDataset();
      if (status === constants.Status.Pending && dataset) matches.push(dataset.getElements());
    });
    client.on('associationRejected', (reject: unknown) =>
      finish({ ok: false, cause: Cause.Rejected, detail: `association rejected ${JSON.stringify(reject)}` }),
    );
    client.on('networkError', (error: Error) => finish(classify(error)));
    client.on('closed', () =>
      finish(
        status === constants.Status.Success
          ? { ok: true }
          : {
              ok: false,
              cause: Cause.Other,
              detail: status === undefined ? 'closed without a response' : `status 0x${status.toString(16)}`,
            },
      ),
    );
    client.addRequest(request);
    try {
      client.send(peer.host, peer.port, peer.callingAet, peer.calledAet, {
        connectTimeout: peer.timeoutMs,
        associationTimeout: peer.timeoutMs,
        pduTimeout: peer.timeoutMs,
      });
    } catch (error) {
      finish({ ok: false, cause: Cause.Other, detail: String(error) });
    }
  });
}

type Network = { connected?: boolean; socket?: { destroy(): void } };

/**
 * Ends an exchange we gave up on: an A-ABORT when the association is up (the peer frees it at once), then the
 * socket is destroyed, so nothing keeps trickling in or holds the process open. dcmjs-dimse exposes no close.
 */
function hangUp(client: InstanceType<typeof Client>): void {
  const network = (client as unknown as { network?: Network }).network;
  try {
    if (network?.connected) client.abort();
  } catch {
    // Already closing: destroying the socket below is enough.
  }
  network?.socket?.destroy();
}

/** dcmjs-dimse network errors → EchoCause. */
function classify(error: Error): Omit<DimseOutcome, 'ms' | 'matches'> {
  const detail = String(error?.message ?? error);
  const code = (error as { code?: string })?.code ?? '';
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(detail)) return { ok: false, cause: Cause.Refused, detail };
  if (/timeout|ETIMEDOUT/i.test(detail)) return { ok: false, cause: Cause.Timeout, detail };
  if (/PDU type/i.test(detail)) return { ok: false, cause: Cause.WrongProtocol, detail };
  if (/ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/.test(`${code} ${detail}`)) {
    return { ok: false, cause: Cause.Unreachable, detail };
  }
  return { ok: false, cause: Cause.Other, detail };
}

/** C-ECHO the peer. @example await cEcho({ host: '127.0.0.1', port: 104, calledAet: 'CT3', callingAet: 'PACSDESK', timeoutMs: 3000 }) */
export function cEcho(peer: DimsePeer): Promise<DimseOutcome> {
  return runDimse(peer, new requests.CEchoRequest());
}

/** Study-level C-FIND with the given keys (empty string = return key). */
export function cFindStudies(peer: DimsePeer, keys: Record<string, string>): Promise<DimseOutcome> {
  return runDimse(peer, requests.CFindRequest.createStudyFindRequest(keys));
}

/**
 * Study-level C-MOVE: asks the peer to C-STORE one study to `destinationAet`, which the peer must know by that
 * title (its own AE configuration maps the title to a host and port; the SCU cannot). Resolves when the move ends.
 */
export function cMoveStudy(peer: DimsePeer, destinationAet: string, studyInstanceUid: string): Promise<DimseOutcome> {
  return runDimse(peer, requests.CMoveRequest.createStudyMoveRequest(destinationAet, studyInstanceUid));
}
