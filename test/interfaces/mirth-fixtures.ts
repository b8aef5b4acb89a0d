/**
 * NextGen Connect API bodies in the documented shapes (XStream JSON of com.mirth.connect.model.DashboardStatus and
 * donkey Message, as served with `Accept: application/json`). Synthetic: no real channel or patient.
 */
const STATUS = 'com.mirth.connect.donkey.model.message.Status';

export function stats(received: number, filtered: number, sent: number, error: number) {
  return {
    '@class': 'java.util.LinkedHashMap',
    entry: [
      { [STATUS]: 'RECEIVED', long: received },
      { [STATUS]: 'FILTERED', long: filtered },
      { [STATUS]: 'SENT', long: sent },
      { [STATUS]: 'ERROR', long: error },
    ],
  };
}

export function dashboardStatus(
  channelId: string,
  name: string,
  state: string,
  counts: { received: number; filtered?: number; sent: number; error: number; queued?: number },
) {
  return {
    '@class': 'com.mirth.connect.model.DashboardStatus',
    channelId,
    name,
    state,
    deployedRevisionDelta: 0,
    deployedDate: { time: 1733130000000, timezone: 'America/Chicago' },
    statistics: stats(counts.received, counts.filtered ?? 0, counts.sent, counts.error),
    lifetimeStatistics: stats(counts.received * 10, 0, counts.sent * 10, counts.error),
    childStatuses: {
      dashboardStatus: {
        channelId,
        name: 'Source',
        state,
        statistics: stats(counts.received, 0, 0, 0),
        metaDataId: 0,
        queueEnabled: false,
        queued: 0,
        statusType: 'SOURCE_CONNECTOR',
      },
    },
    metaDataId: 0,
    queueEnabled: false,
    queued: counts.queued ?? 0,
    waitForPrevious: false,
    tags: '',
    statusType: 'CHANNEL',
  };
}

export const ADT_ID = '4b432aec-29f1-4855-b6df-6fa382d1e5fa';
export const ORM_ID = '9d1c3f7e-0a52-4c8b-bf21-3e5a6d7c8b90';

/** Two channels: the usual list (an array). */
export const statusList = {
  list: {
    dashboardStatus: [
      dashboardStatus(ADT_ID, 'ADT in from EHR', 'STARTED', { received: 120, sent: 118, error: 2, queued: 0 }),
      dashboardStatus(ORM_ID, 'ORM to RIS', 'STOPPED', { received: 40, filtered: 1, sent: 30, error: 0, queued: 9 }),
    ],
  },
};

/** A list of one: XStream gives an object, not an array. */
export const singleStatusList = {
  list: { dashboardStatus: dashboardStatus(ADT_ID, 'ADT in from EHR', 'PAUSED', { received: 5, sent: 5, error: 0 }) },
};

/** `GET /channels/{id}/messages?limit=1&includeContent=false`: one message, metadata only. */
export function newestMessage(channelId: string, receivedMs: number) {
  return {
    list: {
      message: {
        messageId: 5012,
        serverId: 'c7a4f3a2-7a5e-4f3b-9d1e-6b2f1c0d9e8a',
        channelId,
        receivedDate: { time: receivedMs, timezone: 'America/Chicago' },
        processed: true,
        connectorMessages: { entry: [] },
      },
    },
  };
}
