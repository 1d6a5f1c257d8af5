import type { Detector } from '../detect/detector';
import type { Finding, TagRef } from '../detect/types';
import { readObjects, type GitObject } from '../git/objectReader';
import type { PushRef } from '../git/pushRefs';
import type { Repository } from '../git/repository';
import { messageFile, tagMessagePath } from '../detect/messageFragments';
import { guarded } from '../runtime/watchdog';

// Commit and tag messages are published with the commits. They are read raw (cat-file), so the
// text judged is the text stored, whatever the user's git config does to `git log`.

/** A raw commit or tag object split into its header fields and its message. */
interface ParsedObject {
  headers: Map<string, string>;
  message: string;
}

/** Headers up to the first empty line, then the message (decoded as the `encoding` header says). */
function parseObject(body: Buffer): ParsedObject {
  const end = body.indexOf('\n\n');
  const headerText = (end === -1 ? body : body.subarray(0, end)).toString('utf8');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\n')) {
    if (line.startsWith(' ')) continue; // continuation of a multi-line header (a signature)
    const space = line.indexOf(' ');
    if (space > 0 && !headers.has(line.slice(0, space))) headers.set(line.slice(0, space), line.slice(space + 1));
  }
  const raw = end === -1 ? Buffer.alloc(0) : body.subarray(end + 2);
  const latin1 = /^(?:iso-?8859-1|latin-?1)$/i.test(headers.get('encoding') ?? '');
  return { headers, message: raw.toString(latin1 ? 'latin1' : 'utf8') };
}

/** `Name <email>` of an `author`/`tagger` header (its time left out). */
function person(header: string | undefined): string {
  return header ? header.replace(/\s+\d+\s+[+-]\d{4}$/, '') : '';
}

function subjectOf(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}

/** Findings in the messages of these commits, read through one git process, in the given order. */
export async function scanCommitMessages(root: string, shas: readonly string[], detector: Detector): Promise<Finding[]> {
  const findings: Finding[] = [];
  await readObjects(
    root,
    shas,
    ({ sha, type, body }) => {
      if (type !== 'commit') return;
      const { headers, message } = parseObject(body);
      const commit = { sha, subject: subjectOf(message), author: person(headers.get('author')) };
      findings.push(...detector.scanFile(messageFile(message, { commit })));
    },
    'read the commit messages',
  );
  return findings;
}

/** An annotated tag to judge: the ref's name and the object it points at. */
export interface TagToJudge {
  name: string;
  sha: string;
}

/**
 * Findings in the messages of annotated tags (a signed tag's signature included: cutting at a
 * BEGIN line anyone can type would hide what follows it), and of the tags they point at (a tag of a tag sends
 * both objects). Ids that are not tag objects (lightweight tags) are passed over. `keep` decides,
 * from what a tag finally points at, whether it is judged (a history range keeps its own commits).
 */
export async function scanTagMessages(root: string, tags: readonly TagToJudge[], detector: Detector, keep: (target: string) => boolean = () => true): Promise<Finding[]> {
  const chains = new Map<string, { name: string; object: GitObject; parsed: ParsedObject }[]>();
  let level = tags.map((tag) => ({ origin: tag.sha, name: tag.name, sha: tag.sha }));
  // One git process per level of nesting; a tag of a tag is rare, deeper nesting rarer still.
  for (let depth = 0; level.length > 0 && depth < 16; depth++) {
    const objects = new Map<string, GitObject>();
    await readObjects(root, [...new Set(level.map((item) => item.sha))], (object) => objects.set(object.sha, object), 'read the tag messages');
    const next: typeof level = [];
    for (const item of level) {
      const object = objects.get(item.sha);
      if (!object || object.type !== 'tag') continue;
      const parsed = parseObject(object.body);
      const chain = chains.get(item.origin) ?? [];
      // The pushed ref names the outer tag; a tag it points at is known by its own name.
      chain.push({ name: depth === 0 ? item.name : (parsed.headers.get('tag') ?? item.name), object, parsed });
      chains.set(item.origin, chain);
      if (parsed.headers.get('type') === 'tag') next.push({ origin: item.origin, name: item.name, sha: parsed.headers.get('object') ?? '' });
    }
    level = next;
  }

  const findings: Finding[] = [];
  const judged = new Set<string>();
  for (const chain of chains.values()) {
    const target = chain[chain.length - 1].parsed.headers.get('object') ?? '';
    if (!keep(target)) continue;
    for (const { name, object, parsed } of chain) {
      if (judged.has(object.sha)) continue;
      judged.add(object.sha);
      const tag: TagRef = { name, object: object.sha, target, subject: subjectOf(parsed.message), tagger: person(parsed.headers.get('tagger')) };
      const message = messageFile(parsed.message, { path: tagMessagePath(name) });
      for (const finding of guarded(() => detector.scanFile(message))) findings.push({ ...finding, tag });
    }
  }
  return findings;
}

/**
 * The messages a push publishes: those of the commits it sends, and of the annotated tags it
 * sends (each pushed ref whose object is a tag, usually under refs/tags/, and the tags those
 * point at). A ref whose tip is one of the commits is no tag: only the others are read.
 */
export async function scanPushMessages(root: string, commits: readonly string[], refs: readonly PushRef[], detector: Detector): Promise<Finding[]> {
  const sent = new Set(commits);
  const tags = refs
    .filter((ref) => ref.kind !== 'delete' && !sent.has(ref.localSha))
    .map((ref) => ({ name: ref.remoteRef.replace(/^refs\/tags\//, ''), sha: ref.localSha }));
  const [ofCommits, ofTags] = await Promise.all([scanCommitMessages(root, commits, detector), scanTagMessages(root, tags, detector)]);
  return [...ofCommits, ...ofTags];
}

/**
 * The messages a history scan covers: every commit of the range, and annotated tags: all of them
 * for the default range (every ref), else those whose target is a commit of the range.
 */
export async function scanHistoryMessages(repo: Repository, commits: readonly string[], explicitRange: boolean, detector: Detector): Promise<Finding[]> {
  const inRange = explicitRange ? new Set(commits) : undefined;
  const [ofCommits, ofTags] = await Promise.all([
    scanCommitMessages(repo.root, commits, detector),
    repo.annotatedTags().then((tags) => scanTagMessages(repo.root, tags, detector, inRange ? (target) => inRange.has(target) : undefined)),
  ]);
  return [...ofCommits, ...ofTags];
}
