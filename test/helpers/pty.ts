import { spawnSync } from 'node:child_process';

/**
 * Runs a command under a pseudo-terminal (python3's pty module: stdin, stdout and stderr are the
 * terminal, as when a person types it) and returns everything it wrote, control characters
 * included, and its exit code. The terminal turns each "\n" into "\r\n".
 */
const RUN_UNDER_PTY = `
import os, pty, sys, select
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b''
while True:
    try:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        out += chunk
    except OSError:
        break
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export function underPty(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): { output: string; status: number | null } {
  const run = spawnSync('python3', ['-c', RUN_UNDER_PTY, command, ...args], {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { output: run.stdout.replace(/\r\n/g, '\n'), status: run.status };
}
