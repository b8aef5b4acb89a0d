/**
 * The boundary between PACS Desk and an interface engine (NextGen Connect / Mirth today). An adapter turns the
 * engine's own dashboard into these counts, so the rules, the `/pacs interfaces` summary and the monitor never
 * see an engine's wire format. Nothing here carries message content: only channel names, states and counts.
 */

/** A channel's deployment state, lower-cased from the engine's own names. */
export const ChannelState = {
  Started: 'started',
  Starting: 'starting',
  Paused: 'paused',
  Pausing: 'pausing',
  Stopped: 'stopped',
  Stopping: 'stopping',
  Deploying: 'deploying',
  Undeploying: 'undeploying',
  Undeployed: 'undeployed',
  Syncing: 'syncing',
  Unknown: 'unknown',
} as const;
export type ChannelState = (typeof ChannelState)[keyof typeof ChannelState];

export interface ChannelStatus {
  /** The engine's stable channel id (a UUID for Mirth). */
  id: string;
  /** The channel's configured name (configuration, not patient data). */
  name: string;
  state: ChannelState;
  /** Counters since the engine's statistics were last reset. */
  received: number;
  sent: number;
  /** Messages waiting in the channel's destination queues. */
  queued: number;
  errored: number;
  filtered: number;
  /** Epoch ms of the newest message the engine holds for this channel, when it could tell. */
  lastMessageAt?: number;
}

export interface InterfaceEngine {
  /** Short engine kind for texts and incident keys ("mirth"). */
  readonly name: string;
  /** Every deployed channel with its counts. Throws an `InterfaceError` when the engine cannot be read. */
  channels(): Promise<ChannelStatus[]>;
}
