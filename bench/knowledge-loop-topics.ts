/**
 * The knowledge-loop bench's questions (synthetic). Each gap topic is three paraphrases of the same question; the
 * topics use disjoint vocabularies (at most one shared word), so a right grouping finds each topic exactly once.
 */
export const gapTopics: readonly (readonly string[])[] = [
  'CD import stuck at zero percent|outside CD import hangs at zero percent|importing an outside CD gets stuck at zero',
  'mammo tomosynthesis slices load blank|tomosynthesis slices blank in the mammo viewer|blank tomosynthesis slices on mammo',
  'dictation microphone button greyed out|greyed out microphone button for dictation|dictation mic button greyed',
  'hanging protocol resets after logout|hanging protocol lost after logging out|hanging protocols reset when logging out',
  'ultrasound cine clips play frozen|cine clips from ultrasound frozen|frozen ultrasound cine loop',
  'fax radiology report to referring office|faxing radiology reports to a referring office|send radiology report by fax to referring',
  '3D reconstruction server queue backlog|backlog on the 3D reconstruction server queue|reconstruction queue backlog on the 3D server',
  'teaching file export anonymised|export anonymised case to teaching file|anonymised teaching file export',
  'nuclear medicine fusion overlay misaligned|misaligned fusion overlay for nuclear medicine|NM fusion overlay misaligned',
  'dose report missing from CT exam|CT dose report missing|missing dose report on CT',
  'VPN remote reading workstation disconnects|remote reading over VPN keeps disconnecting|VPN drops on remote reading workstation',
  'critical result callback logging|log a critical result callback|where to log critical result callbacks',
  'orthopaedic templating calibration ball|calibration ball for orthopaedic templating|templating calibration ball size',
  'cardiology echo measurements not transferring|echo measurements not transferring to cardiology|echo measurement transfer from cardiology',
  'dental panoramic images wrong orientation|panoramic dental images in the wrong orientation|wrong orientation on dental panoramic',
  'hologic license expired warning|license expired warning on hologic|hologic warning licence expired',
  'barcode scanner requisition intake|scanning requisition barcodes at intake|requisition barcode scanner at the intake desk',
  'second monitor calibration drift|calibration drift on the second monitor|second monitor drifts out of calibration',
  'keyboard shortcut window level presets|window level presets keyboard shortcuts|presets for window level via keyboard shortcut',
  'outside report scanning into chart|scanning outside reports into the chart|chart scanning of an outside report',
  'pediatric bone age atlas tool|bone age atlas for pediatric|pediatric bone age tool',
  'angiography subtraction mask artifacts|subtraction mask artifacts on angiography|angiography subtraction mask artifact',
  'voice recognition vocabulary training|train voice recognition vocabulary|vocabulary training for voice recognition',
  'printer film tray jammed|film printer tray jam|jammed tray on the film printer',
  'breast MRI kinetics CAD plugin|CAD kinetics plugin for breast MRI|breast MRI CAD kinetics',
  'study merge audit trail|audit trail for study merges|merge audit trail of a study',
  'night shift preliminary read flag|flag a preliminary read on night shift|preliminary read flag for night shift',
  'interventional procedure log sheet|procedure log sheet for interventional|interventional log sheet',
  'contrast reaction protocol poster|poster for contrast reaction protocol|contrast reaction poster',
  'export DICOMDIR to USB stick|DICOMDIR export to a USB stick|USB stick DICOMDIR export',
  'tele-stroke CT perfusion maps delayed|CT perfusion maps delayed for tele-stroke|delayed perfusion maps tele-stroke',
  'PET SUV values differ between workstations|SUV values differ on PET workstations|PET SUV differs between workstations',
  'scanned consent form attach|attach scanned consent form|consent form scanned attach',
  'radiologist worklist filter by subspecialty|subspecialty filter on the radiologist worklist|filter worklist by subspecialty',
  'fluoroscopy last image hold saving|saving last image hold from fluoroscopy|fluoroscopy last image hold save',
  'peer review random case assignment|random peer review case assignment|peer review case assignment',
  'downtime paper requisition backfill|backfill paper requisitions after downtime|downtime backfill of paper requisitions',
  'bone densitometry T-score comparison|compare bone densitometry T-scores|T-score comparison densitometry',
  'mobile x-ray portable upload delay|portable x-ray upload delayed from mobile|mobile portable x-ray uploads delay',
  'cloud archive retrieval slow for old exams|slow retrieval of old exams from cloud archive|old exams cloud archive retrieval slow',
].map((line) => line.split('|'));

/** What the KB answers well: the answered questions, except the few on gap topics. */
export const coveredTopics: readonly string[] = [
  'clear the viewer cache',
  'reset my PACS password',
  'study not showing on the worklist',
  'images not displaying in the viewer',
  'request access to the PACS',
  'modality worklist not showing the order',
  'downtime procedure for PACS',
  'who is on call for PACS',
  'prior import from an outside hospital',
  'merge two studies of the same patient',
  'split a wrongly merged study',
  'viewer very slow to open',
  'measurement tool missing',
  'export images as JPEG',
  'key images not saved',
  'change the default layout',
  'report not attached to the study',
  'scanner cannot send to PACS',
  'study stuck in the routing queue',
  'contacts for the RIS team',
];

const prefixes = ['', '', 'how do I ', 'anyone know why ', 'hi, ', 'please help: '] as const;
const suffixes = ['', '', '?', ' again', ' this morning', ' today'] as const;

/** A phrasing as someone would type it: a filler prefix, and a suffix or an identifier (one extra word at most). */
export function decorate(core: string, pick: (n: number) => number, identifier?: string): string {
  return `${prefixes[pick(prefixes.length)]}${core}${identifier ?? suffixes[pick(suffixes.length)]}`;
}

/** Synthetic MRN-like identifiers, each seen once, in the shapes the redactor must catch. */
export function identifierSuffix(n: number): { text: string; id: string } {
  const digits = String(90_000_000 + ((n * 7919) % 9_999_999));
  const shapes = [
    { text: ` for MRN ${digits}`, id: digits },
    { text: ` mrn:SYN${digits.slice(2)}`, id: `SYN${digits.slice(2)}` },
    { text: ` accession ACC${digits}`, id: `ACC${digits}` },
    { text: ` (pid ${digits})`, id: digits },
  ] as const;
  return shapes[n % shapes.length] as { text: string; id: string };
}
