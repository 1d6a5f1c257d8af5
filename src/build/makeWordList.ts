import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../packageInfo';
import { WORD_LENGTHS } from '../config/wordList';

// Writes src/config/words.txt from a plain word list, one word per line: Debian's `wamerican`
// (SCOWL, /usr/share/dict/american-english; its copyright permits use and redistribution). The
// words of code no dictionary holds (api, jwt, changeme…) are in detect/secretValue.ts. Run
// after `npm run build`:
//   node dist/build/makeWordList.js /usr/share/dict/american-english

function main(source: string): void {
  const words = new Set<string>();
  for (const line of readFileSync(source, 'utf8').split('\n')) if (/^[a-z]+$/.test(line)) words.add(line);
  const lines = WORD_LENGTHS.map((length) =>
    [...words]
      .filter((word) => word.length === length)
      .sort()
      .join(''),
  );
  const header = `# ${[...words].filter((word) => WORD_LENGTHS.includes(word.length)).length} lower-case words of ${WORD_LENGTHS[0]}-${WORD_LENGTHS.at(-1)} letters, one line per length, each line the words of that length in order, joined. From SCOWL (Debian wamerican); the words of code are in src/detect/secretValue.ts.`;
  writeFileSync(join(PACKAGE_ROOT, 'src', 'config', 'words.txt'), `${[header, ...lines].join('\n')}\n`);
}

main(process.argv[2] ?? '/usr/share/dict/american-english');
