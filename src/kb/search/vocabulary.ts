/**
 * PACS / DICOM / HL7 vocabulary for query expansion: the words clinicians and PACS associates type, mapped to the
 * words documentation uses. Data only; `expand-query.ts` applies it.
 *
 * - `terms` are synonyms: any one of them in the question adds all the others.
 * - `related` are added when a term matches, but never trigger expansion themselves (one-way: "pull" suggests
 *   C-MOVE, but a question about C-MOVE should not drag in every page that says "pull").
 * - `oneWay: true` makes `terms` triggers only: they add `related` but not each other.
 *
 * Expanded words always weigh less than the words actually typed (see EXPANSION in expand-query.ts).
 * This module is long because it is data, one concept per entry; the logic lives in expand-query.ts.
 */
export interface VocabularyEntry {
  readonly terms: readonly string[];
  readonly related?: readonly string[];
  readonly oneWay?: boolean;
}

export const PACS_VOCABULARY = [
  // DIMSE services
  { terms: ['c-move', 'cmove', 'retrieve', 'pull', 'fetch', 'query/retrieve', 'q/r'], related: ['move', 'c-get'] },
  { terms: ['c-find', 'cfind'], related: ['query', 'find', 'search'] },
  { terms: ['search', 'look up', 'lookup'], related: ['c-find', 'query', 'find'], oneWay: true },
  { terms: ['c-store', 'cstore', 'store scu'], related: ['send', 'store'] },
  { terms: ['push', 'send', 'transmit'], related: ['c-store', 'store', 'send'], oneWay: true },
  { terms: ['c-echo', 'cecho', 'dicom ping', 'echo', 'verification'], related: ['ping', 'connectivity'] },
  { terms: ['ping', 'test connection', 'check connection'], related: ['c-echo', 'echo', 'connectivity'], oneWay: true },
  { terms: ['c-get', 'cget'], related: ['retrieve'] },
  { terms: ['scu', 'service class user'], related: ['client'] },
  { terms: ['scp', 'service class provider'], related: ['server'] },
  { terms: ['ae title', 'aetitle', 'aet', 'application entity', 'calling aet', 'called aet'], related: ['dicomaet'] },
  { terms: ['association', 'associate'], related: ['aet', 'network'] },
  {
    terms: ['rejected', 'refused', 'reject', 'refuse', 'denied'],
    related: ['association', 'aet', 'troubleshooting'],
    oneWay: true,
  },
  { terms: ['port', 'tcp port', 'dicom port', 'dicomport'], related: ['network', 'firewall'] },
  // "PACS is down": the system is unavailable; pages say downtime, outage or business continuity.
  { terms: ['down', 'offline', 'unavailable'], related: ['downtime', 'outage', 'crash'], oneWay: true },
  { terms: ['firewall', 'blocked port'], related: ['port', 'network'] },
  {
    terms: ['talk to', 'connect', 'connection', 'communicate', 'communication', 'hook up', 'networking'],
    related: ['configure', 'network', 'dicommodalities'],
    oneWay: true,
  },
  // Worklists, orders, HL7
  { terms: ['mwl', 'modality worklist', 'worklist', 'worklists', 'dmwl'], related: ['scheduled', 'order'] },
  { terms: ['ris order', 'orders', 'scheduled exam', 'scheduled procedure'], related: ['worklist'], oneWay: true },
  { terms: ['mpps', 'performed procedure step'], related: ['worklist', 'modality'] },
  { terms: ['hl7'], related: ['orm', 'oru', 'adt', 'message', 'interface'] },
  { terms: ['orm', 'order message'], related: ['hl7', 'order', 'worklist'] },
  { terms: ['oru', 'result message'], related: ['hl7', 'report'] },
  { terms: ['ris', 'radiology information system'], related: ['worklist', 'hl7', 'order'] },
  { terms: ['ehr', 'emr', 'electronic health record', 'electronic medical record'], related: ['integration', 'embed'] },
  // Archives and web services
  { terms: ['pacs', 'picture archiving'], related: ['archive', 'dicom server'] },
  { terms: ['vna', 'vendor neutral archive'], related: ['archive', 'storage'] },
  { terms: ['dicomweb', 'dicom web', 'dicom-web'], related: ['qido', 'wado', 'stow'] },
  { terms: ['qido', 'qido-rs'], related: ['query', 'search', 'dicomweb'] },
  { terms: ['wado', 'wado-rs', 'wado-uri'], related: ['retrieve', 'download', 'dicomweb'] },
  { terms: ['stow', 'stow-rs'], related: ['upload', 'store', 'dicomweb'] },
  {
    terms: ['api', 'rest api', 'curl', 'programmatically', 'script', 'scripting', 'automate'],
    related: ['rest', 'api'],
  },
  { terms: ['upload', 'import', 'ingest', 'drag and drop'], related: ['upload', 'stow', 'store'] },
  { terms: ['download', 'export', 'zip'], related: ['download', 'zip', 'archive'] },
  // Data model and identifiers
  { terms: ['study', 'studies', 'exam', 'exams', 'examination', 'scan', 'scans'], related: ['series'] },
  { terms: ['image', 'images', 'instance', 'instances', 'picture', 'pictures', 'slice', 'slices'] },
  {
    terms: [
      'priors',
      'prior',
      'previous exam',
      'previous study',
      'old exam',
      'old scans',
      'older studies',
      'comparison',
      'historical',
    ],
    related: ['query/retrieve', 'c-move', 'retrieve'],
  },
  { terms: ['accession', 'accession number', 'accessionnumber'], related: ['order', 'study'] },
  { terms: ['mrn', 'medical record number', 'patient id', 'patientid', 'patient identifier'], related: ['patient'] },
  {
    terms: ['uid', 'uids', 'study instance uid', 'studyinstanceuid', 'sop instance uid', 'sopinstanceuid'],
    related: ['identifier', 'uid'],
  },
  { terms: ['identifier', 'identifiers', 'hash', 'uuid', 'ids'], related: ['identifier', 'id'] },
  { terms: ['modality', 'modalities', 'scanner', 'acquisition device'], related: ['dicommodalities', 'device'] },
  {
    terms: ['ct', 'mri', 'mr', 'x-ray', 'xray', 'ultrasound', 'mammography', 'mammo', 'cr', 'dx', 'pet', 'fluoroscopy'],
    related: ['modality'],
    oneWay: true,
  },
  { terms: ['machine', 'device', 'equipment'], related: ['modality'], oneWay: true },
  // Images, compression, viewers
  {
    terms: [
      'transfer syntax',
      'transfersyntax',
      'compression',
      'compressed',
      'jpeg',
      'jpeg2000',
      'jpeg 2000',
      'j2k',
      'jpeg-ls',
      'lossless',
      'lossy',
      'rle',
    ],
    related: ['transcoding'],
  },
  {
    terms: ['transcode', 'transcoding', 'decompress', 'recompress', 'convert', 'conversion', 'uncompressed'],
    related: ['transfer syntax', 'compression', 'transcoding'],
  },
  {
    terms: ['viewer', 'viewers', 'viewing', 'workstation'],
    related: ['display'],
  },
  { terms: ['hanging protocol', 'hanging protocols'], related: ['layout', 'viewport'] },
  {
    terms: ['video', 'videos', 'cine', 'clip', 'clips', 'mpeg', 'mpeg4', 'mp4', 'movie', 'endoscopy'],
    related: ['video'],
  },
  { terms: ['segmentation', 'segmented', 'rtstruct', 'contour', 'contours'], related: ['segmentation'] },
  {
    terms: [
      'measurement',
      'measurements',
      'measure',
      'ruler',
      'annotation',
      'annotations',
      'lesion',
      'tumor',
      'follow up',
      'follow-up',
      'longitudinal',
    ],
    related: ['measurement', 'tracking'],
  },
  {
    terms: ['hotkey', 'hotkeys', 'shortcut', 'shortcuts', 'keyboard shortcut', 'key binding', 'keybinding'],
    related: ['hotkeys', 'keyboard'],
  },
  {
    terms: ['pathology', 'whole slide', 'whole-slide', 'wsi', 'microscopy', 'microscope', 'glass slide'],
    related: ['whole-slide', 'microscopy'],
  },
  { terms: ['3d print', '3d printing', '3d printable', 'stl', 'mesh', '3d model'], related: ['stl', 'mesh', '3d'] },
  {
    terms: ['burned-in', 'burnt-in', 'burned in', 'burnt in', 'burned into', 'burnt into'],
    related: ['pixel', 'mask', 'anonymization'],
  },
  // Privacy and security
  {
    terms: [
      'anonymize',
      'anonymization',
      'de-identify',
      'deidentify',
      'de-identification',
      'pseudonymize',
      'strip phi',
      'remove phi',
      'scrub',
    ],
    related: ['anonymization', 'anonymize', 'modification'],
  },
  {
    terms: ['strip', 'remove patient name', 'hide patient', 'black out', 'blank out', 'redact'],
    related: ['anonymization', 'mask', 'de-identify'],
    oneWay: true,
  },
  {
    terms: ['modify', 'modification', 'edit', 'rename', 'merge', 'split', 'correct'],
    related: ['modification', 'modify'],
  },
  {
    terms: [
      'login',
      'log in',
      'sign in',
      'signin',
      'password',
      'username',
      'credentials',
      'authenticate',
      'authentication',
      'sso',
      'single sign on',
      'oauth',
      'openid',
      'oidc',
    ],
    related: ['authentication', 'authorization', 'user'],
  },
  {
    terms: ['ssl', 'tls', 'https', 'certificate', 'certificates', 'encrypt', 'encryption', 'encrypted'],
    related: ['https', 'tls', 'ssl'],
  },
  { terms: ['reverse proxy', 'proxy', 'front end', 'frontend'], related: ['reverse proxy', 'apache', 'nginx'] },
  {
    terms: ['cors', 'cross origin', 'cross-origin', 'same origin', 'same-origin', 'access-control-allow-origin'],
    related: ['cors', 'cross-origin', 'same-origin'],
  },
  {
    terms: [
      'fda',
      'ce mark',
      'ce-marked',
      'regulatory',
      'cleared',
      'clearance',
      '510k',
      'medical device',
      'diagnostic use',
    ],
    related: ['fda', 'medical device', 'regulatory'],
  },
  {
    terms: ['license', 'licensing', 'gpl', 'agpl', 'open source', 'commercial', 'proprietary'],
    related: ['license', 'licensing'],
  },
  // Operations
  { terms: ['log', 'logs', 'logfile', 'logfiles', 'logging', 'verbose', 'trace'], related: ['verbose', 'log'] },
  {
    terms: [
      'crash',
      'crashed',
      'crashes',
      'died',
      'dies',
      'hang',
      'hangs',
      'freeze',
      'frozen',
      'segfault',
      'segmentation fault',
    ],
    related: ['crash', 'debugging', 'stack trace'],
  },
  { terms: ['backup', 'back up', 'backups', 'disaster recovery', 'restore'], related: ['backup', 'replication'] },
  {
    terms: ['upgrade', 'newer version', 'new version', 'newer release', 'new release', 'migrate', 'migration'],
    related: ['upgrade', 'replication', 'version'],
  },
  {
    terms: ['forward', 'auto-forward', 'route', 'routing', 'auto-route', 'autorouting', 'auto-routing', 'relay'],
    related: ['auto-routing', 'routing', 'c-store'],
  },
  {
    terms: ['disk', 'disk space', 'storage area', 'hard drive', 'filesystem', 'storage'],
    related: ['storage', 'disk'],
  },
  {
    terms: ['s3', 'amazon', 'aws', 'azure blob', 'object storage', 'bucket', 'cloud storage'],
    related: ['object storage', 'cloud', 's3'],
  },
  {
    terms: [
      'purge',
      'delete old',
      'clean up',
      'cleanup',
      'auto delete',
      'retention',
      'free space',
      'recycling',
      'recycle',
    ],
    related: ['recycling', 'delete', 'retention', 'maximum storage'],
  },
  { terms: ['database', 'db', 'sql', 'sqlite', 'index database'], related: ['database', 'postgresql', 'mysql'] },
  { terms: ['postgres', 'postgresql'] },
  { terms: ['mysql', 'mariadb'] },
  { terms: ['docker', 'container', 'containers', 'kubernetes', 'k8s', 'docker-compose'], related: ['docker'] },
  {
    terms: ['daemon', 'systemd', 'start at boot', 'autostart', 'on boot', 'reboot', 'reboots', 'service'],
    related: ['daemon', 'service', 'startup'],
  },
  {
    terms: [
      'encoding',
      'charset',
      'character set',
      'specific character set',
      'specificcharacterset',
      'garbled',
      'garbage',
      'mojibake',
      'unicode',
      'utf-8',
      'accents',
      'chinese characters',
      'japanese',
      'korean',
      'arabic',
    ],
    related: ['encoding', 'specificcharacterset', 'character set'],
  },
  {
    terms: ['slow', 'slowness', 'performance', 'sluggish', 'faster', 'speed up', 'latency', 'lag'],
    related: ['performance', 'speed'],
  },
  { terms: ['millions', 'huge', 'scalability', 'scale', 'large volume'], related: ['scalability', 'performance'] },
  {
    terms: ['wan', 'remote site', 'bandwidth', 'slow network', 'vpn'],
    related: ['transfer', 'accelerator', 'network'],
  },
  {
    terms: ['origin', 'sender', 'came from', 'sent by', 'source modality'],
    related: ['origin', 'remote aet', 'calling aet'],
  },
  {
    terms: ['arrived', 'arrival', 'completed', 'all images', 'received everything', 'stable'],
    related: ['stable', 'complete', 'completion'],
  },
  // Second-factor sign-in: users say "mfa code", "2fa", "authenticator"; pages say multi-factor authentication.
  {
    terms: ['mfa', '2fa', 'multi-factor', 'two-factor', 'authenticator', 'mfa code', 'verification code', 'otp'],
    related: ['authentication'],
  },
  // "only half the series came through": pages say partial or incomplete study.
  { terms: ['partial', 'partially', 'incomplete', 'half', 'partly'], related: ['missing'] },
  { terms: ['storage commitment', 'stgcmt', 'commitment'], related: ['storage commitment'] },
  {
    terms: [
      'network drive',
      'shared drive',
      'file share',
      'smb',
      'webdav',
      'file explorer',
      'windows explorer',
      'mapped drive',
    ],
    related: ['webdav', 'file explorer'],
  },
  // Web viewer deployment
  { terms: ['embed', 'embedded', 'iframe', 'inside a page'], related: ['iframe', 'embed'] },
  {
    terms: [
      'browser',
      'browsers',
      'chrome',
      'firefox',
      'safari',
      'edge',
      'internet explorer',
      'ie11',
      'ipad',
      'tablet',
      'mobile',
      'iphone',
      'android',
    ],
    related: ['browser', 'support'],
  },
  {
    terms: ['link', 'url', 'deep link', 'hyperlink', 'url parameter', 'query parameter'],
    related: ['url', 'studyinstanceuid'],
  },
  {
    terms: [
      'theme',
      'theming',
      'colors',
      'color',
      'branding',
      'logo',
      'look and feel',
      'white label',
      'white-label',
      'css',
    ],
    related: ['theme', 'theming', 'logo', 'customization'],
  },
  {
    terms: [
      'language',
      'translation',
      'translate',
      'localization',
      'i18n',
      'internationalization',
      'french',
      'german',
      'spanish',
      'portuguese',
    ],
    related: ['language', 'i18n', 'translation'],
  },
  {
    terms: ['host', 'hosting', 'deploy', 'deployment', 'web server', 'production build'],
    related: ['deployment', 'build', 'static'],
  },
  { terms: ['osirix', 'horos', 'mac', 'macos'], related: ['osirix', 'horos'] },
  { terms: ['google cloud', 'gcp', 'cloud healthcare', 'healthcare api'], related: ['google', 'healthcare api'] },
  { terms: ['turn', 'activate', 'switch'], related: ['enable', 'configure'], oneWay: true },
  {
    terms: ['blank', 'empty', 'nothing shows', 'not showing', 'does not show'],
    related: ['display', 'not show'],
    oneWay: true,
  },
] as const satisfies readonly VocabularyEntry[];

/** British spellings and common variants, normalised before stemming on both the document and the query side. */
export const SPELLING_VARIANTS = {
  anonymise: 'anonymize',
  anonymised: 'anonymized',
  anonymisation: 'anonymization',
  colour: 'color',
  colours: 'colors',
  tumour: 'tumor',
  tumours: 'tumors',
  centre: 'center',
  licence: 'license',
  behaviour: 'behavior',
  organisation: 'organization',
  optimise: 'optimize',
  localisation: 'localization',
  authorisation: 'authorization',
} as const;
