import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aeTitle, aeTitlePattern, bool, int, list, regex } from '../../src/config/fields.js';
import { siteSchema } from '../../src/pacs/pacs-config-schema.js';

const messages = (schema: z.ZodType, value: string | undefined) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('config field builders', () => {
  it('bool: true/1/yes and false/0/no in any case; blank or unset is the default; anything else is a problem', () => {
    const flag = bool(false);
    expect(['true', ' YES ', '1'].map((v) => flag.parse(v))).toEqual([true, true, true]);
    expect(['false', 'No', '0', '', undefined].map((v) => flag.parse(v))).toEqual([false, false, false, false, false]);
    expect(bool(true).parse('')).toBe(true);
    expect(messages(flag, 'maybe')).toEqual([expect.stringMatching(/^Invalid option: expected one of /)]);
  });

  it('int: blank or unset is the default; not a number, not whole, or out of range is one problem', () => {
    const port = int(3000, 0, 65535);
    expect([undefined, '', ' 8080 ', '0'].map((v) => port.parse(v))).toEqual([3000, 3000, 8080, 0]);
    expect(messages(port, 'eighty')).toEqual(['Invalid input: expected number, received NaN']);
    expect(messages(port, '1.5')).toEqual(['Invalid input: expected int, received number']);
    expect(messages(port, '-1')).toEqual(['Too small: expected number to be >=0']);
    expect(messages(port, '70000')).toEqual(['Too big: expected number to be <=65535']);
    expect(
      messages(
        int(5, 1, 50, (raw) => `"${raw}" is not a cap`),
        '0',
      ),
    ).toEqual(['"0" is not a cap']);
  });

  it('list: comma-separated, trimmed, blanks dropped, with a default list', () => {
    expect(list().parse(' a, ,b ,')).toEqual(['a', 'b']);
    expect(list().parse(undefined)).toEqual([]);
    expect(list({ normalise: (s) => s.toUpperCase(), fallback: 'x,y' }).parse('  ')).toEqual(['X', 'Y']);
    expect(messages(list({ item: z.string().regex(/^U/) }), 'U1,bob')).toHaveLength(1);
  });

  it('regex: compiles the pattern or the default, and reports one that does not compile', () => {
    expect(regex('^a$', 'i').parse(undefined).test('A')).toBe(true);
    expect(regex('^a$').parse('^b$').test('b')).toBe(true);
    expect(messages(regex('^a$'), '([')).toEqual(['not a valid regular expression']);
  });

  it('AE title: one pattern for the calling AET setting and the sites file (1–16 characters, no backslash)', () => {
    expect(aeTitle('PACSDESK').parse(undefined)).toBe('PACSDESK');
    expect(aeTitle('PACSDESK').parse(' MY AET ')).toBe('MY AET');
    expect(messages(aeTitle('PACSDESK'), 'A\\B')).toEqual(['not an AE title']);
    expect(messages(aeTitle('PACSDESK'), '12345678901234567')).toEqual(['not an AE title']);
    expect(aeTitlePattern.test('CT\\MR')).toBe(false);
    const site = (calledAet: string) =>
      siteSchema.safeParse({ id: 'a', kind: 'dicomweb', dimse: { host: 'h', port: 104, calledAet } }).success;
    expect([site('LEGACY'), site('CT\\MR'), site('12345678901234567')]).toEqual([true, false, false]);
  });
});
