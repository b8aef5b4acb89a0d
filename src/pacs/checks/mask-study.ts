import { redactPhi } from '../../core/phi-redact.js';
import { Role } from '../../core/roles.js';
import type { StudyRecord } from '../types.js';

/** `minimal` (requester): no name, no MRN; `masked` (associate, admin by default); `full` (admin + showPhi). */
export const MaskLevel = { Minimal: 'minimal', Masked: 'masked', Full: 'full' } as const;
export type MaskLevel = (typeof MaskLevel)[keyof typeof MaskLevel];

/** A study as shown: only whitelisted fields, so anything else a connector attaches (birth date) is dropped. */
export interface MaskedStudy {
  level: MaskLevel;
  site: string;
  patientName?: string;
  patientId?: string;
  accession?: string;
  /** Only at `full`: a UID is an identifying number too. */
  studyInstanceUid?: string;
  studyDate?: string;
  modalities: string[];
  description?: string;
  series?: number;
  instances?: number;
}

export interface MaskOptions {
  /** An admin's explicit request to see identifiers (audited by the caller). */
  showPhi?: boolean;
}

/**
 * Which view a role gets.
 *
 * @example `maskLevel('admin', { showPhi: true })` → `'full'`
 */
export function maskLevel(role: Role | undefined, options: MaskOptions = {}): MaskLevel {
  if (role === Role.Admin && options.showPhi === true) return MaskLevel.Full;
  if (role === Role.Admin || role === Role.Associate) return MaskLevel.Masked;
  return MaskLevel.Minimal;
}

/**
 * Initials of a DICOM person name (family, given, middle; the alphabetic group only).
 *
 * @example `nameInitials('TEST^ALICE')` → `'T.A.'`
 */
export function nameInitials(name: string): string {
  const alphabetic = name.split('=')[0] ?? '';
  return alphabetic
    .split('^')
    .slice(0, 3)
    .map((part) => part.trim().match(/\p{L}/u)?.[0]?.toUpperCase())
    .filter((c): c is string => c !== undefined)
    .map((c) => `${c}.`)
    .join('');
}

/**
 * Keeps at most the last 4 characters, and always hides at least 3.
 *
 * @example `maskTail('SYN-PAT-001')` → `'•••-001'`
 */
export function maskTail(value: string): string {
  const chars = Array.from(value);
  const keep = Math.max(0, Math.min(4, chars.length - 3));
  return `•••${keep > 0 ? chars.slice(-keep).join('') : ''}`;
}

/**
 * The record as a role may see it. Birth dates are never included; description is PHI-redacted unless `full`.
 *
 * @example `maskStudy(record, 'associate').patientName` → `'T.A.'`
 */
export function maskStudy(record: StudyRecord, role: Role | undefined, options: MaskOptions = {}): MaskedStudy {
  const level = maskLevel(role, options);
  const full = level === MaskLevel.Full;
  const shown: MaskedStudy = {
    level,
    site: record.site,
    studyDate: record.studyDate,
    modalities: [...record.modalities],
    description: record.description === undefined || full ? record.description : redactPhi(record.description),
    series: record.series,
    instances: record.instances,
  };
  if (record.accession) shown.accession = full ? record.accession : `ACC ${maskTail(record.accession)}`;
  if (full) {
    shown.patientName = record.patientName;
    shown.patientId = record.patientId;
    shown.studyInstanceUid = record.studyInstanceUid;
  } else if (level === MaskLevel.Masked) {
    if (record.patientName) shown.patientName = nameInitials(record.patientName);
    if (record.patientId) shown.patientId = maskTail(record.patientId);
  }
  return shown;
}
