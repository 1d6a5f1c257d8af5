import type { Remediation } from '../detect/types';
import { messages, SECRETS_MANAGERS, shellQuote } from '../messages';
import { shellQuoteSafe, terminalSafe } from './terminalSafe';

/** A commit that holds the secret, and at which paths. */
export interface IncidentCommit {
  sha: string;
  short: string;
  author: string;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
  paths: string[];
}

/** A reflog and those of its entries whose history holds the secret. */
export interface IncidentReflog {
  ref: string;
  selectors: string[];
}

/**
 * Everything `leakgate incident` learned about one secret in this clone. It holds no secret:
 * only the redacted forms, paths, commits and ref names.
 */
export interface Incident {
  fingerprint: string;
  ruleId: string;
  provider: string;
  description: string;
  /** The secret's redacted forms (two for a key pair). */
  redacted: string[];
  remediation: Remediation[];
  workTree: string[];
  /** Files git ignores that hold it (a .env): not in git, but the old key to replace there. */
  ignoredFiles: string[];
  index: string[];
  firstCommit?: IncidentCommit;
  laterCommits: IncidentCommit[];
  /** Commit and tag messages that hold it ("commit abc1234", "tag v1"). */
  inMessages: string[];
  branches: string[];
  remoteBranches: string[];
  tags: string[];
  /** Stash entries (`stash@{1}`) whose history holds it. */
  stashes: string[];
  otherRefs: string[];
  reflogs: IncidentReflog[];
  /** Remotes whose known refs hold it, or held it (their reflogs); empty: only local. */
  pushedTo: string[];
  /** The remote-tracking refs (or their reflog entries) that show it. */
  pushedVia: string[];
  /** Every path it sits at in a commit (for `git filter-repo --path`). */
  historyPaths: string[];
  /** The only commit holding it is HEAD, and only the current branch reaches it: amending is enough. */
  headOnly: boolean;
  /** The repository's root, for commands run from elsewhere. */
  root: string;
  /** Today, YYYY-MM-DD. */
  today: string;
}

/** Whether the incident found the secret anywhere. */
export function isLocated(incident: Incident): boolean {
  return Boolean(incident.workTree.length || incident.index.length || incident.firstCommit || incident.inMessages.length);
}

/** A piece of a report: a line of prose, or a command to copy. */
type Item = { text: string } | { command: string };

interface Section {
  heading: string;
  items: Item[];
  /** A checklist: numbered steps, each with its own items (commands under a step). */
  steps?: Item[][];
}

interface Document {
  title: string;
  lead: string[];
  sections: Section[];
}

/** How many commits or reflog entries a list shows before "… and N more". */
const SHOWN = 10;
const REPLACEMENTS_FILE = '../leakgate-replacements.txt';

/** The incident reports as text for a terminal or Markdown for a ticket. */
export function renderIncidents(incidents: readonly Incident[], format: 'text' | 'markdown'): string {
  const documents = incidents.map(documentOf);
  return format === 'markdown' ? documents.map(markdown).join('\n') : documents.map(text).join('\n');
}

function documentOf(incident: Incident): Document {
  const title = messages.incident.title(incident.description, incident.ruleId, incident.redacted.join(' + '));
  const lead = [messages.incident.fingerprint(incident.fingerprint)];
  for (const why of new Set(incident.remediation.map((remediation) => remediation.why))) if (why) lead.push(messages.incident.why(why));
  if (!isLocated(incident)) {
    const ignored = incident.ignoredFiles.length ? [messages.incident.ignoredFiles(incident.ignoredFiles.join(', '))] : [];
    return { title, lead: [...lead, messages.incident.notFound, ...ignored], sections: [] };
  }
  const sections = [whereSection(incident), pushedSection(incident)];
  sections.push(incident.pushedTo.length ? checklist(incident) : rewriteSection(incident));
  return { title, lead, sections };
}

