/**
 * DICOM JSON (PS3.18 F.2) readers. Keys are 8-hex-digit tags (`00080050`), values sit in `Value[]`;
 * an empty attribute has no `Value` at all (Orthanc sends `{"vr":"LO"}` for an empty PatientID), and
 * a PN value is an object whose `Alphabetic` member is the `FAMILY^GIVEN` text.
 */
export type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

export const Tag = {
  StudyDate: '00080020',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  ModalitiesInStudy: '00080061',
  StudyDescription: '00081030',
  PatientName: '00100010',
  PatientID: '00100020',
  StudyInstanceUID: '0020000D',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
} as const;

/** First value as trimmed text; PN → its Alphabetic group. `undefined` when absent or blank. */
export function text(json: DicomJson, tag: string): string | undefined {
  const value = json[tag]?.Value?.[0];
  const raw = value !== null && typeof value === 'object' ? (value as { Alphabetic?: unknown }).Alphabetic : value;
  if (raw === undefined || raw === null) return undefined;
  const s = String(raw).trim();
  return s === '' ? undefined : s;
}

export function texts(json: DicomJson, tag: string): string[] {
  return (json[tag]?.Value ?? []).map((v) => String(v).trim()).filter((v) => v !== '');
}

/** IS/US values: numbers per the standard, but some archives send strings. */
export function int(json: DicomJson, tag: string): number | undefined {
  const n = Number(json[tag]?.Value?.[0]);
  return json[tag]?.Value?.length && Number.isFinite(n) ? n : undefined;
}

/** `20240115` → `2024-01-15`; anything else → undefined. */
export function isoDate(da: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da?.trim() ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
