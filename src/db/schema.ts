import type { Generated } from 'kysely';

export interface AnswerFeedbackTable {
  id: Generated<number>;
  answer_id: string;
  user_id: string;
  rating: 'up' | 'down';
  reason: string | null;
  question: string;
  sources: string;
  mode: string;
  created_at: string;
}

export interface DatabaseSchema {
  answer_feedback: AnswerFeedbackTable;
}
