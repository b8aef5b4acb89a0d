import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { waitUntil } from '../helpers/wait-until.js';
import { slash } from './roles/signed-requests.js';
import { ids } from './tickets/ticket-helpers.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

describe('/pacs ask feeds the knowledge loop', () => {
  it('a question it cannot answer is logged, redacted, with its channel, and shows up in kb gaps', async () => {
    const reply = await slash(
      h,
      'clinician',
      ids.clinician,
      ids.help,
      '/pacs ask what is the cafeteria menu for friday, MRN 8765432',
    );
    expect(reply.text.length).toBeGreaterThan(0);
    const gaps = await waitUntil(async () => {
      const { stdout } = await runCliCaptured(['kb', 'gaps', '--json'], { dataDir: h.dataDir });
      const json = JSON.parse(stdout) as { questions: string[]; channels: string[] }[];
      expect(json).toHaveLength(1);
      return json;
    });
    expect(gaps[0]).toMatchObject({
      questions: ['what is the cafeteria menu for friday, MRN [MRN]'],
      channels: [ids.help],
    });
  });
});
