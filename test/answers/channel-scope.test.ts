import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/answers/answer-service.js';
import { AnswerMode } from '../../src/answers/types.js';
import { withoutIdentifiers } from '../../src/answers/without-identifiers.js';
import { createLogger } from '../../src/core/logger.js';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../src/kb/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('answer-scope-');
let kb: WatchableKnowledgeBase;

beforeAll(async () => {
  const page = (path: string, text: string) => {
    mkdirSync(join(dir.path, path, '..'), { recursive: true });
    writeFileSync(join(dir.path, path), text);
  };
  page(
    'ed/trauma-images.md',
    '# Trauma images in the emergency department\n\n## Fix\n\nWhen trauma CT images are missing on the resus room monitor, reopen the trauma worklist and press refresh. The test patient is MRN 48213377.\n',
  );
  page(
    'cardio/echo-export.md',
    '# Exporting echocardiography loops\n\n## Fix\n\nTo export echocardiography loops from the ultrasound cart, choose DICOM export and pick the cardiology archive.\n',
  );
  kb = await createKnowledgeBase({ dir: dir.path });
});
afterAll(async () => {
  await kb.close();
  dir.remove();
});

const service = () => createAnswerService({ kb, logger: createLogger({ level: 'silent' }) });

describe('answers from a channel scope', () => {
  it('abstains on a question only a page outside the scope answers, and cites nothing outside it', async () => {
    const question = 'how do I export echocardiography loops from the ultrasound cart';
    expect((await service().answer({ question })).citations[0]?.source).toBe('cardio/echo-export.md');
    const scoped = await service().answer({ question, scope: { folders: ['ed'] } });
    expect(scoped.mode).toBe(AnswerMode.Abstain);
    expect([...scoped.citations, ...scoped.nearest].every((c) => c.source.startsWith('ed/'))).toBe(true);
  });

  it('answers from the scope, and without identifiers for a shared channel', async () => {
    const question = 'trauma CT images missing on the resus room monitor';
    const plain = await service().answer({ question, scope: { folders: ['ed'] } });
    expect(plain.citations[0]?.source).toBe('ed/trauma-images.md');
    expect(plain.markdown).toContain('48213377');
    const shared = await service().answer({ question, scope: { folders: ['ed'] }, noIdentifiers: true });
    expect(shared.markdown).not.toContain('48213377');
    expect(shared.markdown).toContain('[MRN]');
    expect(shared.citations).toEqual(plain.citations);
  });

  it('withholds the text rather than show it when the redactor fails', () => {
    const answer = { mode: AnswerMode.Extractive, answerable: true, markdown: 'MRN 1', citations: [], nearest: [] };
    const failing = () => {
      throw new Error('budget');
    };
    expect(withoutIdentifiers({ ...answer, confidence: 1 }, failing).markdown).toBe(
      'The answer is in the pages below.',
    );
  });
});
