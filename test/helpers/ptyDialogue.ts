import { spawnSync } from 'node:child_process';
import { cleanEnv } from './repo';

/**
 * Runs a command on a pseudo-terminal (python3's pty module: stdin, stdout and stderr are the
 * terminal), answering each prompt as it appears: `dialogue` pairs the text to wait for with the
 * line to type. Returns the exit status and everything the terminal showed.
 */
export function runOnTerminal(
  argv: readonly string[],
  dialogue: readonly [waitFor: string, type: string][],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): { status: number; output: string } {
  const run = spawnSync('python3', ['-c', DRIVER, JSON.stringify(argv), JSON.stringify(dialogue)], {
    cwd: options.cwd,
    env: cleanEnv({ TERM: 'dumb', ...options.env }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`pty driver failed (${run.status}): ${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout) as { status: number; output: string };
}

const DRIVER = String.raw`
import json, os, pty, select, sys, time
argv = json.loads(sys.argv[1])
dialogue = json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
seen = b''
unread = b''
def read_more(deadline):
    global seen, unread
    ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
    if not ready:
        return False
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return None
    if not chunk:
        return None
    seen += chunk
    unread += chunk
    return True
for wait_for, answer in dialogue:
    deadline = time.time() + 30
    while wait_for.encode() not in unread:
        got = read_more(deadline)
        if not got:
            sys.stderr.write('never saw %r; the terminal showed %r\n' % (wait_for, seen.decode('utf8', 'replace')))
            sys.exit(3)
    unread = unread[unread.index(wait_for.encode()) + len(wait_for.encode()):]
    os.write(fd, (answer + '\n').encode())
deadline = time.time() + 30
while read_more(deadline):
    pass
_, status = os.waitpid(pid, 0)
print(json.dumps({'status': os.waitstatus_to_exitcode(status), 'output': seen.decode('utf8', 'replace')}))
`;
