import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorklistItem } from '../../../src/pacs/worklist/worklist-types.js';

/** Synthetic worklist items (TEST^… names, SYN-… ids), written as `.wl` files with dcmtk's `dump2dcm`. */

export interface WlItem {
  accession: string;
  patientId: string;
  patientName: string;
  birthDate?: string;
  procedure: string;
  modality: string;
  stationAet: string;
  stationName: string;
  /** DICOM DA and TM. */
  date: string;
  time: string;
  status: string;
}

/** The item as a dcmtk dump: a Scheduled Procedure Step Sequence with one step. */
export function itemDump(item: WlItem, n: number): string {
  return [
    '(0008,0005) CS [ISO_IR 100]',
    `(0008,0050) SH [${item.accession}]`,
    `(0010,0010) PN [${item.patientName}]`,
    `(0010,0020) LO [${item.patientId}]`,
    `(0010,0030) DA [${item.birthDate ?? '19700101'}]`,
    '(0010,0040) CS [O]',
    `(0020,000d) UI [2.25.${4242000 + n}]`,
    `(0032,1060) LO [${item.procedure}]`,
    `(0040,1001) SH [RP${n}]`,
    '(0040,0100) SQ (Sequence with explicit length #=1)',
    '  (fffe,e000) na (Item with explicit length #=8)',
    `    (0008,0060) CS [${item.modality}]`,
    `    (0040,0001) AE [${item.stationAet}]`,
    `    (0040,0002) DA [${item.date}]`,
    `    (0040,0003) TM [${item.time}]`,
    `    (0040,0007) LO [${item.procedure}]`,
    `    (0040,0009) SH [SPS${n}]`,
    `    (0040,0010) SH [${item.stationName}]`,
    `    (0040,0020) CS [${item.status}]`,
    '  (fffe,e00d) na (ItemDelimitationItem)',
    '(fffe,e0dd) na (SequenceDelimitationItem)',
    '',
  ].join('\n');
}

/** Writes items as `item<n>.wl` into `folder` (made if missing) with dump2dcm. */
export function writeItems(folder: string, items: readonly WlItem[]): void {
  mkdirSync(folder, { recursive: true });
  items.forEach((item, i) => {
    const dump = join(folder, `item${i}.dump`);
    writeFileSync(dump, itemDump(item, i));
    const r = spawnSync('/usr/bin/dump2dcm', [dump, join(folder, `item${i}.wl`)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`dump2dcm: ${r.stderr}`);
  });
}

/** Synthetic worklist: two CT3 steps on 2026-12-01, an MR step the next day, one accession booked twice. */
export const wlItems: readonly WlItem[] = [
  {
    accession: 'WL0001',
    patientId: 'SYN-PAT-101',
    patientName: 'TEST^ALICE',
    birthDate: '19800102',
    procedure: 'CT HEAD W/O CONTRAST',
    modality: 'CT',
    stationAet: 'CT3',
    stationName: 'CT SCANNER 3',
    date: '20261201',
    time: '091500',
    status: 'SCHEDULED',
  },
  {
    accession: 'WL0002',
    patientId: 'SYN-PAT-102',
    patientName: 'TEST^BOB',
    procedure: 'CT CHEST',
    modality: 'CT',
    stationAet: 'CT3',
    stationName: 'CT SCANNER 3',
    date: '20261201',
    time: '1430',
    status: 'ARRIVED',
  },
  {
    accession: 'WL0003',
    patientId: 'SYN-PAT-101',
    patientName: 'TEST^ALICE',
    procedure: 'MR KNEE',
    modality: 'MR',
    stationAet: 'MR1',
    stationName: 'MR 1',
    date: '20261202',
    time: '080000',
    status: 'SCHEDULED',
  },
  {
    accession: 'WL0004',
    patientId: 'SYN-PAT-103',
    patientName: 'TEST^CAROL',
    procedure: 'CR CHEST',
    modality: 'CR',
    stationAet: 'CR2',
    stationName: 'X-RAY 2',
    date: '20261201',
    time: '100000',
    status: 'SCHEDULED',
  },
  {
    accession: 'WL0004',
    patientId: 'SYN-PAT-103',
    patientName: 'TEST^CAROL',
    procedure: 'CR CHEST',
    modality: 'CR',
    stationAet: 'CR2',
    stationName: 'X-RAY 2',
    date: '20261201',
    time: '103000',
    status: 'SCHEDULED',
  },
];

/** Item WL0001 of `wlItems` as a lookup returns it (every WorklistItem field), for tests that check the mapping. */
export const wl0001: WorklistItem = {
  accession: 'WL0001',
  modality: 'CT',
  scheduledStationAet: 'CT3',
  scheduledStationName: 'CT SCANNER 3',
  scheduledStart: '2026-12-01T09:15',
  status: 'SCHEDULED',
  procedure: 'CT HEAD W/O CONTRAST',
  studyInstanceUid: '2.25.4242000',
  patientId: 'SYN-PAT-101',
  patientName: 'TEST^ALICE',
  patientBirthDate: '1980-01-02',
};

const booked = (accession: string, modality: string, date: string, n: number): WlItem => ({
  accession,
  patientId: `SYN-PAT-${203 + n}`,
  patientName: 'TEST^ANOM',
  procedure: `${modality} SYNTHETIC`,
  modality,
  stationAet: `${modality}1`,
  stationName: `${modality} 1`,
  date,
  time: '083000',
  status: 'SCHEDULED',
});

/**
 * Orders for the anomaly sweep's worklist studies (anomalies-seed.ts `worklistStudies`): SYNMWL01 booked as MR
 * (the study is CT), SYNMWL02 as CT (it matches), and SYNMWL03 as MR two weeks earlier (outside any sweep window).
 */
export const mismatchWlItems: readonly WlItem[] = [
  booked('SYNMWL01', 'MR', '20261201', 1),
  booked('SYNMWL02', 'CT', '20261201', 2),
  booked('SYNMWL03', 'MR', '20261115', 3),
];
