import type { CommitRef, FileChange, TagRef } from '../detect/types';
import { readObjects, type GitObject } from '../git/objectReader';
import type { PushRef } from '../git/pushRefs';
import { messageFile, tagMessagePath } from '../detect/messageFragments';
import type { FragmentSink, Source } from './fragments';

// Commit and tag messages are published with the commits. They are read raw (cat-file), so the
// text scanned is the text stored, whatever the user's git config does to `git log`.

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

/**
 * The messages of these commits as fragments, read through one git process in the given order.
 * Reading the commit objects also gives each commit's subject and author for the report: they go
 * into `refs`, so nothing asks git for them again.
 */
export async function commitMessages(
  root: string,
  shas: readonly string[],
  sink: FragmentSink,
  refs: Map<string, CommitRef>,
): Promise<void> {
  await readObjects(
    root,
    shas,
    ({ sha, type, body }) => {
      if (type !== 'commit') return;
      const { headers, message } = parseObject(body);
      const commit = { sha, subject: subjectOf(message), author: person(headers.get('author')) };
      refs.set(sha, commit);
      void sink.put({ kind: 'message', file: messageFile(message, { commit }) });
    },
    'read the commit messages',
  );
}

/** An annotated tag to read: the ref's name and the object it points at. */
export interface TagToRead {
  name: string;
  sha: string;
}

/**
 * The messages of annotated tags as fragments (a signed tag's signature included: cutting at a
 * BEGIN line anyone can type would hide what follows it), and of the tags they point at (a tag of
 * a tag sends both objects). Ids that are not tag objects (lightweight tags) are passed over.
 * `keep` decides, from what a tag finally points at, whether it is scanned (a history range keeps
 * its own commits).
 */
export async function tagMessages(
  root: string,
  tags: readonly TagToRead[],
  sink: FragmentSink,
  keep: (target: string) => boolean = () => true,
): Promise<void> {
  const chains = new Map<string, { name: string; object: GitObject; parsed: ParsedObject }[]>();
  let level = tags.map((tag) => ({ origin: tag.sha, name: tag.name, sha: tag.sha }));
  // One git process per level of nesting; a tag of a tag is rare, deeper nesting rarer still.
  for (let depth = 0; level.length > 0 && depth < 16; depth++) {
    const objects = new Map<string, GitObject>();
    await readObjects(
      root,
      [...new Set(level.map((item) => item.sha))],
      (object) => objects.set(object.sha, object),
      'read the tag messages',
    );
    const next: typeof level = [];
    for (const item of level) {
      const object = objects.get(item.sha);
      if (object?.type !== 'tag') continue;
      const parsed = parseObject(object.body);
      const chain = chains.get(item.origin) ?? [];
      // The pushed ref names the outer tag; a tag it points at is known by its own name.
      chain.push({ name: depth === 0 ? item.name : (parsed.headers.get('tag') ?? item.name), object, parsed });
      chains.set(item.origin, chain);
      if (parsed.headers.get('type') === 'tag')
        next.push({ origin: item.origin, name: item.name, sha: parsed.headers.get('object') ?? '' });
    }
    level = next;
  }

  const delivered = new Set<string>();
  for (const chain of chains.values()) {
    const target = chain[chain.length - 1]?.parsed.headers.get('object') ?? '';
    if (!keep(target)) continue;
    for (const { name, object, parsed } of chain) {
      if (delivered.has(object.sha)) continue;
      delivered.add(object.sha);
      const tag: TagRef = {
        name,
        object: object.sha,
        target,
        subject: subjectOf(parsed.message),
        tagger: person(parsed.headers.get('tagger')),
      };
      await sink.put({ kind: 'message', file: messageFile(parsed.message, { path: tagMessagePath(name) }), tag });
    }
  }
}

/**
 * The annotated tags a push sends: each pushed ref whose object is not one of the commits it
 * sends (usually under refs/tags/); tagMessages passes over those that are no tag objects.
 */
export function pushedTags(commits: readonly string[], refs: readonly PushRef[]): TagToRead[] {
  const sent = new Set(commits);
  return refs
    .filter((ref) => ref.kind !== 'delete' && !sent.has(ref.localSha))
    .map((ref) => ({ name: ref.remoteRef.replace(/^refs\/tags\//, ''), sha: ref.localSha }));
}

/** One message as a source: the commit-msg hook's file. */
export function messageSource(file: FileChange): Source {
  return {
    feed: async (sink) => {
      await sink.put({ kind: 'message', file });
      return {};
    },
  };
}
