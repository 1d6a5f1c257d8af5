import { GitError } from '../errors';
import { messages } from '../messages';
import { parseCommitRecord, parseEntrySection, parseRawRecords, type DiffEntry } from './diffParser';
import type { TextSink } from './gitFeed';

/** The change one commit introduces. */
export interface CommitDiff {
  sha: string;
  entries: DiffEntry[];
}

/**
 * Cuts `git diff --raw -z -p` output into files: the NUL-separated raw records (every path) come
 * first, then one patch section per record, in the same order, each starting at a `diff --`
 * header at the start of a line (content lines always carry a +, - or space marker).
 */
const HEADER = '\ndiff --';

export class StagedSplitter implements TextSink {
  private head = '';
  private entries: DiffEntry[] | undefined;
  private index = 0;
  private section: string[] = [];
  private carry = '';

  /** `onRecords`: every entry, as soon as the raw records are read (before any patch). */
  constructor(
    private readonly onEntry: (entry: DiffEntry) => void,
    private readonly onRecords?: (entries: readonly DiffEntry[]) => void,
  ) {}

  push(text: string): void {
    if (this.entries === undefined) {
      this.head += text;
      // The raw records end with an extra NUL; "\0diff --" alone could be a path named "diff --…".
      if (this.head.indexOf('\0\0diff --') === -1) return;
      const { entries, patchStart } = parseRawRecords(this.head);
      this.entries = entries;
      this.onRecords?.(entries);
      text = this.head.slice(patchStart);
      this.head = '';
    }
    this.cut(this.carry + text, false);
  }

  end(): void {
    if (this.entries === undefined) {
      const { entries, patchStart } = parseRawRecords(this.head);
      this.entries = entries;
      this.onRecords?.(entries);
      this.cut(this.head.slice(patchStart), true);
    } else {
      this.cut(this.carry, true);
    }
    this.flush();
    // Entries git printed no section for (none expected) are still reported, without text.
    for (const entry of this.entries.slice(this.index)) this.onEntry(entry);
    this.index = this.entries.length;
  }

  /**
   * Ends a section at every header wholly inside `text`. Unless this is the last text, its final
   * HEADER.length - 1 characters are held back: they may be the start of a header that the next
   * chunk completes.
   */
  private cut(text: string, last: boolean): void {
    let from = 0;
    for (let at = text.indexOf(HEADER); at !== -1; at = text.indexOf(HEADER, from)) {
      this.section.push(text.slice(from, at + 1));
      this.flush();
      from = at + 1; // the header's "diff --" starts the next section
    }
    const keep = last ? 0 : Math.min(HEADER.length - 1, text.length - from);
    this.section.push(text.slice(from, text.length - keep));
    this.carry = text.slice(text.length - keep);
  }

  private flush(): void {
    const text = this.section.join('');
    this.section = [];
    if (!text.startsWith('diff --') || this.entries === undefined || this.index >= this.entries.length) return;
    const entry = this.entries[this.index++]!; // checked just above: index is below entries.length
    parseEntrySection(text, entry);
    this.onEntry(entry);
  }
}

/**
 * Cuts git's output into one record per commit. Each record starts with its commit id and a NUL;
 * patch text never holds a NUL, so the next expected id followed by NUL ends the current record.
 * Text is kept as a list of pieces and only the newest piece is searched, so a huge commit costs
 * linear time (concatenating and re-searching one growing string would be quadratic).
 */
export class RecordSplitter implements TextSink {
  private pieces: string[] = [];
  private length = 0;
  private started = false;
  done = 0;

  constructor(
    private readonly shas: readonly string[],
    private readonly onCommit: (diff: CommitDiff) => void,
  ) {}

  push(text: string): void {
    let rest = text;
    while (rest.length > 0) {
      if (!this.started) {
        const expected = this.shas[this.done];
        // Once the last record has started, all text goes into it: more means records not asked for.
        if (expected === undefined) throw new GitError(messages.git.unreadableCommitRecords);
        const header = `${expected}\0`;
        const pending = this.pieces.join('') + rest;
        if (pending.length < header.length) {
          this.pieces = [pending];
          this.length = pending.length;
          return;
        }
        if (!pending.startsWith(header)) throw new GitError(messages.git.unreadableCommitRecords);
        this.started = true;
        this.pieces = [];
        this.length = 0;
        rest = pending.slice(header.length);
        continue;
      }
      if (this.done + 1 >= this.shas.length) {
        this.append(rest);
        return;
      }
      const marker = `${this.shas[this.done + 1]!}\0`; // checked just above: done + 1 is below shas.length
      // Usually the marker lies wholly in the new text; it may also straddle the last piece.
      // `cut` is where the marker starts, relative to `rest`: negative when it began in the last piece.
      let cut: number | undefined = rest.indexOf(marker);
      if (cut === -1) {
        cut = undefined;
        if (this.length > 0) {
          const tail = this.tail(marker.length - 1);
          const at = (tail + rest.slice(0, marker.length - 1)).indexOf(marker);
          if (at !== -1 && at < tail.length) cut = at - tail.length;
        }
      }
      if (cut === undefined) {
        this.append(rest);
        return;
      }
      const record = cut >= 0 ? this.pieces.join('') + rest.slice(0, cut) : this.pieces.join('').slice(0, this.length + cut);
      const next = cut >= 0 ? rest.slice(cut) : this.pieces.join('').slice(this.length + cut) + rest;
      this.emit(record);
      this.started = false;
      this.pieces = [];
      this.length = 0;
      rest = next;
    }
  }

  end(): void {
    if (this.started) this.emit(this.pieces.join(''));
    this.pieces = [];
  }

  private emit(record: string): void {
    // A record starts only after its id (shas[done]) was read: done is below shas.length.
    this.onCommit({ sha: this.shas[this.done]!, entries: parseCommitRecord(record) });
    this.done++;
  }

  private append(text: string): void {
    this.pieces.push(text);
    this.length += text.length;
  }

  private tail(count: number): string {
    let tail = '';
    for (let index = this.pieces.length - 1; index >= 0 && tail.length < count; index--) tail = this.pieces[index] + tail;
    return tail.slice(-count);
  }
}