function whereSection(incident: Incident): Section {
  const m = messages.incident;
  const items: Item[] = [];
  const line = (text: string) => items.push({ text });
  if (incident.workTree.length) line(m.workTree(incident.workTree.join(', ')));
  if (incident.ignoredFiles.length) line(m.ignoredFiles(incident.ignoredFiles.join(', ')));
  if (incident.index.length) line(m.index(incident.index.join(', ')));
  const first = incident.firstCommit;
  if (first) line(m.firstCommit(first.short, first.subject, first.author, first.date, first.paths.join(', ')));
  if (incident.laterCommits.length) {
    line(m.laterCommits(incident.laterCommits.length));
    for (const commit of incident.laterCommits.slice(0, SHOWN))
      line(`  ${m.commitLine(commit.short, commit.subject, commit.paths.join(', '))}`);
    if (incident.laterCommits.length > SHOWN) line(`  ${m.andMore(incident.laterCommits.length - SHOWN)}`);
  }
  if (incident.inMessages.length) line(m.inMessages(incident.inMessages.join(', ')));
  if (incident.branches.length) line(m.branches(incident.branches.join(', ')));
  if (incident.remoteBranches.length) line(m.remoteBranches(incident.remoteBranches.join(', ')));
  if (incident.tags.length) line(m.tags(incident.tags.join(', ')));
  if (incident.stashes.length) line(m.stashes(incident.stashes.join(', ')));
  if (incident.otherRefs.length) line(m.otherRefs(incident.otherRefs.join(', ')));
  for (const { ref, selectors } of incident.reflogs) {
    const shown = selectors.slice(0, SHOWN).join(', ') + (selectors.length > SHOWN ? `, ${m.andMore(selectors.length - SHOWN)}` : '');
    line(m.reflog(ref, selectors.length, shown));
  }
  return { heading: m.whereHeading, items };
}

function pushedSection(incident: Incident): Section {
  const m = messages.incident;
  if (incident.pushedTo.length)
    return { heading: m.pushedHeading, items: [{ text: m.pushed(incident.pushedTo.join(', '), incident.pushedVia.join(', ')) }] };
  const items: Item[] = [{ text: m.onlyLocal }];
  if (!incident.firstCommit && !incident.inMessages.length) items.push({ text: m.neverCommitted });
  items.push({ text: m.onlyLocalCaveat(incident.ruleId) });
  return { heading: m.pushedHeading, items };
}

/** Never pushed: the local rewrite, for the work tree and index, the commits, the stashes and reflogs. */
function rewriteSection(incident: Incident): Section {
  const m = messages.incident;
  const items: Item[] = [];
  const files = [...new Set([...incident.workTree, ...incident.index])];
  if (files.length) {
    items.push({ text: m.rewriteFiles(files.join(', ')) });
    items.push({ command: `git add -- ${files.map(quoted).join(' ')}` });
  }
  const refs = [
    ...incident.branches.map((branch) => `refs/heads/${branch}`),
    ...incident.tags.map((tag) => `refs/tags/${tag}`),
    ...incident.otherRefs,
  ];
  if (incident.headOnly) {
    items.push({ text: m.rewriteAmend });
    items.push({ command: 'git commit --amend --no-edit' });
  } else if (refs.length) {
    items.push({ text: m.rewriteHistory(refs.join(', ')) });
    items.push({ text: m.replacementsFile(REPLACEMENTS_FILE) });
    items.push({ command: `git filter-repo --force --replace-text ${REPLACEMENTS_FILE} --refs ${refs.map(quoted).join(' ')}` });
  }
  stashAndReflogItems(incident, items);
  return { heading: m.rewriteHeading, items };
}

/** Stashes dropped, then the reflogs that reach the old commits cleared of them and the objects pruned. */
function stashAndReflogItems(incident: Incident, items: Item[]): void {
  const m = messages.incident;
  if (incident.stashes.length) {
    items.push({ text: m.dropStashes });
    const highestFirst = [...incident.stashes].sort((a, b) => stashNumber(b) - stashNumber(a));
    for (const stash of highestFirst) items.push({ command: `git stash drop ${quoted(stash)}` });
  }
  if (incident.firstCommit || incident.stashes.length || incident.inMessages.length) {
    items.push({ text: m.expireReflogs });
    // Named reflogs only: `--all` would take the stash's reflog too, and with it every other stash.
    const reflogs = incident.reflogs.map(({ ref }) => quoted(ref));
    items.push({
      command: reflogs.length
        ? `git reflog expire --expire-unreachable=now ${reflogs.join(' ')} && git gc --prune=now`
        : 'git gc --prune=now',
    });
  }
}

function stashNumber(selector: string): number {
  return Number(/\{(\d+)\}$/.exec(selector)?.[1] ?? 0);
}

