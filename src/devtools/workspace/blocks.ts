/**
 * Block Kit validation with Slack's limits (docs.slack.dev/reference/block-kit, @slack/types 3.2.0 JSDoc).
 * Returns Slack-style messages: `[ERROR] <problem> [json-pointer:/blocks/0/text/text]`.
 */
type Obj = Record<string, unknown>;
type Errs = string[];

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'context',
  'divider',
  'image',
  'actions',
  'rich_text',
  'markdown',
  'input',
  'file',
  'video',
  'context_actions',
  'table',
  'plan',
  'task_card',
  'call',
]);
const ELEMENT_TYPES = new Set([
  'button',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
  'image',
  'workflow_button',
  'feedback_buttons',
  'icon_button',
]);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, at: string, errs: Errs, o: { max: number; plainOnly?: boolean; required?: boolean }) {
  if (v === undefined) {
    if (o.required) errs.push(`[ERROR] missing required field: ${at.split('/').pop()} [json-pointer:${at}]`);
    return;
  }
  if (!isObj(v)) return void errs.push(`[ERROR] must be a text object [json-pointer:${at}]`);
  const allowed = o.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(v.type)))
    errs.push(`[ERROR] must be one of ${allowed.join(', ')} [json-pointer:${at}/type]`);
  if (typeof v.text !== 'string')
    return void errs.push(`[ERROR] missing required field: text [json-pointer:${at}/text]`);
  if (v.text.length === 0) errs.push(`[ERROR] must be more than 0 characters [json-pointer:${at}/text]`);
  if (v.text.length > o.max) errs.push(`[ERROR] must be less than ${o.max + 1} characters [json-pointer:${at}/text]`);
}

function maxLen(v: unknown, max: number, at: string, errs: Errs) {
  if (v !== undefined && (typeof v !== 'string' || v.length > max))
    errs.push(`[ERROR] must be a string of at most ${max} characters [json-pointer:${at}]`);
}

function options(v: unknown, at: string, errs: Errs, maxCount: number) {
  if (!Array.isArray(v)) return void errs.push(`[ERROR] must be an array [json-pointer:${at}]`);
  if (v.length > maxCount) errs.push(`[ERROR] must provide at most ${maxCount} items [json-pointer:${at}]`);
  for (const [i, opt] of v.entries()) {
    if (!isObj(opt)) {
      errs.push(`[ERROR] must be an option object [json-pointer:${at}/${i}]`);
      continue;
    }
    text(opt.text, `${at}/${i}/text`, errs, { max: 75, required: true });
    maxLen(opt.value, 150, `${at}/${i}/value`, errs);
  }
}

export function validateElement(el: unknown, at: string, errs: Errs): void {
  if (!isObj(el) || typeof el.type !== 'string')
    return void errs.push(`[ERROR] must be an element [json-pointer:${at}]`);
  if (!ELEMENT_TYPES.has(el.type))
    return void errs.push(`[ERROR] unsupported element type: ${el.type} [json-pointer:${at}/type]`);
  maxLen(el.action_id, 255, `${at}/action_id`, errs);
  switch (el.type) {
    case 'button':
      text(el.text, `${at}/text`, errs, { max: 75, plainOnly: true, required: true });
      maxLen(el.value, 2000, `${at}/value`, errs);
      maxLen(el.url, 3000, `${at}/url`, errs);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger')
        errs.push(`[ERROR] must be one of primary, danger [json-pointer:${at}/style]`);
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.options === undefined && el.option_groups === undefined)
        errs.push(`[ERROR] missing required field: options [json-pointer:${at}/options]`);
      if (el.options !== undefined) options(el.options, `${at}/options`, errs, 100);
      text(el.placeholder, `${at}/placeholder`, errs, { max: 150, plainOnly: true });
      break;
    case 'overflow':
      options(el.options, `${at}/options`, errs, 5);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      options(el.options, `${at}/options`, errs, 10);
      break;
    case 'image':
      if (el.image_url === undefined && el.slack_file === undefined)
        errs.push(`[ERROR] missing required field: image_url [json-pointer:${at}/image_url]`);
      maxLen(el.alt_text ?? '', 2000, `${at}/alt_text`, errs);
      break;
    case 'plain_text_input':
      text(el.placeholder, `${at}/placeholder`, errs, { max: 150, plainOnly: true });
      break;
    default:
      break;
  }
}

