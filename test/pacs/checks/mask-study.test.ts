import { describe, expect, it } from 'vitest';
import { maskLevel, maskStudy, maskTail, nameInitials } from '../../../src/pacs/checks/mask-study.js';
import type { StudyRecord } from '../../../src/pacs/types.js';
import { study } from './fakes.js';

// A connector might attach more than the contract: none of it may reach the display.
const record = {
  ...study({ description: 'CT HEAD for patient Mary Jones' }),
  patientBirthDate: '19600201',
  address: '1 Test Street',
} as StudyRecord;

describe('maskStudy (checklist P3)', () => {
  it('shows a requester no name and no MRN, and a masked accession', () => {
    const shown = maskStudy(record, 'requester');
    expect(shown).toMatchObject({ level: 'minimal', accession: 'ACC •••0001', modalities: ['CT', 'OT'] });
    expect(shown).not.toHaveProperty('patientName');
    expect(shown).not.toHaveProperty('patientId');
  });

  it('shows an associate initials, MRN last 4 and a masked accession', () => {
    const shown = maskStudy(record, 'associate', { showPhi: true });
    expect(shown).toEqual({
      level: 'masked',
      site: 'main',
      patientName: 'T.A.',
      patientId: '•••-001',
      accession: 'ACC •••0001',
      studyDate: '2026-11-28',
      modalities: ['CT', 'OT'],
      description: 'CT HEAD for patient [NAME]',
      series: 2,
      instances: 2,
    });
  });

  it('shows an admin the masked view unless showPhi is set', () => {
    expect(maskStudy(record, 'admin').level).toBe('masked');
    const full = maskStudy(record, 'admin', { showPhi: true });
    expect(full).toMatchObject({
      level: 'full',
      patientName: 'TEST^ALICE',
      patientId: 'SYN-PAT-001',
      accession: 'SYN0001',
      studyInstanceUid: '2.25.1001',
    });
  });

  it.each(['requester', 'associate', 'admin', undefined] as const)(
    'never shows a birth date or address (%s)',
    (role) => {
      for (const showPhi of [false, true]) {
        const text = JSON.stringify(maskStudy(record, role, { showPhi }));
        expect(text).not.toContain('1960');
        expect(text).not.toContain('Test Street');
      }
    },
  );

  it('treats no role as the least view', () => {
    expect(maskLevel(undefined, { showPhi: true })).toBe('minimal');
  });

  it.each([
    ['TEST^ALICE', 'T.A.'],
    ['DOE^JOHN^Q', 'D.J.Q.'],
    ['UNKNOWN^UNKNOWN', 'U.U.'],
    ['^ALICE', 'A.'],
    ['müller^émile', 'M.É.'],
    ['YAMADA^TARO=山田^太郎', 'Y.T.'],
    ['', ''],
  ])('turns %j into initials %j', (name, initials) => {
    expect(nameInitials(name)).toBe(initials);
  });

  it.each([
    ['SYN-PAT-001', '•••-001'],
    ['SYN0001', '•••0001'],
    ['12345', '•••45'],
    ['123', '•••'],
  ])('masks %j as %j', (value, masked) => {
    expect(maskTail(value)).toBe(masked);
  });
});