/** Pushed: the seed's six steps, filled in from the rule's remediation. */
function checklist(incident: Incident): Section {
  const m = messages.incident;
  const remediations = incident.remediation;
  const revoke = [...new Set(remediations.map((r) => r.revoke))].join(' ');
  const docs = [...new Set(remediations.map((r) => r.docs))].join(', ');
  const envVars = [...new Set(remediations.map((r) => r.envVar))].join(' and ');
  const investigate = [...new Set(remediations.flatMap((r) => (r.investigate ? [r.investigate] : [])))].join(' ');
  const first = incident.firstCommit;
  const logs = first
    ? m.stepLogs(incident.provider, first.date.slice(0, 10), incident.today, investigate)
    : m.stepLogsNoHistory(incident.provider, incident.today, investigate);
  const purge: Item[] = [{ text: m.stepPurge }, { text: m.replacementsFile(REPLACEMENTS_FILE) }];
  for (const remote of incident.pushedTo) {
    const url = `"$(git -C ${quoted(incident.root)} remote get-url ${quoted(remote)})"`;
    purge.push({ command: `git clone --mirror ${url} ../purge-${safeName(remote)}.git && cd ../purge-${safeName(remote)}.git` });
    purge.push({ command: `git filter-repo --replace-text ${REPLACEMENTS_FILE}` });
    if (incident.historyPaths.length) {
      purge.push({ text: m.purgeByPath });
      purge.push({ command: `git filter-repo --invert-paths ${incident.historyPaths.map((path) => `--path ${quoted(path)}`).join(' ')}` });
    }
    purge.push({ text: m.purgePush });
    purge.push({ command: `git push --force --mirror ${url}` });
  }
  purge.push({ text: m.purgeAfter });
  const steps: Item[][] = [
    [{ text: m.stepCreate(revoke) }],
    [{ text: m.stepStore(envVars, SECRETS_MANAGERS) }],
    [{ text: m.stepUpdate }],
    [{ text: m.stepDeactivate(docs) }],
    [{ text: logs }],
    purge,
  ];
  return { heading: m.checklistHeading, items: [], steps };
}

function quoted(text: string): string {
  return shellQuoteSafe(text, shellQuote);
}

/** A remote's name as part of a folder name. */
function safeName(remote: string): string {
  return remote.replace(/[^A-Za-z0-9_.-]/g, '_');
}

function text(document: Document): string {
  const lines = [terminalSafe(document.title), ...document.lead.map((line) => terminalSafe(line))];
  for (const section of document.sections) {
    lines.push('', section.heading);
    for (const item of section.items) lines.push(textItem(item, '  '));
    section.steps?.forEach((step, index) => {
      step.forEach((item, at) => {
        lines.push(at === 0 ? `  ${index + 1}. ${terminalSafe(itemText(item))}` : textItem(item, '     '));
      });
    });
  }
  return `${lines.join('\n')}\n`;
}

function textItem(item: Item, indent: string): string {
  return 'command' in item ? `${indent}  ${item.command}` : `${indent}${terminalSafe(item.text)}`;
}

function itemText(item: Item): string {
  return 'command' in item ? item.command : item.text;
}

function markdown(document: Document): string {
  const lines = [`## ${escapeMarkdown(document.title)}`, '', ...document.lead.map((line) => `${escapeMarkdown(line)}  `)];
  for (const section of document.sections) {
    lines.push('', `### ${section.heading}`, '');
    pushMarkdownItems(lines, section.items, '- ', '');
    section.steps?.forEach((step, index) => {
      const [head, ...rest] = step;
      lines.push(`- [ ] ${index + 1}. ${escapeMarkdown(head ? itemText(head) : '')}`);
      pushMarkdownItems(lines, rest, '', '  ');
    });
  }
  return `${lines.join('\n')}\n`;
}

function pushMarkdownItems(lines: string[], items: readonly Item[], bullet: string, indent: string): void {
  items.forEach((item, index) => {
    if ('command' in item) {
      // Consecutive commands share one block, to copy at once.
      if (!(index > 0 && 'command' in items[index - 1]!)) lines.push(`${indent}\`\`\`sh`);
      lines.push(`${indent}${item.command}`);
      if (!(index + 1 < items.length && 'command' in items[index + 1]!)) lines.push(`${indent}\`\`\``);
      return;
    }
    // A line indented under the one before it (a later commit) is a nested bullet.
    const nested = bullet && item.text.startsWith('  ') ? '  ' : '';
    lines.push(`${indent}${nested}${bullet}${escapeMarkdown(item.text.trimStart())}`);
  });
}

/** Text from commits, paths and ref names cannot open HTML or turn into emphasis in a ticket (***REMOVED***). */
function escapeMarkdown(text: string): string {
  return terminalSafe(text).replace(/[<>*]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '\\*'));
}
