// Opens tickets like the bot does and is then killed with SIGKILL before any helpdesk push:
// `node --import tsx create-worker.ts <dataDir> <databaseUrl|-> <count>`. Prints each committed key, then `done`, then
// waits forever (the test kills it).
import { createDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { newTicket } from './helpers.js';

const [dataDir = '', url = '-', count = '0'] = process.argv.slice(2);
const database = await createDatabase({ dataDir, databaseUrl: url === '-' ? undefined : url });
const store = createTicketStore(database, { outbox: true });
for (let i = 0; i < Number(count); i++) {
  const ticket = await store.create(newTicket({ requesterId: 'U0KILL', summary: `killed ${i}` }), 'U0KILL');
  process.stdout.write(`${ticket.key}\n`);
}
process.stdout.write('done\n');
setInterval(() => undefined, 60_000);
