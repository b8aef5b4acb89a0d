import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifySection, roleOf } from '../../../src/kb/chunk/section-role.js';
import { splitSections } from '../../../src/kb/chunk/sections.js';
import { SectionRole } from '../../../src/kb/types.js';

const CORPORA = fileURLToPath(new URL('../../../../shared/corpora', import.meta.url));
const haveCorpora = existsSync(CORPORA);

/** The role of one section of a corpora page, found by its heading. */
function corporaRole(path: string, heading: string): SectionRole {
  const markdown = readFileSync(`${CORPORA}/${path}`, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
  const section = splitSections(markdown).sections.find((s) => s.heading === heading);
  if (!section) throw new Error(`no section ${heading} in ${path}`);
  return classifySection(section.heading, section.body);
}

describe('section roles from heading and content (invented pages, no starter wording)', () => {
  it('numbered steps and imperative lines are steps, whatever the heading says', () => {
    expect(
      classifySection('Getting the scanner back', '1. Power off the gantry.\n2. Wait a minute.\n3. Start it again.'),
    ).toBe(SectionRole.Steps);
    expect(
      classifySection('Printer jams', 'Open the front tray and remove the sheet.\nClose it and print again.'),
    ).toBe(SectionRole.Steps);
  });

  it('phone numbers, extensions and "escalate" make a contact section; a number in passing does not', () => {
    expect(
      classifySection(
        'Out of hours',
        'Phone the duty engineer on x4411. If nobody answers within 10 minutes, escalate to the on-call manager (bleep 220).',
      ),
    ).toBe(SectionRole.Contact);
    expect(
      classifySection(
        'Clearing the queue',
        '1. Open the queue screen.\n2. Select the stuck job and press Retry.\n3. If it fails again, call x4411.',
      ),
    ).toBe(SectionRole.Steps);
  });

  it('"X is a …" or "refers to" is a definition; "you may see" lists are symptoms; text with no cue is an overview', () => {
    expect(classifySection('Modality', 'A modality is a device that acquires images, such as a CT scanner.')).toBe(
      SectionRole.Definition,
    );
    expect(
      classifySection(
        'When it goes wrong',
        'You may see one of these:\n\n- The list stays empty\n- The screen shows an error 503\n- The upload never finishes',
      ),
    ).toBe(SectionRole.Symptoms);
    expect(classifySection('History', 'The project started in 2012 at a university hospital.')).toBe(
      SectionRole.Overview,
    );
    expect(classifySection('', 'This page covers the reporting workflow.')).toBe(SectionRole.Overview);
  });

  it('a "why" heading is a cause', () => {
    expect(classifySection('Why the series arrive late', 'The router waits for the study to be stable.')).toBe(
      SectionRole.Cause,
    );
  });

  it('roleOf keeps a stored role and classifies chunks from older caches that lack one', () => {
    expect(roleOf({ heading: 'Anything', text: 'Anything', role: SectionRole.Contact })).toBe(SectionRole.Contact);
    expect(roleOf({ heading: 'Symptoms', text: '- The list is empty\n- The viewer shows nothing' })).toBe(
      SectionRole.Symptoms,
    );
  });
});

describe.skipIf(!haveCorpora)('section roles on real documentation (Orthanc Book, OHIF docs)', () => {
  it('reads how-to and troubleshooting sections as steps', () => {
    expect(corporaRole('orthanc-book/faq/troubleshooting.md', 'Orthanc Explorer')).toBe(SectionRole.Steps);
    expect(corporaRole('ohif-docs/user-guide/viewer/viewport.md', 'Changing Layout')).toBe(SectionRole.Steps);
  });

  it('reads an introduction as an overview, not as steps', () => {
    expect(corporaRole('orthanc-book/plugins/object-storage.md', 'Introduction')).toBe(SectionRole.Overview);
  });
});
