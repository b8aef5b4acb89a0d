import { describe, expect, it } from 'vitest';
import { analyze, stem, surfaceWords } from '../../src/kb/search/analyzer.js';
import { EXPANSION, expandQuery } from '../../src/kb/search/expand-query.js';

describe('analyzer', () => {
  it('stems with Porter so inflections meet', () => {
    expect(analyze('retrieving retrieved retrieves')).toEqual(['retriev', 'retriev', 'retriev']);
    expect(analyze('studies')).toEqual(analyze('study'));
  });

  it('drops stop words and chat filler', () => {
    expect(analyze("hi, how do I get the images? thanks, it won't work")).toEqual(['imag']);
  });

  it('keeps compounds whole and in parts, and splits camelCase', () => {
    expect(surfaceWords('C-MOVE DicomModalities query/retrieve')).toEqual([
      'cmove',
      'move',
      'dicommodalities',
      'dicom',
      'modalities',
      'query',
      'retrieve',
    ]);
  });

  it('keeps tokens with digits exact and normalises British spellings', () => {
    expect(stem('jpeg2000')).toBe('jpeg2000');
    expect(analyze('anonymise colours')).toEqual(analyze('anonymize colors'));
  });
});

describe('vocabulary expansion', () => {
  it('adds technical synonyms below the typed terms', () => {
    const terms = expandQuery('pull old scans');
    const typed = terms.filter((t) => t.original).map((t) => t.term);
    expect(typed).toEqual(['pull', 'old', 'scan']);
    const cmove = terms.find((t) => t.term === 'cmove');
    expect(cmove?.weight).toBe(EXPANSION.weight);
    expect(cmove?.from).toContain('pull');
    expect(terms.find((t) => t.term === 'prior')?.original).toBe(false);
  });

  it('maps acronyms both ways: MWL and modality worklist, AE title and aet', () => {
    expect(expandQuery('mwl is empty').map((t) => t.term)).toContain('worklist');
    expect(expandQuery('what is our ae title').map((t) => t.term)).toContain('aet');
    expect(expandQuery('which AET').map((t) => t.term)).toContain('applic');
  });

  it('splits a multi-word synonym weight among its words', () => {
    const weight = expandQuery('de-identify a study').find((t) => t.term === 'anonym')?.weight;
    expect(weight).toBe(EXPANSION.weight);
    const entity = expandQuery('aet').find((t) => t.term === 'entiti');
    expect(entity?.weight).toBeCloseTo(EXPANSION.weight / 2);
  });

  it('does not expand on a phrase that only matched after dropping stop words', () => {
    // "log in" would reduce to "log" and drag authentication terms into every logging question.
    expect(expandQuery('where are the logs').map((t) => t.term)).not.toContain('authent');
    expect(expandQuery('forgot my password').map((t) => t.term)).toContain('authent');
  });

  it('does not let one-way triggers add each other', () => {
    expect(expandQuery('the ct is down').map((t) => t.term)).toContain('modal');
    expect(expandQuery('the ct is down').map((t) => t.term)).not.toContain('mri');
  });
});
