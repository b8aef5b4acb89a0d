import { randomUUID } from 'node:crypto';
import { asBotError } from '../../core/errors.js';
import { recordQuestionLater } from '../../feedback/record-question.js';
import { saveAnswerRecord } from '../answer-records.js';
import { buildAnswerMessage } from '../blocks/answer-blocks.js';
import { ticketOffer } from '../blocks/tickets/open-ticket-actions.js';
import { SlashCommand } from '../ids.js';
import type { Subcommand } from './registry.js';

const maxQuestionChars = 2000;

/** `/pacs ask <question>`: the same answer as a mention, shown only to the person who asked. */
export const askSubcommand: Subcommand = {
  name: 'ask',
  usage: 'ask <question>',
  summary: 'answer a question from the knowledge base (only you see it)',
  examples: ['ask how do I pull priors from the old archive?'],
  async run({ args, respond, deps, userId, channelId }) {
    if (!args) {
      await respond({
        response_type: 'ephemeral',
        text: `Add your question after the command, e.g. \`${SlashCommand} ask why does the viewer say no images?\``,
      });
      return;
    }
    if (args.length > maxQuestionChars) {
      await respond({
        response_type: 'ephemeral',
        text: `That question is ${args.length} characters long; please keep it under ${maxQuestionChars}.`,
      });
      return;
    }
    try {
      // In a channel shared with another organisation the answer passes through the PHI redactor, as mentions do.
      const noIdentifiers = deps.channels.settingsFor(channelId).shared;
      const answer = await deps.answers.answer({ question: args, userId, ...(noIdentifiers ? { noIdentifiers } : {}) });
      const answerId = await saveAnswerRecord(deps.state, args, answer);
      recordQuestionLater(deps.feedback.questions, deps.logger, {
        answerId,
        channel: channelId,
        userId,
        question: args,
        answer,
      });
      deps.logger.info({ user: userId, mode: answer.mode, answerId }, 'answered /pacs ask');
      await respond({ response_type: 'ephemeral', ...buildAnswerMessage(answer, answerId, ticketOffer(deps, answer)) });
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      const botError = asBotError(error);
      deps.logger.error({ reference, code: botError.code, err: botError.message }, '/pacs ask failed');
      await respond({
        response_type: 'ephemeral',
        text: `Sorry, I couldn't answer that. ${botError.userMessage} (reference ${reference})`,
      });
    }
  },
};
