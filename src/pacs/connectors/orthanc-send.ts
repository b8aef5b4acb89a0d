import { PacsError, PacsErrorCode } from '../http/pacs-error.js';
import type { PacsHttpClient } from '../http/pacs-http-client.js';

interface OrthancModality {
  AET?: string;
}

/**
 * Sends one study from this Orthanc to a DICOM node through its REST API (`POST /modalities/{id}/store`, an
 * asynchronous job). Orthanc only stores to nodes named in its `DicomModalities`, so the destination is found by
 * its AE title among them; an unknown title is refused with the fix, before any job is created.
 */
export async function orthancSendStudy(
  rest: PacsHttpClient,
  site: string,
  studyInstanceUid: string,
  destinationAet: string,
): Promise<void> {
  const ids = await rest.post<string[]>(
    '/tools/find',
    { Level: 'Study', Query: { StudyInstanceUID: studyInstanceUid }, Limit: 2 },
    { idempotent: true },
  );
  const [orthancId] = ids ?? [];
  if (!orthancId) throw new PacsError(PacsErrorCode.NotFound, `${site}: study not found for sending`);
  const modalities = (await rest.get<Record<string, OrthancModality>>('/modalities', 'expand')) ?? {};
  // AE titles compare exactly in DICOM; Orthanc keeps them as configured.
  const target = Object.entries(modalities).find(([, m]) => m.AET === destinationAet)?.[0];
  if (!target) {
    throw new PacsError(
      PacsErrorCode.Unsupported,
      `${site}: no DicomModalities entry has AE title ${destinationAet}; add the destination there`,
    );
  }
  await rest.post(`/modalities/${encodeURIComponent(target)}/store`, { Resources: [orthancId], Synchronous: false });
}
