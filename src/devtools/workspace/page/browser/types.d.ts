/**
 * Shapes the page reads from the test API (`/api/test/*`) and from Block Kit. Loose on purpose: the page
 * shows whatever the bot sent, so every Block Kit field is optional and rendering tolerates its absence.
 */

/** A text object (`plain_text` / `mrkdwn`), or anything with a type and a text, such as a context element. */
export interface TextLike {
  type?: string;
  text?: unknown;
}

export interface TextObj {
  type?: string;
  text?: string;
}

export interface SlackOption {
  text?: TextObj;
  value: string;
  description?: TextObj;
}

export interface OptionGroup {
  label?: TextObj;
  options?: SlackOption[];
}

/** Style flags of a rich-text run. */
export interface RichStyle {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
}

/** Any element: interactive (button, select, input), image, context text or rich text. */
export interface SlackElement {
  type: string;
  action_id?: string;
  text?: TextObj | string;
  value?: string | null;
  url?: string;
  /** A button's style, a rich-text list's style (`ordered`), or a rich-text run's flags. */
  style?: string | RichStyle;
  placeholder?: TextObj;
  options?: SlackOption[];
  option_groups?: OptionGroup[];
  initial_option?: SlackOption;
  initial_options?: SlackOption[];
  initial_value?: string;
  initial_date?: string;
  initial_time?: string;
  initial_user?: string;
  multiline?: boolean;
  image_url?: string;
  alt_text?: string;
  elements?: SlackElement[];
  user_id?: string;
  channel_id?: string;
  usergroup_id?: string;
  name?: string;
  range?: string;
}

export interface Block {
  type: string;
  block_id?: string;
  /** A text object; a `markdown` block's text is a plain string. */
  text?: TextObj | string;
  fields?: TextObj[];
  accessory?: SlackElement;
  elements?: SlackElement[];
  element?: SlackElement;
  title?: TextObj;
  label?: TextObj;
  hint?: TextObj;
  optional?: boolean;
  image_url?: string;
  alt_text?: string;
}

/** What renderBlocks needs besides the blocks: inside a modal, inputs and their validation errors. */
export interface RenderContext {
  inputs?: boolean;
  errors?: Record<string, string>;
}

/** Display names the renderer resolves mentions with (filled from the workspace state). */
export interface Directory {
  users: Record<string, string>;
  channels: Record<string, string>;
  groups: Record<string, string>;
}

export interface Message {
  ts: string;
  channel: string;
  user?: string;
  bot_id?: string;
  text?: string;
  blocks?: Block[];
  reactions?: { name: string; users: string[]; count: number }[];
  reply_count?: number;
  ephemeral_for?: string;
  edited?: unknown;
  streamed?: boolean;
  streaming?: boolean;
  /** Shared by files.completeUploadExternal. */
  files?: { id: string; name: string; title?: string; mimetype?: string; url_private: string; alt_txt?: string }[];
}

export interface Persona {
  id: string;
  persona: string;
  name: string;
  real_name: string;
  dm: string;
}

/** `GET /api/test/state`. */
export interface WorkspaceState {
  users: Persona[];
  channels: { id: string; name: string }[];
  usergroups: { id: string; handle: string }[];
  bot: { user_id: string; name: string };
  /** Open Socket Mode connections of the app. */
  socketConnections: number;
}

/** An open modal or a published Home view. */
export interface View {
  id: string;
  hash?: string;
  title?: string;
  submit?: string;
  close?: string;
  blocks?: Block[];
  errors?: Record<string, string>;
}

/** `GET /api/test/assistant`: the assistant thread's status and suggested prompts. */
export interface Assistant {
  status?: string;
  prompts?: { title: string; message: string }[];
}

export type Route =
  | { kind: 'home' }
  | { kind: 'channel'; channel: string; focus?: string | null; thread?: string | null };

/** Slack's `view.state.values`: block_id → action_id → value. */
export type ViewValues = Record<string, Record<string, Record<string, unknown>>>;
