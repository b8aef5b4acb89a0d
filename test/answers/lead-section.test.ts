import { describe, expect, it } from 'vitest';
import { QuestionIntent, readIntent } from '../../src/answers/lead-intent.js';
import { chooseLead } from '../../src/answers/lead-section.js';
import { trimSection } from '../../src/answers/trim-section.js';
import { buildGuide } from '../../src/answers/troubleshooting-guide.js';
import { type KbChunk, type SearchResult, SectionRole } from '../../src/kb/types.js';

/** An invented troubleshooting page (not the starter KB's wording): its sections in order. */
const title = 'Label printer prints nothing';
const section = (heading: string, text: string, role?: SectionRole): KbChunk => ({
  id: `printer.md#${heading.toLowerCase().replace(/\W+/g, '-')}`,
  source: 'printer.md',
  title,
  heading,
  headingPath: [title, heading],
  anchor: heading.toLowerCase().replace(/\W+/g, '-'),
  text,
  tags: [],
  ...(role ? { role } : {}),
});
const page: KbChunk[] = [
  section('What you see', '- The label comes out blank\n- The printer shows a red light\n- Nothing prints at all'),
  section('Start here', 'Check the paper roll. If it is empty go to [Reload the roll](#reload-the-roll).'),
  section('Reload the roll', '1. Open the lid.\n2. Put a new roll in.\n3. Close the lid and print a test label.'),
  section('Reset the printer', '1. Hold the feed button for 5 seconds.\n2. Print a test label.'),
  section('When to open a ticket', 'Phone the service desk on x5555 if it still prints nothing.'),
];
const pageOf = (source: string) => (source === 'printer.md' ? page : []);
const hit = (chunk: KbChunk, score: number): SearchResult => ({ chunk, score });

describe('question intent', () => {
  it('reads problems, how-tos, concepts and who-to-call from the wording', () => {
    expect(readIntent('label printer wont print anything')).toBe(QuestionIntent.Troubleshooting);
    expect(readIntent('the scanner keeps dropping the connection')).toBe(QuestionIntent.Troubleshooting);
    expect(readIntent('how do i reload the label roll')).toBe(QuestionIntent.HowTo);
    expect(readIntent('what is a label roll')).toBe(QuestionIntent.Concept);
    expect(readIntent('difference between a roll and a fan-fold stack')).toBe(QuestionIntent.Concept);
    expect(readIntent('who do i call about the printer')).toBe(QuestionIntent.Contact);
  });
});

describe('chooseLead', () => {
  it('leads a problem with the way out when the best match is the symptom list, and says why the page matched', () => {
    const results = [hit(page[0] as KbChunk, 10), hit(page[4] as KbChunk, 4)];
    const choice = chooseLead('label printer prints nothing, label comes out blank', results, pageOf);
    expect(choice?.lead.chunk.heading).toBe('Start here');
    expect(choice?.matched?.result.chunk.heading).toBe('What you see');
    expect(choice?.matched?.why).toBe('_Matched: “The label comes out blank”_');
  });

  it('prefers the action section that fits the question and has its own search score', () => {
    const results = [hit(page[0] as KbChunk, 10), hit(page[3] as KbChunk, 8)];
    const choice = chooseLead('printer shows a red light, reset it?', results, pageOf);
    expect(choice?.lead.chunk.heading).toBe('Reset the printer');
    expect(choice?.lead.score).toBe(8);
  });

  it('keeps a best match that already says what to do', () => {
    const results = [hit(page[2] as KbChunk, 10), hit(page[0] as KbChunk, 9)];
    const choice = chooseLead('printer prints nothing after the roll ran out', results, pageOf);
    expect(choice?.lead.chunk.heading).toBe('Reload the roll');
    expect(choice?.matched).toBeUndefined();
  });

  it('keeps the definition for a concept question', () => {
    const definition = section('Roll', 'A roll is a spool of 500 adhesive labels.', SectionRole.Definition);
    const choice = chooseLead('what is a roll', [hit(definition, 5)], () => [definition, ...page]);
    expect(choice?.lead.chunk.heading).toBe('Roll');
  });

  it('keeps the best match when its page has no action section', () => {
    const only = section('What you see', '- Nothing prints');
    const choice = chooseLead('printer prints nothing', [hit(only, 3)], () => [only]);
    expect(choice?.lead.chunk).toBe(only);
    expect(choice?.matched).toBeUndefined();
  });
});

describe('chooseLead keeps what was asked for', () => {
  it('keeps a cause for a "why" question', () => {
    const cause = section('Why labels come out blank', 'Because the roll was loaded upside down.', SectionRole.Cause);
    const choice = chooseLead('why does the printer print blank labels', [hit(cause, 5)], () => [cause, ...page]);
    expect(choice?.lead.chunk).toBe(cause);
  });

  it('moves to a section of the same page titled after the question', () => {
    const titled = section('Printer prints the same label twice', 'Clear the spool queue on the PC.');
    const all = [...page, titled];
    const choice = chooseLead('the printer prints the same label twice', [hit(page[2] as KbChunk, 5)], () => all);
    expect(choice?.lead.chunk.heading).toBe('Printer prints the same label twice');
  });

  it('does not keep a page introduction because the page title matches the question', () => {
    const intro = {
      ...section(title, 'A label printer is a small thermal printer on each ward.'),
      headingPath: [title],
    };
    const choice = chooseLead('label printer prints nothing', [hit(intro, 5)], () => [intro, ...page]);
    expect(choice?.lead.chunk.heading).toBe('Start here');
  });

  it('keeps a definition for a yes/no question ("can I …?")', () => {
    const allowed = section(
      'Who may print',
      'A ward printer is a shared device that any ward clerk may use.',
      SectionRole.Definition,
    );
    const choice = chooseLead('can i print labels on the ward printer when it is broken', [hit(allowed, 5)], () => [
      allowed,
      ...page,
    ]);
    expect(choice?.lead.chunk).toBe(allowed);
  });

  it('keeps a section that only mentions a number to call (its heading is not a contact heading)', () => {
    const mention = section(
      'Labels smudge',
      'Smudged labels mean a dirty print head; the ward clerk (x2222) or the service desk (x5555) can clean it, call them.',
      SectionRole.Contact,
    );
    const choice = chooseLead('labels smudge when printed', [hit(mention, 5)], () => [mention, ...page]);
    expect(choice?.lead.chunk).toBe(mention);
  });
});

