import { messages } from '../messages';
import type { MaskedFinding } from './mask';
import type { Style } from './style';

/**
 * A config widening in the text report: what was widened, by which commit, and the two ways on
 * (take the change out, or accept it from outside the repository). It names no secret: there
 * is none, and the values it quotes were capped when the finding was made.
 */
export function renderWidening(finding: MaskedFinding, style: Style, guided: Set<string>): string[] {
  const out = [`${style.bold(`${finding.file}:${finding.line}`)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`];
  if (finding.commit) out.push(`  ${messages.commitLine(finding.commit.sha.slice(0, 10), finding.commit.subject, finding.commit.author)}`);
  const [guide] = finding.remediation;
  // One commit often widens several keys: explain once per commit.
  const key = `widened:${finding.commit?.sha ?? ''}`;
  if (guided.has(key)) {
    out.push(style.dim(`  ${messages.fingerprintLine(finding.fingerprint)}`), `  ${messages.sameCommitAbove}`);
    return out;
  }
  guided.add(key);
  if (guide.why) out.push(`  ${messages.whyHeading} ${guide.why}`);
  out.push(style.dim(`  ${messages.fingerprintLine(finding.fingerprint)}`), '', `  ${style.cyan(messages.howToFixHeading)}`);
  out.push(...wrap(guide.revoke, 2));
  if (guide.docs) out.push(`  ${messages.docsHeading} ${guide.docs}`);
  return out;
}

function wrap(text: string, indent: number, width = 100): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && pad.length + current.length + 1 + word.length > width) {
      lines.push(pad + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(pad + current);
  return lines;
}
