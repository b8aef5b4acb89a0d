import { redactPhi } from '../../core/phi-redact.js';
import type { Role } from '../../core/roles.js';
import type { WorklistItem } from '../worklist/worklist-types.js';
import { MaskLevel, type MaskOptions, maskLevel, maskTail, nameInitials } from './mask-study.js';

/** A worklist item as shown: the scheduling facts, and identifiers as the role may see them. */
export interface MaskedWorklistItem {
  level: MaskLevel;
  accession?: string;
  modality?: string;
  scheduledStationAet?: string;
  scheduledStationName?: string;
  scheduledStart?: string;
  status?: string;
  procedure?: string;
  patientName?: string;
  patientId?: string;
  /** Only at `full`. */
  patientBirthDate?: string;
  /** Only at `full`: a UID is an identifying number too. */
  studyInstanceUid?: string;
}

/**
 * The item as a role may see it, masked as study lookups are: initials and the MRN's last characters for
 * associates and admins, everything only for an admin who asked (`showPhi`), no identifiers for anyone else.
 * @example maskWorklistItem(item, 'associate').patientName → 'T.A.'
 */
export function maskWorklistItem(
  item: WorklistItem,
  role: Role | undefined,
  options: MaskOptions = {},
): MaskedWorklistItem {
  const level = maskLevel(role, options);
  const full = level === MaskLevel.Full;
  const shown: MaskedWorklistItem = {
    level,
    modality: item.modality,
    scheduledStationAet: item.scheduledStationAet,
    scheduledStationName: item.scheduledStationName,
    scheduledStart: item.scheduledStart,
    status: item.status,
    procedure: item.procedure === undefined || full ? item.procedure : redactPhi(item.procedure),
  };
  if (item.accession) shown.accession = full ? item.accession : `ACC ${maskTail(item.accession)}`;
  if (full) {
    shown.patientName = item.patientName;
    shown.patientId = item.patientId;
    shown.patientBirthDate = item.patientBirthDate;
    shown.studyInstanceUid = item.studyInstanceUid;
  } else if (level === MaskLevel.Masked) {
    if (item.patientName) shown.patientName = nameInitials(item.patientName);
    if (item.patientId) shown.patientId = maskTail(item.patientId);
  }
  return shown;
}
