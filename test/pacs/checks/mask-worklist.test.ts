import { describe, expect, it } from 'vitest';
import { maskWorklistItem } from '../../../src/pacs/checks/mask-worklist.js';
import type { WorklistItem } from '../../../src/pacs/worklist/worklist-types.js';
import { wl0001 } from '../worklist/worklist-fixtures.js';

const item: WorklistItem = wl0001;
const facts = {
  modality: 'CT',
  scheduledStationAet: 'CT3',
  scheduledStationName: 'CT SCANNER 3',
  scheduledStart: '2026-12-01T09:15',
  status: 'SCHEDULED',
  procedure: 'CT HEAD W/O CONTRAST',
};

describe('worklist items are masked like study lookups', () => {
  it('requester (a clinician): scheduling facts only', () => {
    expect(maskWorklistItem(item, 'requester')).toEqual({ level: 'minimal', accession: 'ACC •••001', ...facts });
  });

  it.each(['associate', 'admin'] as const)('%s: initials and the MRN tail, no birth date or UID', (role) => {
    expect(maskWorklistItem(item, role)).toEqual({
      level: 'masked',
      accession: 'ACC •••001',
      patientName: 'T.A.',
      patientId: '•••-101',
      ...facts,
    });
    expect(maskWorklistItem(item, role, { showPhi: role === 'associate' }).level).toBe('masked');
  });

  it('admin with showPhi: everything', () => {
    expect(maskWorklistItem(item, 'admin', { showPhi: true })).toEqual({ level: 'full', ...item });
  });

  it('redacts identifiers typed into a procedure text unless full', () => {
    const shown = maskWorklistItem({ ...item, procedure: 'CT HEAD for MRN 1234567' }, 'associate');
    expect(shown.procedure).not.toContain('1234567');
  });
});
