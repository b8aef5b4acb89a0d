/** The LLM port the answer service depends on; `src/llm/` provides the OpenAI implementation. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompleteOptions {
  /** Called with each text delta as it streams in; when absent the call does not stream. */
  onDelta?: (delta: string) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface ChatModel {
  readonly model: string;
  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string>;
}
