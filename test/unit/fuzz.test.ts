import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { validateConfigText } from '../../src/config/validators';
import { parseRawPatch } from '../../src/git/diffParser';
import { parsePushLines } from '../../src/git/pushRefs';
import { ADDED_LINES_DIFF_ARGS } from '../../src/git/repository';
import { LeakgateError } from '../../src/errors';
import { catalogueDetector } from '../helpers/detector';
import { cleanEnv, TempRepo } from '../helpers/repo';

/** Only our own typed errors may come out of a parser fed garbage. */
function onlyLeakgateErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof LeakgateError)) throw error;
  }
}

describe('property: the parsers never crash on random input', () => {
  it('parsePushLines accepts or refuses random stdin with a UsageError', () => {
    const sha = fc.stringMatching(/^[0-9a-f]{40}$/);
    const line = fc.oneof(
      fc.tuple(fc.string(), sha, fc.string(), sha).map((parts) => parts.join(' ')),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => onlyLeakgateErrors(() => parsePushLines(lines.join('\n')))),
      { numRuns: 300 },
    );
  });

  it('config validation answers random JSON with a ConfigError, never a crash', () => {
    const config = fc.oneof(
      fc.jsonValue(),
      fc.record({ allowlist: fc.jsonValue(), rules: fc.jsonValue(), maxFileSize: fc.jsonValue() }, { requiredKeys: [] }),
      fc.record({ allowlist: fc.record({ paths: fc.array(fc.string()), regexes: fc.array(fc.string()) }, { requiredKeys: [] }) }),
    );
    fc.assert(
      fc.property(config, (value) => onlyLeakgateErrors(() => validateConfigText(JSON.stringify(value) ?? 'null', '.leakgate.json'))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => onlyLeakgateErrors(() => validateConfigText(text, '.leakgate.json'))),
      { numRuns: 200 },
    );
  });

  it('the raw-patch parser survives random output', () => {
    const rawish = fc
      .tuple(fc.constantFrom(':', '::', ':100644 100644 ', ''), fc.string({ unit: 'binary' }), fc.constantFrom('\0', '\0\0', ''))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(rawish, fc.string({ unit: 'binary' })), (text) => onlyLeakgateErrors(() => parseRawPatch(text))),
      { numRuns: 500 },
    );
  });

  it('the detector survives random text', () => {
    const detector = catalogueDetector();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.nat(1000), (text, startLine) => {
        detector.scanFile({ path: 'x.js', chunks: [{ startLine: startLine + 1, text }] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: added-line numbers agree with git on random files', () => {
  const repo = new TempRepo();
  afterAll(() => repo.cleanup());
  const lineText = fc.oneof(
    fc.constantFrom('', ' ', '+', '-', '++x', '--- a', '@@ -1 +1 @@', 'diff --git a b', '\\ x', '\r'),
    fc.string({ maxLength: 12 }).map((s) => s.replace(/[\n\0]/g, '')),
  );

  it('every added line sits at the reported line of the staged file, and git counts as many', () => {
    fc.assert(
      fc.property(
        fc.array(lineText, { maxLength: 30 }),
        fc.array(lineText, { maxLength: 30 }),
        fc.boolean(),
        (before, after, trailingNewline) => {
          const file = join(repo.dir, 'f.txt');
          writeFileSync(file, before.join('\n') + '\n');
          repo.git('add', '-A');
          repo.git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'before');
          const content = after.join('\n') + (trailingNewline ? '\n' : '');
          writeFileSync(file, content);
          repo.git('add', '-A');
          const output = execFileSync('git', ['diff', '--cached', ...ADDED_LINES_DIFF_ARGS], {
            cwd: repo.dir,
            env: cleanEnv(),
            encoding: 'utf8',
          });
          const entries = parseRawPatch(output);
          const staged = content.split('\n');
          let added = 0;
          for (const entry of entries) {
            for (const chunk of entry.chunks) {
              chunk.text.split('\n').forEach((text, offset) => {
                expect(staged[chunk.startLine - 1 + offset]).toBe(text);
                added++;
              });
            }
          }
          const numstat = execFileSync('git', ['diff', '--cached', '--numstat'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
          const expected = numstat.trim() ? Number(numstat.split('\t')[0]) : 0;
          expect(added).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
