import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const llmEnv = { OPENAI_API_KEY: 'sk-test', KB_WATCH: 'false' };

describe('LLM time limits in the configuration', () => {
  it('reads LLM_TIMEOUT_MS as the first-token deadline and LLM_ANSWER_TIMEOUT_MS as the whole-answer bound', () => {
    expect(loadConfig(llmEnv).llm).toMatchObject({ timeoutMs: 20_000, answerTimeoutMs: 60_000 });
    const config = loadConfig({ ...llmEnv, LLM_TIMEOUT_MS: '4000', LLM_ANSWER_TIMEOUT_MS: '90000' });
    expect(config.llm).toMatchObject({ timeoutMs: 4000, answerTimeoutMs: 90_000 });
  });

  it('explains an answer bound that is not a number, out of range, or shorter than the first-token deadline', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...llmEnv, ...env });
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problems({ LLM_ANSWER_TIMEOUT_MS: 'soon' })).toMatch(/^LLM_ANSWER_TIMEOUT_MS: .* — fix: use milliseconds/);
    expect(problems({ LLM_ANSWER_TIMEOUT_MS: '900000' })).toMatch(/LLM_ANSWER_TIMEOUT_MS: .*between 1000 and 600000/);
    expect(problems({ LLM_TIMEOUT_MS: '8000', LLM_ANSWER_TIMEOUT_MS: '5000' })).toMatch(
      /LLM_ANSWER_TIMEOUT_MS: 5000 is shorter than LLM_TIMEOUT_MS \(8000\) — fix: .*at least LLM_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ ...llmEnv, LLM_ANSWER_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
  });
});
