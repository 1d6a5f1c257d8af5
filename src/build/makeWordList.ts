import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../packageInfo';
import { WORD_LENGTHS } from '../config/wordList';

// Writes src/config/words.txt from a plain word list, one word per line: Debian's `wamerican`
// (SCOWL, /usr/share/dict/american-english; its copyright permits use and redistribution) plus
// the words of code below. Run after `npm run build`:
//   node dist/build/makeWordList.js /usr/share/dict/american-english

/** Words of code and config that no English dictionary holds. */
const CODE_WORDS =
  'api auth oauth jwt csrf xsrf config env dev prod http https json yaml url uri sql postgres postgresql mysql redis mongo mongodb mariadb localhost admin changeme changeit letmein qwerty passwd pwd repo npm org webhook webhooks backend frontend';

function main(source: string): void {
  const words = new Set(CODE_WORDS.split(' '));
  for (const line of readFileSync(source, 'utf8').split('\n')) if (/^[a-z]+$/.test(line)) words.add(line);
  const lines = WORD_LENGTHS.map((length) =>
    [...words]
      .filter((word) => word.length === length)
      .sort()
      .join(''),
  );
  const header = `# ${[...words].filter((word) => WORD_LENGTHS.includes(word.length)).length} lower-case words of ${WORD_LENGTHS[0]}-${WORD_LENGTHS.at(-1)} letters, one line per length, each line the words of that length in order, joined. From SCOWL (Debian wamerican) and the words of code in src/build/makeWordList.ts.`;
  writeFileSync(join(PACKAGE_ROOT, 'src', 'config', 'words.txt'), `${[header, ...lines].join('\n')}\n`);
}

main(process.argv[2] ?? '/usr/share/dict/american-english');
