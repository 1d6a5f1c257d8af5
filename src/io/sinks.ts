// Where streamed bytes or text go as they arrive: git's output, a hook's pipe, a big file read in pieces.

/** Where a git process's output goes, as it arrives. */
export interface ByteSink {
  push(chunk: Buffer): void;
  end(): void;
  /** False while the sink cannot take output yet (its consumer is not attached): it waits in the queue. */
  ready?(): boolean;
}

/** Like ByteSink, for consumers of text. */
export interface TextSink {
  push(text: string): void;
  end(): void;
}
