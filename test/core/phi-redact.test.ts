import { describe, expect, it } from 'vitest';
import { redactPhi } from '../../src/core/phi-redact.js';

describe('redactPhi', () => {
  it('removes every identifier of the checklist case L1', () => {
    const text = 'John Smith, MRN 12345678, DOB 01/02/1960, 555-123-4567, ACC A1234567, jsmith@x.org cannot see his CT';
    const out = redactPhi(text);
    for (const secret of [
      'John',
      'Smith',
      '12345678',
      '01/02/1960',
      '1960',
      '555-123-4567',
      'A1234567',
      'jsmith@x.org',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('cannot see his CT');
    expect(out).toContain('[MRN]');
    expect(out).toContain('[NAME]');
  });

  it.each([
    ['patient Mary Jones has no priors', 'patient [NAME] has no priors'],
    ['Mrs Jones says the viewer is blank', 'Mrs [NAME] says the viewer is blank'],
    ['the study for DOE^JANE is missing', 'the study for [NAME] is missing'],
    ['accession number: CT20240001 not in PACS', 'accession number: [ACCESSION] not in PACS'],
    ['scan done on 2024-03-05', 'scan done on [DATE]'],
    ['born 3 March 1950', 'born [DATE]'],
    ['call me at (555) 234-5678', 'call me at [PHONE]'],
    ['study uid 1.3.6.1.4.1.5962.99.1.2786', 'study uid [ID]'],
    ['hospital number 998877', 'hospital number [MRN]'],
  ])('redacts %j', (input, expected) => {
    expect(redactPhi(input)).toBe(expected);
  });

  it('keeps ordinary PACS questions intact', () => {
    for (const text of [
      'How do I pull priors from the old archive?',
      'What AE title and port does the CT scanner need?',
      'Why does the viewer say No images on the Orthanc Explorer?',
      'Transfer syntax 1.2.840.10008.1.2.4.50 is not supported',
      'What is an accession number and where do I find the MRN field?',
    ]) {
      expect(redactPhi(text)).toBe(text);
    }
  });
});

describe('withoutPhi', () => {
  it('leaves the question without identifiers or their labels, for retrieval', async () => {
    const { withoutPhi } = await import('../../src/core/phi-redact.js');
    expect(withoutPhi('images missing for John Smith MRN 12345678 DOB 01/02/1960')).toBe('images missing for');
    expect(withoutPhi('CT for patient Mary Jones, accession: CT20240001')).toBe('CT for ,');
  });

  it('keeps ordinary words that only look like labels', async () => {
    const { withoutPhi } = await import('../../src/core/phi-redact.js');
    expect(withoutPhi('how do I burn a cd for the patient to take home')).toBe(
      'how do I burn a cd for the patient to take home',
    );
    expect(withoutPhi('what is an accession number')).toBe('what is an accession number');
  });
});
