import { run as anomalies } from './anomalies.js';
import { run as kbRetrieval } from './kb-retrieval.js';
import { run as kbScale } from './kb-scale.js';
import { run as knowledgeLoop } from './knowledge-loop.js';
import { run as pacsChecks } from './pacs-checks.js';
import { run as pacsStudy } from './pacs-study.js';
import { run as priors } from './priors.js';
import { run as replicas } from './replicas.js';
import { run as slackLatency } from './slack-latency.js';
import { run as soak } from './soak.js';
import { run as startup } from './startup.js';
import { run as tickets } from './tickets.js';
import { run as worklist } from './worklist.js';

// Each benchmark prints its own table, ours beside a baseline measured in the same run; they run in
// sequence so timings do not interfere. `npm run bench -- soak startup` runs only the ones named.
const benches = {
  'kb-retrieval': kbRetrieval,
  'kb-scale': kbScale,
  'slack-latency': slackLatency,
  tickets,
  'pacs-checks': pacsChecks,
  'pacs-study': pacsStudy,
  worklist,
  anomalies,
  priors,
  startup,
  soak,
  replicas,
  'knowledge-loop': knowledgeLoop,
};
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in benches));
if (unknown.length > 0)
  throw new Error(`Unknown bench ${unknown.join(', ')}; pick from ${Object.keys(benches).join(', ')}`);
for (const [name, bench] of Object.entries(benches)) if (only.length === 0 || only.includes(name)) await bench();
