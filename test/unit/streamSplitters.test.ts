import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { BlobSplitter, type BlobContent } from '../../src/git/blobStream';
import { RecordSplitter, StagedSplitter, type CommitDiff } from '../../src/git/diffStreamSplitters';
import { parseRawPatch, type DiffEntry } from '../../src/git/diffParser';
import { NEUTRAL_CONFIG } from '../../src/git/diffArgs';
import { ADDED_LINES_DIFF_ARGS } from '../../src/git/repository';
import { cleanEnv, TempRepo } from '../helpers/repo';

// git's output reaches the splitters in pipe-sized chunks that can end anywhere: inside a header,
// between "\n" and "diff --", inside a commit id. Whatever the cuts, the files and their added
// lines must come out exactly as when the whole output is parsed at once.

const CONFIG = NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]);

function gitOutput(repo: TempRepo, args: string[], input?: string): string {
  return execFileSync('git', [...CONFIG, ...args], {
    cwd: repo.dir,
    env: cleanEnv(),
    encoding: 'latin1',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function gitBytes(repo: TempRepo, args: string[], input: string): Buffer {
  return execFileSync('git', args, { cwd: repo.dir, env: cleanEnv(), input, maxBuffer: 64 * 1024 * 1024 });
}

/** Many small files whose sections meet at many offsets, with names and lines that look like headers. */
function fillRepo(repo: TempRepo, round: number): void {
  const names = ['a.txt', 'diff --x', '-dash.js', 'with space.env', 'dir/diff --git b', 'ünï.md', 'empty.txt', 'z.bin'];
  names.forEach((name, index) => {
    const lines = Array.from({ length: (index * 7 + round * 3) % 11 }, (_, line) =>
      line % 3 === 0 ? `diff --git a/${name} b/${name}` : `line ${line} of ${name} round ${round}`,
    );
    repo.write(name, name === 'empty.txt' ? '' : name === 'z.bin' ? Buffer.from([0, 1, 2, round, 0]) : lines.join('\n') + '\n');
  });
  for (let index = 0; index < 20; index++) repo.write(`many/f${index}.js`, `const v${index} = ${round};\n`.repeat((index % 4) + 1));
}

/** Cuts `text` at the given fractions (any order, duplicates allowed). */
function chunked(text: string, cuts: number[]): string[] {
  const offsets = [...new Set(cuts.map((cut) => Math.floor(cut * text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const offset of offsets) {
    pieces.push(text.slice(from, offset));
    from = offset;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** Every offset within reach of a needle (`before` it too: where a straddling cut matters), and every 50th elsewhere. */
function cutOffsets(text: string, needles: string[], before = 0): number[] {
  const offsets = new Set<number>();
  for (let offset = 0; offset <= text.length; offset += 50) offsets.add(offset);
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      for (let offset = Math.max(0, at - before); offset <= at + needle.length; offset++) offsets.add(offset);
    }
  }
  return [...offsets];
}

const summary = (entries: readonly DiffEntry[]) =>
  entries.map((entry) => ({ path: entry.path, binary: entry.binary, chunks: entry.chunks }));
const cutPoints = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 });

describe('stream splitters: any chunking gives what parsing the whole output gives', () => {
  const repo = new TempRepo();
  const shas: string[] = [];
  beforeAll(() => {
    for (let round = 0; round < 3; round++) {
      fillRepo(repo, round);
      repo.commitAll(`round ${round}`);
      shas.push(repo.git('rev-parse', 'HEAD').trim());
    }
    fillRepo(repo, 7);
    repo.git('mv', 'a.txt', 'renamed a.txt');
    repo.git('add', '-A');
  });
  afterAll(() => repo.cleanup());

  it('StagedSplitter: staged files, whatever the chunk boundaries', () => {
    const output = gitOutput(repo, ['diff', '--cached', ...ADDED_LINES_DIFF_ARGS]);
    const whole = parseRawPatch(output);
    expect(whole.length).toBeGreaterThan(25);
    expect(whole.map((entry) => entry.path)).toEqual(expect.arrayContaining(['diff --x', 'dir/diff --git b', 'renamed a.txt']));
    const run = (pieces: string[]) => {
      const entries: DiffEntry[] = [];
      const splitter = new StagedSplitter((entry) => entries.push(entry));
      for (const piece of pieces) splitter.push(piece);
      splitter.end();
      return summary(entries);
    };
    const expected = summary(whole);
    expect(run([output])).toEqual(expected);
    // Every cut near a header, then random multi-cuts.
    for (const offset of cutOffsets(output, ['\ndiff --', '\0\0diff --']))
      expect(run([output.slice(0, offset), output.slice(offset)])).toEqual(expected);
    fc.assert(
      fc.property(cutPoints, (cuts) => expect(run(chunked(output, cuts))).toEqual(expected)),
      { numRuns: 150 },
    );
  });

  it('RecordSplitter: commits, whatever the chunk boundaries', () => {
    const args = [
      'diff-tree',
      '--stdin',
      '--always',
      '--root',
      '-r',
      '--cc',
      ...ADDED_LINES_DIFF_ARGS.filter((arg) => !arg.startsWith('--diff-filter')),
    ];
    const output = gitOutput(repo, args, `${shas.join('\n')}\n`);
    const run = (pieces: string[]) => {
      const commits: CommitDiff[] = [];
      const splitter = new RecordSplitter(shas, (commit) => commits.push(commit));
      for (const piece of pieces) splitter.push(piece);
      splitter.end();
      expect(splitter.done).toBe(shas.length);
      return commits.map((commit) => ({ sha: commit.sha, entries: summary(commit.entries) }));
    };
    const expected = run([output]);
    expect(expected.map((commit) => commit.sha)).toEqual(shas);
    expect(expected[0]!.entries.length).toBeGreaterThan(25);
    for (const offset of cutOffsets(
      output,
      shas.map((sha) => `${sha}\0`),
    ))
      expect(run([output.slice(0, offset), output.slice(offset)])).toEqual(expected);
    fc.assert(
      fc.property(cutPoints, (cuts) => expect(run(chunked(output, cuts))).toEqual(expected)),
      { numRuns: 150 },
    );
  });

  it('BlobSplitter: blob contents, whatever the chunk boundaries (empty, binary, oversized, missing)', () => {
    const ids = repo
      .git('ls-files', '-s')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[1] ?? '');
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const shas = [...ids, missing, ids[0]!];
    const output = gitBytes(repo, ['cat-file', '--batch'], `${shas.join('\n')}\n`);
    const maxBytes = 40; // some blobs are over it: only their head is kept
    const collect = (pieces: Buffer[]) => {
      const blobs: { sha: string; content: BlobContent }[] = [];
      const splitter = new BlobSplitter(shas, maxBytes, (sha, content) => blobs.push({ sha, content: copyOf(content) }));
      for (const piece of pieces) splitter.push(piece);
      splitter.end();
      return blobs;
    };
    // Compared as one line per blob (kind, size, digest): deep-comparing buffers is slow.
    const run = (pieces: Buffer[]) =>
      collect(pieces)
        .map(({ sha, content }) => `${sha} ${describeBlob(content)}`)
        .join('\n');
    const expected = collect([output]);
    expect(expected.map((blob) => blob.sha)).toEqual(shas);
    expect(expected.map((blob) => blob.content.kind)).toEqual(expect.arrayContaining(['blob', 'too-large', 'missing']));
    const empty = expected.find((blob) => blob.content.kind === 'blob' && blob.content.bytes.length === 0);
    expect(empty).toBeDefined();
    for (const { sha, content } of expected) {
      if (content.kind === 'blob') expect(content.bytes.equals(gitBytes(repo, ['cat-file', 'blob', sha], ''))).toBe(true);
    }
    const whole = run([output]);
    const text = output.toString('latin1');
    // A header is `<40 hex> blob <size>\n` after the previous content's newline.
    for (const offset of cutOffsets(text, [' blob ', ' missing'], 42))
      expect(run([output.subarray(0, offset), output.subarray(offset)])).toBe(whole);
    fc.assert(
      fc.property(cutPoints, (cuts) => {
        const pieces = chunked(text, cuts).map((piece) => Buffer.from(piece, 'latin1'));
        expect(run(pieces)).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });
});

function describeBlob(content: BlobContent): string {
  if (content.kind === 'missing') return 'missing';
  const bytes = content.kind === 'blob' ? content.bytes : content.head;
  return `${content.kind} ${bytes.length} ${createHash('sha1').update(bytes).digest('hex')}`;
}

/** Blob contents may be views of a chunk that is reused: keep a copy. */
function copyOf(content: BlobContent): BlobContent {
  if (content.kind === 'blob') return { kind: 'blob', bytes: Buffer.from(content.bytes) };
  if (content.kind === 'too-large') return { ...content, head: Buffer.from(content.head) };
  return content;
}
