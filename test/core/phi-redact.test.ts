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
    ['that study SYN0001 will not open', 'that study [ACCESSION] will not open'],
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

describe('phone numbers (L1)', () => {
  it.each([
    ['call me on 07700 900123', 'call me on [PHONE]'],
    ['mobile +44 7700 900123 please', 'mobile [PHONE] please'],
    ['ring +44 (0)20 7946 0958', 'ring [PHONE]'],
    ['ward 020 7946 0958', 'ward [PHONE]'],
    ['cell 555.123.4567', 'cell [PHONE]'],
    ['cell 555-123-4567', 'cell [PHONE]'],
    ['tel: +1-555-123-4567.', 'tel: [PHONE].'],
    ['us 1 800 555 0199', 'us [PHONE]'],
    ['(555)123-4567 after 5', '[PHONE] after 5'],
    ['paris +33 1 42 68 53 00', 'paris [PHONE]'],
    ['berlin +49 30 901820', 'berlin [PHONE]'],
    ['+447700900123', '[PHONE]'],
    ['local 555-1234', 'local [PHONE]'],
  ])('L1: redacts %j whole', (input, expected) => {
    expect(redactPhi(input)).toBe(expected);
  });

  it('L1: keeps numbers that are not phone numbers', () => {
    for (const text of [
      'IP 192.168.100.200 port 104',
      'transfer syntax 1.2.840.10008.1.2.4.50',
      'ports 104 and 11112, AE port 4242',
      'dcmtk 3.6.7 on Orthanc 1.12.3',
      'studies from 2020-2024',
      'steps 1-2-3 at 10:30-11:45',
    ]) {
      expect(redactPhi(text)).toBe(text);
    }
  });
});
