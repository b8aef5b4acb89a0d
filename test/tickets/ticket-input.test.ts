import { describe, expect, it } from 'vitest';
import { validateTicketInput } from '../../src/tickets/ticket-input.js';

const valid = {
  summary: 'CT from St Elsewhere missing',
  description: 'Outside CT not visible',
  category: 'prior_import',
  urgency: 'urgent',
};

describe('validateTicketInput', () => {
  it('accepts a complete ticket and drops empty optional fields', () => {
    const result = validateTicketInput({ ...valid, site: '  ', accession: 'CT24-0012345' });
    expect(result).toEqual({ ok: true, input: { ...valid, accession: 'CT24-0012345' } });
  });

  it('reports every bad field at once, by field name', () => {
    const result = validateTicketInput({
      summary: 'hi',
      description: 'x'.repeat(3001),
      category: 'nonsense',
      urgency: undefined,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['category', 'description', 'summary', 'urgency']);
  });

  it.each(['*', 'A12*', '?123', 'A1\\A2', 'A1,A2', 'A^B=C', 'A123&PatientID=*', 'A12\u200b34', 'x'.repeat(17)])(
    'rejects the accession %j',
    (accession) => {
      const result = validateTicketInput({ ...valid, accession });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.accession).toMatch(/letters, digits and dashes/);
    },
  );

  it('normalises full-width digits before checking the accession', () => {
    expect(validateTicketInput({ ...valid, accession: 'ＣＴ１２３' })).toMatchObject({
      ok: true,
      input: { accession: 'CT123' },
    });
  });
});
