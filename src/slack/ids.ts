/** Every action_id, callback_id and block_id the bot uses, in one place. */
export const ActionId = {
  FeedbackUp: 'answer_feedback_up',
  FeedbackDown: 'answer_feedback_down',
  OpenTicketFromAnswer: 'answer_open_ticket',
  GuideNextStep: 'guide_next_step',
  GuideFixed: 'guide_fixed',
  GuideOpenTicket: 'guide_open_ticket',
  TriageAssign: 'triage_assign',
  TriageUrgency: 'triage_urgency',
  TriageWaiting: 'triage_waiting',
  TriageResolve: 'triage_resolve',
  TriageEscalate: 'triage_escalate',
  Csat: 'ticket_csat',
  PacsConfirm: 'pacs_confirm',
  PacsCancel: 'pacs_cancel',
  OpenTicketFromAnomaly: 'anomaly_open_ticket',
  PacsFetchPrior: 'pacs_fetch_prior',
  DraftFromMessage: 'kb_draft_from_message',
  DraftFromTicket: 'kb_draft_from_ticket',
  DraftPublish: 'kb_draft_publish',
  DraftDiscard: 'kb_draft_discard',
} as const;

export const CallbackId = {
  FeedbackReason: 'answer_feedback_reason',
  TicketNew: 'ticket_new',
  TicketResolve: 'ticket_resolve',
  TicketAskRequester: 'ticket_ask_requester',
  ShortcutNewTicket: 'pacs_new_ticket',
  ShortcutTicketFromMessage: 'pacs_ticket_from_message',
  KbDraft: 'kb_draft',
} as const;

/** Reactions an associate adds to a message to open a ticket from it. */
export const TicketReactions = ['ticket', 'admission_tickets'] as const;

/** Reactions (📖) an associate adds to a reply in a ticket card's thread to draft a KB answer from it. */
export const DraftReactions = ['book', 'open_book'] as const;

export const BlockId = {
  FeedbackActions: 'answer_feedback',
  FeedbackCategory: 'feedback_category',
  FeedbackText: 'feedback_text',
  GuideActions: 'guide_actions',
  GuideNote: 'guide_note',
} as const;

export const SlashCommand = '/pacs';
