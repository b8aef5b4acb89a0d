import { BotError, ErrorCode } from '../../core/errors.js';
import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import type { PacsHttpClient } from '../http/pacs-http-client.js';
import type { StudyQuery, StudyRecord } from '../types.js';
import { type DicomJson, int, isoDate, Tag, text, texts } from './dicom-json.js';

/**
 * The only QIDO-RS keys the bot sends. Archives ignore an unknown key and then match EVERY study
 * (Orthanc `?FooBar=1` → all), so nothing outside this list ever reaches the query string.
 */
export const qidoKeys = {
  accession: 'AccessionNumber',
  patientId: 'PatientID',
  studyDate: 'StudyDate',
  studyInstanceUid: 'StudyInstanceUID',
} as const satisfies Partial<Record<keyof StudyQuery, string>>;

/** Sent one `includefield` per tag: `includefield=a%2Cb` silently adds nothing in Orthanc DICOMweb 1.7. */
export const studyIncludeFields = [
  Tag.StudyDescription,
  Tag.ModalitiesInStudy,
  Tag.NumberOfStudyRelatedSeries,
  Tag.NumberOfStudyRelatedInstances,
  Tag.AccessionNumber,
  Tag.PatientID,
  Tag.PatientName,
  Tag.StudyDate,
  Tag.StudyTime,
] as const;

export const defaultStudyLimit = 100;
// The unidentified sweep asks for up to 10,000 studies of a date window in one query (checks/check-settings.ts).
const maxStudyLimit = 10_000;
const datePattern = /^(\d{8})?-?(\d{8})?$/;
// `*`, `?` and `\` are wildcard/multi-value syntax; a blank value is a universal match.
const valuePattern = /^[^*?\\]{1,64}$/;

/** Vendor differences in QIDO-RS. */
export interface QidoQuirks {
  /** dcm4chee: `orderby=-StudyDate` makes `limit` keep the newest studies. */
  orderByDate?: boolean;
}

/**
 * The query string for a study search; throws `bad_input` for a query that would match everything.
 * @example buildQidoQuery({ accession: 'SYN0001' }) // 'AccessionNumber=SYN0001&includefield=00081030&…&limit=100'
 */
export function buildQidoQuery(query: StudyQuery, quirks: QidoQuirks = {}): string {
  const parts: string[] = [];
  for (const [field, key] of Object.entries(qidoKeys) as [keyof typeof qidoKeys, string][]) {
    const value = query[field]?.trim();
    if (query[field] === undefined) continue;
    const ok =
      field === 'studyDate' ? !!value && value !== '-' && datePattern.test(value) : valuePattern.test(value ?? '');
    if (!value || !ok) throw new BotError(ErrorCode.BadInput, `study search: ${key} has an invalid value`);
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  if (parts.length === 0) {
    throw new BotError(ErrorCode.BadInput, 'study search needs an accession, a patient id or a date range');
  }
  for (const tag of studyIncludeFields) parts.push(`includefield=${tag}`);
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? defaultStudyLimit)), maxStudyLimit);
  parts.push(`limit=${limit}`);
  if (quirks.orderByDate) parts.push('orderby=-StudyDate');
  return parts.join('&');
}

/** One QIDO study object → StudyRecord (no `stable`/`lastReceived`: QIDO does not say). */
export function parseQidoStudy(json: DicomJson, site: string): StudyRecord | undefined {
  const studyInstanceUid = text(json, Tag.StudyInstanceUID);
  if (!studyInstanceUid) return undefined;
  return {
    site,
    studyInstanceUid,
    accession: text(json, Tag.AccessionNumber),
    studyDate: isoDate(text(json, Tag.StudyDate)),
    modalities: texts(json, Tag.ModalitiesInStudy),
    description: text(json, Tag.StudyDescription),
    series: int(json, Tag.NumberOfStudyRelatedSeries),
    instances: int(json, Tag.NumberOfStudyRelatedInstances),
    patientId: text(json, Tag.PatientID),
    patientName: text(json, Tag.PatientName),
  };
}

/** Newest first; archives return QIDO matches in no particular order. */
export function byDateDesc(a: StudyRecord, b: StudyRecord): number {
  return (b.studyDate ?? '').localeCompare(a.studyDate ?? '') || a.studyInstanceUid.localeCompare(b.studyInstanceUid);
}

/**
 * `GET {dicomwebUrl}/studies?…` → records, newest first. 204 or an empty body is "no match" (dcm4chee).
 * @example await qidoFindStudies(http, 'main', { patientId: 'SYN-PAT-001' })
 */
export async function qidoFindStudies(
  http: PacsHttpClient,
  site: string,
  query: StudyQuery,
  quirks: QidoQuirks = {},
): Promise<StudyRecord[]> {
  const { body } = await http.request('/studies', {
    query: buildQidoQuery(query, quirks),
    accept: 'application/dicom+json, application/json',
  });
  if (body === undefined) return [];
  if (!Array.isArray(body)) {
    throw new PacsError(PacsErrorCode.BadResponse, `${site} QIDO /studies: the answer is not a JSON array`);
  }
  return body
    .map((item) => parseQidoStudy(item as DicomJson, site))
    .filter((s): s is StudyRecord => s !== undefined)
    .sort(byDateDesc);
}
