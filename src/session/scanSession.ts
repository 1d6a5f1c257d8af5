import type { ScanProgress } from '../report/progress';
import type { Setup } from '../config/detectorFor';
import type { Detector } from '../detect/detector';
import type { Chunk, CommitRef, FileChange, Finding } from '../detect/types';
import type { RunPlaces } from '../io/decode';
import type { Scanned, Skipped } from '../io/scanTotals';
import type { ByteSink } from '../io/sinks';
import type { TimeBudget } from '../runtime/timeBudget';
import { guarded } from '../runtime/watchdog';
import type { FileOnDisk } from '../sources/fileSource';
import { FileScanner } from './fileScanner';
import type { Fragment, FragmentSink, Source, SourceFacts } from '../sources/fragments';
import { placeInBytes } from '../sources/placeInBytes';
import { scanBytes, WindowedContent } from '../sources/scanContent';
import { TextWindows, WindowedFindings, windowSize } from '../sources/windows';

/** What a scan found, with what the source learned (for the report). */
export interface ScanResult {
  findings: Finding[];
  skipped: Skipped[];
  scanned: Scanned;
  /** Bytes of added text scanned per commit ('' for changes outside a commit). */
  bytesByCommit: ReadonlyMap<string, number>;
  facts: SourceFacts;
}

/** Findings of one fragment, with what orders them in the report. */
interface Found {
  /** File content first, then commit messages, tag messages, config widenings. */
  stage: number;
  commit: string | undefined;
  path: string;
  /** Arrival order: ties keep it, and a file walk is reported in it. */
  sequence: number;
  findings: Finding[];
}

const STAGE = { content: 0, commitMessage: 1, tagMessage: 2, verdict: 3 } as const;

/** Work-tree files between two turns of the event loop: workers' answers come in, and Ctrl-C is seen. */
const FILES_PER_TURN = 16;

/**
 * One scan: a source's fragments through one detector, into findings in a fixed order. The
 * session owns the detector (built by setup), the worker pool of work-tree scans, the time
 * budget's phases and the watchdog around each stretch of scanning. A source reads; the session
 * only scans, and never runs git.
 */
export class ScanSession implements FragmentSink {
  readonly maxFileSize: number;
  private readonly detector: Detector;
  private found: Found[] = [];
  private skipped: Skipped[] = [];
  private files = 0;
  private bytesByCommit = new Map<string, number>();
  private sequence = 0;
  private readonly disk: FileScanner;
  private pendingFiles = 0;

  constructor(
    setup: Setup,
    private readonly budget?: TimeBudget,
    /** Told of each piece of text scanned (a progress line on a terminal); absent: nobody asks. */
    private readonly progress?: ScanProgress,
  ) {
    this.detector = setup.detector;
    this.maxFileSize = setup.config.maxFileSize;
    this.disk = new FileScanner(setup.detector, setup.recipe);
  }

  /** Scans everything `source` delivers; `doing` names the work in a time-budget message. */
  async scan(source: Source, doing: string): Promise<ScanResult> {
    let facts: SourceFacts;
    try {
      this.budget?.enter(doing);
      facts = await source.feed(this);
    } catch (error) {
      source.stop?.();
      throw error;
    } finally {
      await this.disk.finish();
    }
    return this.result(facts);
  }

  wants(path: string): boolean {
    return !this.detector.isPathAllowed(path);
  }

  put(fragment: Fragment): void | Promise<void> {
    switch (fragment.kind) {
      case 'text':
        return this.scanText(fragment.file, fragment.bytes, fragment.runs);
      case 'content': {
        const { findings } = guarded(() => scanBytes(this.detector, fragment.origin, fragment.bytes));
        return this.add(STAGE.content, fragment.origin, fragment.bytes.length, findings);
      }
      case 'large':
        return this.scanLarge(fragment.origin, fragment.pour);
      case 'file':
        return this.scanOnDisk(fragment.file);
      case 'message': {
        const findings = guarded(() => this.detector.scanFile(fragment.file));
        const tag = fragment.tag;
        this.keep(
          tag ? STAGE.tagMessage : STAGE.commitMessage,
          fragment.file,
          tag ? findings.map((finding) => ({ ...finding, tag })) : findings,
        );
        return;
      }
      case 'verdict':
        this.keep(STAGE.verdict, { path: '' }, fragment.findings);
    }
  }

  skip(skipped: Skipped): void {
    this.skipped.push(skipped);
  }

