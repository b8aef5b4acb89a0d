import { describe, expect, it } from 'vitest';
import { type Answer, AnswerMode } from '../../../src/answers/types.js';
import { answerActions } from '../../../src/slack/answer-actions.js';
import type { SlackDeps } from '../../../src/slack/deps.js';
import { answerId, guide } from './guide-fixture.js';

const withTickets = { tickets: {} } as unknown as SlackDeps;
const noTickets = {} as SlackDeps;
const answer = (over: Partial<Answer> = {}): Answer => ({
  mode: AnswerMode.Extractive,
  answerable: true,
  markdown: 'x',
  citations: [],
  nearest: [],
  confidence: 0.9,
  ...over,
});
const actionIds = (blocks: unknown[]) =>
  blocks.flatMap((b) => ((b as { elements?: { action_id: string }[] }).elements ?? []).map((e) => e.action_id));

describe('answer buttons', () => {
  it('a troubleshooting answer gets Next step and That fixed it', () => {
    expect(actionIds(answerActions(withTickets, answer({ guide }), answerId))).toEqual([
      'guide_next_step',
      'guide_fixed',
    ]);
  });

  it('when the model offered a ticket, the ordinary ticket button comes after the guide buttons', () => {
    expect(actionIds(answerActions(withTickets, answer({ guide, suggestsTicket: true }), answerId))).toEqual([
      'guide_next_step',
      'guide_fixed',
      'answer_open_ticket',
    ]);
  });

  it('a guide with nothing left offers That fixed it and the ticket at once', () => {
    const last = answer({ guide: { ...guide, remaining: [] } });
    expect(actionIds(answerActions(withTickets, last, answerId))).toEqual(['guide_fixed', 'guide_open_ticket']);
    expect(actionIds(answerActions(noTickets, last, answerId))).toEqual(['guide_fixed']);
  });

  it('no guide, or an abstention, keeps the ordinary ticket offer', () => {
    expect(answerActions(withTickets, answer(), answerId)).toEqual([]);
    expect(actionIds(answerActions(withTickets, answer({ suggestsTicket: true }), answerId))).toEqual([
      'answer_open_ticket',
    ]);
    const abstain = answer({ mode: AnswerMode.Abstain, answerable: false, guide });
    expect(actionIds(answerActions(withTickets, abstain, answerId))).toEqual(['answer_open_ticket']);
  });
});
