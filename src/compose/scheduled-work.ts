import type { Claims } from '../cluster/claims.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { createIncidentLog } from '../pacs/monitors/incident-log.js';
import { incidentSource } from '../report/incident-source.js';
import { loopSources } from '../report/loop-sources.js';
import { weeklyDigestTask } from '../report/weekly-digest-task.js';
import { createWeeklySources } from '../report/weekly-sources.js';
import type { SlackClients } from '../slack/slack-clients.js';
import { startReminders } from '../slack/tickets/reminders.js';
import type { TicketContext } from '../slack/tickets/ticket-context.js';
import { type BackgroundTask, timerTask } from './background.js';
import type { Core } from './compose-core.js';
import type { ComposedPacs } from './compose-pacs.js';
import type { Stores } from './compose-stores.js';
import { helpdeskSyncTask } from './helpdesk-sync.js';
import { interfacesMonitorTask } from './interfaces-monitor-task.js';
import { pacsMonitorTask } from './pacs-monitor-task.js';

/**
 * The scheduled work, as configured: helpdesk relay, PACS and interface-engine monitors, ticket reminders. Only
 * the leader runs it (`leaderTask`); the monitors and reminders claim each alert and note in `claims`, so an old
 * leader that has not noticed yet cannot repeat one. The relay needs no claim: it takes each outbox row with a
 * conditional update.
 */
export async function scheduledWork(deps: {
  config: Config;
  core: Core;
  stores: Stores;
  pacs: ComposedPacs | undefined;
  slack: SlackClients;
  tickets: TicketContext;
  claims: Claims;
  logger: Logger;
  now: Clock;
}): Promise<BackgroundTask[]> {
  const { config, slack, logger, now, claims } = deps;
  const incidentLog = createIncidentLog(deps.stores.database);
  const alertChannel = config.monitor.opsChannel ?? config.tickets.triageChannel;
  const postToChannel = async (channel: string, text: string) =>
    void (await slack.botClient.chat.postMessage({ channel, text, unfurl_links: false }));
  const tasks = [
    await helpdeskSyncTask({
      config,
      stores: deps.stores,
      fetch: deps.core.fetch,
      logger,
      now,
      alert: async (text) => (alertChannel ? slack.postAlert(alertChannel, text) : undefined),
    }),
    pacsMonitorTask({
      monitor: config.monitor,
      pacs: deps.pacs,
      state: deps.stores.state,
      claims,
      post: postToChannel,
      logger,
      now,
      incidentLog,
    }),
    interfacesMonitorTask({
      interfaces: config.interfaces,
      monitor: config.monitor,
      fetch: deps.core.fetch,
      state: deps.stores.state,
      claims,
      post: postToChannel,
      logger,
      now,
      incidentLog,
    }),
    timerTask('ticket-reminders', () =>
      startReminders(deps.tickets, {
        intervalMs: config.tickets.reminderIntervalSeconds * 1000,
        untouchedMinutes: config.tickets.reminderUntouchedMinutes,
        claims,
      }),
    ),
    weeklyDigestTask({
      channel: config.channels.digestChannel,
      cron: config.channels.digestCron,
      client: slack.botClient,
      fetch: deps.core.fetch,
      sources: createWeeklySources({
        tickets: deps.stores.tickets,
        channels: deps.core.channels,
        ...loopSources(deps.stores.database, deps.core.kb),
        incidents: incidentSource(incidentLog),
      }),
      claims,
      logger,
      now,
    }),
  ];
  return tasks.filter((task) => task !== undefined);
}
