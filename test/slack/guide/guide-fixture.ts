import type { TroubleshootingGuide } from '../../../src/answers/types.js';

/** A synthetic three-step guide (the answer's section, then two more). */
export const guide: TroubleshootingGuide = {
  source: 'viewer/black-images.md',
  title: 'Black images',
  shown: 'First: is it just you?',
  remaining: [
    {
      source: 'viewer/black-images.md',
      anchor: 'clear-the-cache',
      heading: 'Clear the cache',
      markdown: '1. Close the viewer.\n2. Clear the cache.\n3. Open the study again.',
    },
    {
      source: 'viewer/black-images.md',
      anchor: 'reset-the-workstation',
      heading: 'Reset the <workstation>',
      markdown: 'Press the reset key & wait @channel.',
    },
  ],
};

export const answerId = '0b9f2a44-1c1e-4a4e-9a57-5d1b6f0f7c11';