  readsWhole(path: string, chunks: readonly Chunk[]): boolean {
    return this.detector.readsWhole(path, chunks);
  }

  restart(): void {
    this.found = [];
    this.skipped = [];
    this.files = 0;
    this.bytesByCommit = new Map();
  }

  /** Added text; more of it than maxFileSize is scanned in windows, each run of lines on its own. */
  private scanText(file: FileChange, bytes: number, runs: RunPlaces | undefined): void {
    const findings = guarded(() => (bytes > this.maxFileSize ? this.windowed(file) : this.detector.scanFile(file)));
    if (runs) placeInBytes(this.detector, findings, runs);
    this.add(STAGE.content, file, bytes, findings);
  }

  private windowed(file: FileChange): Finding[] {
    const collected = new WindowedFindings(this.detector, file);
    for (const chunk of file.chunks) {
      const windows = new TextWindows(collected, windowSize(this.maxFileSize), file.path, chunk.startLine);
      windows.push(chunk.text);
      windows.end();
    }
    return collected.findings;
  }

  private async scanLarge(origin: { path: string; commit?: CommitRef }, pour: (sink: ByteSink) => Promise<void>): Promise<void> {
    const sink = new WindowedContent(this.detector, origin, this.maxFileSize);
    let bytes = 0;
    await pour({
      push: (chunk) => {
        bytes += chunk.length;
        sink.push(chunk);
      },
      end: () => sink.end(),
    });
    this.add(STAGE.content, origin, bytes, sink.findings());
  }

  /** A file on disk: here or in a worker (see FileScanner); reported in the order files were listed. */
  private async scanOnDisk(file: FileOnDisk): Promise<void> {
    const sequence = this.sequence++;
    this.disk.scanFile(file, this.maxFileSize, (verdict) => {
      if (verdict.kind === 'skipped') this.skipped.push({ file: file.displayPath, reason: verdict.reason });
      if (verdict.kind !== 'scanned') return;
      // Binary files count too: their printable runs are scanned.
      this.files++;
      this.count('', verdict.bytes);
      if (verdict.content.findings.length)
        this.found.push({ stage: STAGE.content, commit: undefined, path: file.path, sequence, findings: verdict.content.findings });
    });
    if (++this.pendingFiles % FILES_PER_TURN === 0 || !this.disk.ready()) {
      await this.disk.whenReady();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Findings of one file (counted as scanned, with its bytes). */
  private add(stage: number, origin: { path: string; commit?: CommitRef }, bytes: number, findings: Finding[]): void {
    this.files++;
    this.count(origin.commit?.sha ?? '', bytes);
    this.keep(stage, origin, findings);
  }

  private keep(stage: number, origin: { path: string; commit?: CommitRef }, findings: Finding[]): void {
    const sequence = this.sequence++;
    if (findings.length) this.found.push({ stage, commit: origin.commit?.sha, path: origin.path, sequence, findings });
  }

  private count(commit: string, bytes: number): void {
    this.bytesByCommit.set(commit, (this.bytesByCommit.get(commit) ?? 0) + bytes);
    this.progress?.advance(commit, bytes);
  }

  /** Findings in report order, each commit with the subject and author the source read. */
  private result(facts: SourceFacts): ScanResult {
    const order = new Map((facts.commits ?? []).map((sha, index) => [sha, index]));
    const commitIndex = (sha: string | undefined) => (sha === undefined ? 0 : (order.get(sha) ?? 0));
    const byPlace = facts.inArrivalOrder
      ? (a: Found, b: Found) => a.stage - b.stage || a.sequence - b.sequence
      : (a: Found, b: Found) =>
          a.stage - b.stage || commitIndex(a.commit) - commitIndex(b.commit) || compare(a.path, b.path) || a.sequence - b.sequence;
    const findings = this.found.sort(byPlace).flatMap((found) => found.findings);
    if (facts.commitRefs) {
      for (const finding of findings) {
        const ref = finding.commit && facts.commitRefs.get(finding.commit.sha);
        if (ref) finding.commit = ref;
      }
    }
    const skipped = this.skipped.sort((a, b) => commitIndex(a.commit) - commitIndex(b.commit) || compare(a.file, b.file));
    const bytes = [...this.bytesByCommit.values()].reduce((sum, value) => sum + value, 0);
    const scanned: Scanned = { files: this.files, bytes, ...(facts.commits ? { commits: facts.commits.length } : {}) };
    return { findings, skipped, scanned, bytesByCommit: this.bytesByCommit, facts };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
