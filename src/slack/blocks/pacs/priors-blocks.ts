import type { KnownBlock } from '@slack/types';
import { Role } from '../../../core/roles.js';
import type { FetchResult } from '../../../pacs/checks/fetch-prior.js';
import { maskStudy } from '../../../pacs/checks/mask-study.js';
import type { PriorsResult } from '../../../pacs/checks/priors.js';
import { escapeSlack as e } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import { context, section } from '../mrkdwn-blocks.js';
import type { Rendered } from './check-result-blocks.js';

/** Ten lines per section keeps each under Slack's 3,000 characters; an actions block holds at most 25 buttons. */
const perSection = 10;
const maxButtons = 25;

const unreachable = (sites: string[]) =>
  sites.length ? [context(`Not reachable right now: ${sites.map(e).join(', ')}.`)] : [];

/**
 * A patient's priors, newest first, numbered; the patient once, masked for `role`. With `offerId` (an admin, writes
 * on) each fetchable line gets a *Fetch n* button whose value names the offer and the line, not the study.
 */
export function renderPriors(result: PriorsResult, role: Role, offerId?: string): Rendered {
  const text = 'Prior studies';
  if (result.tooMany) {
    return {
      text,
      blocks: [section(`More than ${result.maxMatches} studies for this patient: name one site to narrow the list.`)],
    };
  }
  if (!result.found) {
    return {
      text,
      blocks: [
        section(`No studies for this patient on ${result.searched.map(e).join(', ')}.`),
        ...unreachable(result.unreachable),
      ],
    };
  }
  const first = result.matches[0]?.record;
  const who = first ? maskStudy(first, role) : undefined;
  const patient = [who?.patientName, who?.patientId]
    .filter(Boolean)
    .map((x) => e(String(x)))
    .join(' · ');
  const lines = result.matches.map(({ facts }, i) => {
    const counts = `${facts.series ?? '?'} series, ${facts.instances ?? '?'} images`;
    const fetch = result.fetchable[i] && result.fetchTo ? ` · can be fetched to ${e(result.fetchTo)}` : '';
    return `${i + 1}. ${e(facts.date ?? 'no date')} · ${e(facts.modalities.join(', ') || '—')} · ${e(facts.description ?? '')} · ${counts} · at *${e(facts.site)}*${fetch}`;
  });
  const chunks = Array.from({ length: Math.ceil(lines.length / perSection) }, (_, i) =>
    lines.slice(i * perSection, (i + 1) * perSection).join('\n'),
  );
  const buttons = offerId && role === Role.Admin ? fetchButtons(result, offerId) : [];
  const n = result.matches.length;
  return {
    text,
    blocks: [
      section(`*${n} ${n === 1 ? 'study' : 'studies'}* of ${patient || 'this patient'}, newest first`),
      ...chunks.map(section),
      ...buttons,
      ...unreachable(result.unreachable),
    ],
  };
}

function fetchButtons(result: PriorsResult, offerId: string): KnownBlock[] {
  const elements = result.fetchable
    .map((ok, i) => (ok ? i : -1))
    .filter((i) => i >= 0)
    .slice(0, maxButtons)
    .map((i) => ({
      type: 'button' as const,
      action_id: `${ActionId.PacsFetchPrior}:${i + 1}`,
      text: { type: 'plain_text' as const, text: `⬇ Fetch ${i + 1}` },
      value: `${offerId}:${i + 1}`,
    }));
  if (elements.length === 0) return [];
  return [
    { type: 'actions', block_id: 'prior_fetch', elements },
    context(`⬇ Fetch n retrieves prior n to ${e(result.fetchTo ?? '')}, after you confirm.`),
  ];
}

/** A confirmed fetch: arrived, still arriving, or why not. */
export function renderFetch(r: FetchResult): Rendered {
  if (!r.ok) return { text: 'Fetch not done', blocks: [section(`Not done: ${e(r.message)}`)] };
  const seconds = Math.round(r.waitedMs / 1000);
  const line = r.arrived
    ? `✅ Arrived on *${e(r.to)}*: ${r.instances} of ${r.expected} images, after ${seconds} s. ${e(r.description)}.`
    : `⏳ Still arriving on *${e(r.to)}*: ${r.instances} of ${r.expected} images after ${seconds} s. The transfer goes on; run \`priors\` again to see it complete.`;
  return { text: r.arrived ? 'Prior fetched' : 'Prior still arriving', blocks: [section(line)] };
}
