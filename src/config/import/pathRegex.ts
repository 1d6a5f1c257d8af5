/**
 * The picomatch glob that matches exactly the paths a path regex of gitleaks or detect-secrets
 * matches, for the forms such configs use (`(^|/)vendor/`, `\.lock$`, `^docs/.*\.md$`), else
 * undefined: the import then names the regex as not translated rather than guess. A glob that
 * matched more paths would allow what the source tool scanned.
 */
export function pathRegexToGlob(regex: string): string | undefined {
  let rest = regex;
  let prefix: string;
  if (rest.startsWith('(^|/)') || rest.startsWith('(?:^|/)')) {
    prefix = '**/';
    rest = rest.slice(rest.indexOf(')') + 1);
  } else if (rest.startsWith('^')) {
    prefix = '';
    rest = rest.slice(1);
  } else prefix = '**/*';
  let suffix = '';
  if (rest.endsWith('$') && !rest.endsWith('\\$')) rest = rest.slice(0, -1);
  else if (rest.endsWith('/.*')) {
    rest = rest.slice(0, -2);
    suffix = '**';
  } else if (rest.endsWith('/')) suffix = '**';
  else return undefined;
  let body = '';
  for (let i = 0; i < rest.length; ) {
    const c = rest[i]!;
    if (rest.startsWith('.*', i)) {
      const atStart = body === '' ? prefix === '' || prefix === '**/' : body.endsWith('/');
      const atEnd = i + 2 === rest.length ? suffix === '' : rest[i + 2] === '/';
      // `.*` crosses folders: from a segment's start it is `**/*`, up to a segment's end `*/**`,
      // as a whole segment `**`. Inside one (`a.*b`) no single glob says the same.
      if (atStart) body += atEnd ? '**' : '**/*';
      else if (atEnd) body += '*/**';
      else return undefined;
      i += 2;
    } else if (rest.startsWith('[^/]*', i)) {
      body += '*';
      i += 5;
    } else if (c === '\\' && /^[.\-/_@~]$/.test(rest[i + 1] ?? '')) {
      body += rest[i + 1];
      i += 2;
    } else if (/^[A-Za-z0-9_\-/~@ ]$/.test(c)) {
      body += c;
      i++;
    } else return undefined;
  }
  if (body === '' || body.includes('//')) return undefined;
  const glob = `${prefix}${body}${suffix}`;
  // picomatch matches a glob without `/` against the base name in every folder: an anchored
  // root-level name (`^\.env$`) would grow to every `.env`.
  if (!glob.includes('/')) return undefined;
  return glob;
}