describe('chooseLead on a manual page', () => {
  const manual = 'Badge reader plugin';
  const part = (heading: string, text: string): KbChunk => ({
    ...section(heading, text),
    source: 'badge.md',
    title: manual,
    headingPath: [manual, heading],
  });
  const sections = [
    part('Tutorial', '1. Install the plugin.\n2. Set `BadgePort` in the configuration.\n3. Restart the service.'),
    part(
      'Troubleshooting card reads',
      'If a card read returns nothing, enable verbose logs and check the reader port.',
    ),
  ];

  it('leads a problem with the page’s own troubleshooting section about it, not its general tutorial', () => {
    const choice = chooseLead(
      'card reads return nothing, how do i debug it',
      [hit(sections[0] as KbChunk, 5)],
      () => sections,
    );
    expect(choice?.lead.chunk.heading).toBe('Troubleshooting card reads');
  });

  it('keeps the tutorial for a how-to', () => {
    const choice = chooseLead('how do i set up the badge reader', [hit(sections[0] as KbChunk, 5)], () => sections);
    expect(choice?.lead.chunk.heading).toBe('Tutorial');
  });
});

describe('trimSection', () => {
  const steps = Array.from(
    { length: 9 },
    (_, i) => `${i + 1}. Do step number ${i + 1} of the fix, then check it again.`,
  );

  it('never cuts a numbered list in the middle: whole when the list is the section, cut before it otherwise', () => {
    const listOnly = `Work through these in order.\n\n${steps.join('\n')}`;
    expect(trimSection(listOnly, 200)).toBe(listOnly);
    const longIntro = `${'This paragraph explains the background at some length. '.repeat(3).trim()}\n\n${steps.join('\n')}`;
    const cut = trimSection(longIntro, 200);
    expect(cut).not.toMatch(/^\d+\./m);
    expect(cut.length).toBeLessThanOrEqual(200);
  });

  it('keeps a loose numbered list (blank lines between items) together', () => {
    const loose = steps.slice(0, 4).join('\n\n');
    expect(trimSection(loose, 60)).toBe(loose);
  });

  it('cuts a bulleted list between items and prose at a sentence', () => {
    const bullets = Array.from({ length: 20 }, (_, i) => `- item ${i} of a long list`).join('\n');
    const cut = trimSection(bullets, 100);
    expect(cut.split('\n').every((l) => /^- item \d+ of a long list…?$/.test(l))).toBe(true);
    expect(trimSection('One sentence here. Another sentence that goes on and on and on.', 40)).toBe(
      'One sentence here.',
    );
  });
});

describe('buildGuide', () => {
  it('lists the action sections after the lead, in page order, without the ticket section, each vetted', () => {
    const guide = buildGuide(page[1] as KbChunk, page, (md) => md.replace('5 seconds', 'five seconds'));
    expect(guide?.shown).toBe('Start here');
    expect(guide?.remaining.map((s) => s.heading)).toEqual(['Reload the roll', 'Reset the printer']);
    expect(guide?.remaining[1]?.markdown).toContain('five seconds');
    expect(guide?.remaining[0]).toMatchObject({ source: 'printer.md', anchor: 'reload-the-roll' });
  });

  it('on a page of several problems, walks a problem section through its own subsections only', () => {
    const remote = 'Working from home';
    const part = (headingPath: string[], text: string): KbChunk => ({
      ...section(headingPath.at(-1) as string, text),
      source: 'remote.md',
      title: remote,
      headingPath: [remote, ...headingPath],
    });
    const chunks = [
      part(['What is allowed'], 'Trust laptops may view images at home.'),
      part(['VPN will not connect'], '1. Restart the laptop.\n2. Reconnect the VPN.'),
      part(['VPN will not connect', 'On a Mac'], '1. Open the VPN app.\n2. Choose Reset.'),
      part(['Images are slow at home'], '1. Use a wired connection.\n2. Close other studies.'),
    ];
    expect(buildGuide(chunks[1] as KbChunk, chunks, (md) => md)?.remaining.map((s) => s.heading)).toEqual(['On a Mac']);
  });

  it('is empty at the end of the page and absent on a page that is not about a problem', () => {
    expect(buildGuide(page[3] as KbChunk, page, (md) => md)?.remaining).toEqual([]);
    const howTo = [section('Ordering rolls', '1. Open the store.\n2. Order rolls.')].map((c) => ({
      ...c,
      title: 'Ordering supplies',
    }));
    expect(buildGuide(howTo[0] as KbChunk, howTo, (md) => md)).toBeUndefined();
  });
});