function validateBlock(b: unknown, at: string, errs: Errs): void {
  if (!isObj(b) || typeof b.type !== 'string')
    return void errs.push(`[ERROR] must be a block object [json-pointer:${at}]`);
  if (!BLOCK_TYPES.has(b.type)) return void errs.push(`[ERROR] unsupported type: ${b.type} [json-pointer:${at}/type]`);
  maxLen(b.block_id, 255, `${at}/block_id`, errs);
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined && b.expand === undefined)
        errs.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
      text(b.text, `${at}/text`, errs, { max: 3000 });
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length > 10)
          errs.push(`[ERROR] at most 10 fields [json-pointer:${at}/fields]`);
        else for (const [i, f] of b.fields.entries()) text(f, `${at}/fields/${i}`, errs, { max: 2000 });
      }
      if (b.accessory !== undefined) validateElement(b.accessory, `${at}/accessory`, errs);
      break;
    case 'header':
      text(b.text, `${at}/text`, errs, { max: 150, plainOnly: true, required: true });
      break;
    case 'context':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
        errs.push(`[ERROR] must provide 1 to 10 elements [json-pointer:${at}/elements]`);
      else
        b.elements.forEach((e, i) => {
          if (isObj(e) && e.type === 'image') validateElement(e, `${at}/elements/${i}`, errs);
          else text(e, `${at}/elements/${i}`, errs, { max: 3000, required: true });
        });
      break;
    case 'image':
      if (b.image_url === undefined && b.slack_file === undefined)
        errs.push(`[ERROR] missing required field: image_url [json-pointer:${at}/image_url]`);
      if (typeof b.alt_text !== 'string')
        errs.push(`[ERROR] missing required field: alt_text [json-pointer:${at}/alt_text]`);
      text(b.title, `${at}/title`, errs, { max: 2000, plainOnly: true });
      break;
    case 'actions':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)
        errs.push(`[ERROR] must provide 1 to 25 elements [json-pointer:${at}/elements]`);
      else for (const [i, e] of b.elements.entries()) validateElement(e, `${at}/elements/${i}`, errs);
      break;
    case 'rich_text':
      if (!Array.isArray(b.elements))
        errs.push(`[ERROR] missing required field: elements [json-pointer:${at}/elements]`);
      break;
    case 'markdown':
      if (typeof b.text !== 'string') errs.push(`[ERROR] missing required field: text [json-pointer:${at}/text]`);
      else if (b.text.length > 12_000)
        errs.push(`[ERROR] must be less than 12001 characters [json-pointer:${at}/text]`);
      break;
    case 'input':
      text(b.label, `${at}/label`, errs, { max: 2000, plainOnly: true, required: true });
      if (b.element === undefined) errs.push(`[ERROR] missing required field: element [json-pointer:${at}/element]`);
      else validateElement(b.element, `${at}/element`, errs);
      text(b.hint, `${at}/hint`, errs, { max: 2000, plainOnly: true });
      break;
    default:
      break;
  }
}

export type Surface = 'message' | 'modal' | 'home';

/** Errors for a `blocks` argument (empty when valid). Messages allow 50 blocks, modals and Home 100. */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  const errs: Errs = [];
  if (!Array.isArray(blocks)) return [`[ERROR] must be an array [json-pointer:${pointer}]`];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) errs.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    validateBlock(b, `${pointer}/${i}`, errs);
    const id = isObj(b) ? b.block_id : undefined;
    if (typeof id === 'string') {
      if (ids.has(id)) errs.push(`[ERROR] duplicate block_id: ${id} [json-pointer:${pointer}/${i}/block_id]`);
      ids.add(id);
    }
  });
  return errs;
}
