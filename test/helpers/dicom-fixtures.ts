import { createRequire } from 'node:module';

/**
 * Synthetic DICOM objects for tests: tiny Secondary Capture instances (4×4, 8-bit) built in memory with
 * dcmjs. No real patient data anywhere: names are TEST^… / UNKNOWN^UNKNOWN, ids SYN-…, UIDs under 2.25.
 */

// dcmjs ships no type declarations; this is the slice we use (CJS build, loaded with require).
interface Dcmjs {
  data: {
    DicomMetaDictionary: { denaturalizeDataset(d: Record<string, unknown>): Record<string, unknown> };
    DicomDict: new (meta: Record<string, unknown>) => { dict: Record<string, unknown>; write(): ArrayBuffer };
  };
  log: { setLevel(level: string): void };
}
const dcmjs = createRequire(import.meta.url)('dcmjs') as Dcmjs;
dcmjs.log.setLevel('silent');

export interface SyntheticStudy {
  key: string;
  studyUid: string;
  accession: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  studyTime: string;
  /** One entry per series; each series holds one instance. */
  modalities: string[];
  description: string;
}

const SecondaryCapture = '1.2.840.10008.5.1.4.1.1.7';
const ExplicitVrLittleEndian = '1.2.840.10008.1.2.1';

/** The doc's s1–s5 set plus s6 (no accession). Fixed UIDs, so a re-seed answers `AlreadyStored`. */
export const syntheticStudies: readonly SyntheticStudy[] = [
  study(
    's1',
    '131677350239993287464666010686738072002',
    'SYN0001',
    'SYN-PAT-001',
    'TEST^ALICE',
    '20240115',
    '101500',
    ['CT', 'OT'],
    'CT HEAD W/O CONTRAST',
  ),
  study(
    's2',
    '187457571223761294340220881376700635455',
    'SYN0002',
    'SYN-PAT-002',
    'TEST^BOB',
    '20240122',
    '143000',
    ['MR'],
    'MR KNEE LEFT',
  ),
  study(
    's3',
    '146449080674994353765308088823690582883',
    'SYN0003',
    'SYN-PAT-001',
    'TEST^ALICE',
    '20240203',
    '090000',
    ['CR'],
    'CR CHEST PA',
  ),
  study(
    's4',
    '246795596735558819716558111856420098043',
    'SYN0004',
    '',
    'UNKNOWN^UNKNOWN',
    '20240110',
    '231500',
    ['US'],
    'US ABDOMEN TRAUMA',
  ),
  study(
    's5',
    '230393510677915792526690216687892125192',
    'SYN0005',
    'UNKNOWN',
    'UNKNOWN^UNKNOWN',
    '20231230',
    '031000',
    ['DX'],
    'DX HAND RIGHT',
  ),
  study(
    's6',
    '311170458291563472830014412239951871234',
    '',
    'SYN-PAT-003',
    'TEST^CAROL',
    '20240105',
    '120000',
    ['CT'],
    'CT CHEST NO ORDER',
  ),
];

function study(
  key: string,
  uidSuffix: string,
  accession: string,
  patientId: string,
  patientName: string,
  studyDate: string,
  studyTime: string,
  modalities: string[],
  description: string,
): SyntheticStudy {
  return {
    key,
    studyUid: `2.25.${uidSuffix}`,
    accession,
    patientId,
    patientName,
    studyDate,
    studyTime,
    modalities,
    description,
  };
}

/** A generated study for bulk seeding: `SYNB000042`, patient `SYN-BULK-042`, dates spread over 2023. */
export function bulkStudy(index: number, runId: number): SyntheticStudy {
  const day = new Date(Date.UTC(2023, 0, 1) + (index % 365) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const n = String(index % 997).padStart(3, '0');
  return study(
    `b${index}`,
    `${String(runId).padStart(5, '0').slice(-5)}${String(index).padStart(12, '0')}`,
    `SYNB${String(index).padStart(6, '0')}`,
    `SYN-BULK-${n}`,
    `TEST^BULK${n}`,
    day,
    '080000',
    ['CT'],
    'CT BULK SYNTHETIC',
  );
}

// Placeholders exactly as long as the real values, so patching bytes keeps every length and pad valid.
const P = {
  studyUid: '2.25.99999888888888888',
  accession: 'SYNBXXXXXX',
  patientId: 'SYN-BULK-PPP',
  patientName: 'TEST^BULKNNN',
  studyDate: '19000101',
} as const;
let bulkTemplate: Buffer | undefined;

/**
 * The Part 10 file of `bulkStudy(index, runId)`, patched from one dcmjs-built template: building each
 * with dcmjs costs ~2.5 ms, which would dominate a 10,000-study seed; patching costs microseconds.
 */
export function bulkInstance(index: number, runId: number): Buffer {
  const s = bulkStudy(index, runId);
  bulkTemplate ??= buildInstances({ ...s, ...P })[0] ?? Buffer.alloc(0);
  const out = Buffer.from(bulkTemplate);
  for (const key of Object.keys(P) as (keyof typeof P)[]) {
    const needle = Buffer.from(P[key], 'latin1');
    for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + needle.length)) {
      out.write(s[key], at, 'latin1');
    }
  }
  return out;
}

/** One Part 10 file (Explicit VR Little Endian) per series of `s`, about 1 KB each. */
export function buildInstances(s: SyntheticStudy): Buffer[] {
  return s.modalities.map((modality, i) => {
    const seriesUid = `${s.studyUid}.${i + 1}`;
    const sopUid = `${seriesUid}.1`;
    const dataset: Record<string, unknown> = {
      SpecificCharacterSet: 'ISO_IR 100',
      SOPClassUID: SecondaryCapture,
      SOPInstanceUID: sopUid,
      StudyDate: s.studyDate,
      StudyTime: s.studyTime,
      AccessionNumber: s.accession,
      Modality: modality,
      ConversionType: 'WSD',
      ReferringPhysicianName: 'REFERRER^SYNTHETIC',
      StudyDescription: s.description,
      SeriesDescription: `SERIES ${i + 1}`,
      PatientName: s.patientName,
      PatientID: s.patientId,
      PatientBirthDate: '',
      PatientSex: 'O',
      StudyInstanceUID: s.studyUid,
      SeriesInstanceUID: seriesUid,
      StudyID: s.key,
      SeriesNumber: String(i + 1),
      InstanceNumber: '1',
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: 4,
      Columns: 4,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
      PixelData: [Uint8Array.from({ length: 16 }, (_, n) => n * 16).buffer],
      _vrMap: { PixelData: 'OB' },
    };
    const meta = {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: SecondaryCapture,
      MediaStorageSOPInstanceUID: sopUid,
      TransferSyntaxUID: ExplicitVrLittleEndian,
      ImplementationClassUID: '2.25.90210',
      ImplementationVersionName: 'PACSDESK-TEST',
    };
    const { DicomMetaDictionary, DicomDict } = dcmjs.data;
    const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
    dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
    return Buffer.from(dict.write());
  });
}
