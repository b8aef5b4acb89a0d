// Another process appending to the same audit store (the CLI next to the bot): `node --import tsx append-worker.ts
// <dataDir> <databaseUrl|-> <count> <prefix>`. Prints `ready` once open, waits for a line on stdin, appends, prints `done`.
import { createInterface } from 'node:readline';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { createDatabase } from '../../src/db/create-database.js';
import { queryEvent } from './helpers.js';

const [dataDir = '', url = '-', count = '0', prefix = 'W'] = process.argv.slice(2);
const database = await createDatabase({ dataDir, databaseUrl: url === '-' ? undefined : url });
const log = createAuditLog(database);
process.stdout.write('ready\n');
await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) => log.append(queryEvent({ correlationId: `${prefix}${i}` }))),
);
await database.close();
process.stdout.write('done\n');
process.exit(0);
