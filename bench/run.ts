import { run as kbRetrieval } from './kb-retrieval.js';
import { run as pacsChecks } from './pacs-checks.js';
import { run as pacsStudy } from './pacs-study.js';
import { run as slackLatency } from './slack-latency.js';
import { run as startup } from './startup.js';
import { run as tickets } from './tickets.js';

// Each benchmark prints its own table, ours beside a baseline measured in the same run; they run in
// sequence so timings do not interfere.
for (const bench of [kbRetrieval, slackLatency, tickets, pacsChecks, pacsStudy, startup]) await bench();
