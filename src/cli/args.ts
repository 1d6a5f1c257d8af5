import { parseArgs } from 'node:util';
import { UsageError } from '../errors';
import { messages } from '../messages';

/** A parsed command line. */
export type Invocation =
  | { command: 'help'; topic?: string }
  | { command: 'version' }
  | { command: 'install'; force: boolean }
  | { command: 'uninstall' }
  | { command: 'pre-commit' }
  | { command: 'commit-msg'; file: string }
  | { command: 'doctor' }
  | { command: 'pre-push'; remote?: string; url?: string; verbose: boolean }
  | {
      command: 'scan';
      paths: string[];
      format: 'text' | 'json' | 'sarif';
      output?: string;
      staged: boolean;
      history: boolean;
      baseline?: string;
      configFrom?: string;
      acceptConfigChange?: string[];
    }
  | { command: 'baseline'; file?: string }
  | { command: 'ignore'; fingerprints: string[]; last: boolean }
  | { command: 'rules' }
  | { command: 'explain'; id?: string };

export interface ParsedCommandLine {
  invocation: Invocation;
  debug: boolean;
}

const COMMANDS = [
  'install',
  'uninstall',
  'pre-commit',
  'pre-push',
  'scan',
  'ignore',
  'baseline',
  'rules',
  'explain',
  'help',
  'commit-msg',
  'doctor',
];

/** argv (without node and the script) → what to do. Unknown commands and options are UsageErrors. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h') return { invocation: { command: 'help' }, debug };
  if (first === '--version' || first === '-v') return { invocation: { command: 'version' }, debug };
  if (!COMMANDS.includes(first)) {
    throw new UsageError(
      messages.unknownCommand(
        first,
        COMMANDS.filter((c) => c !== 'help'),
      ),
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) return { invocation: { command: 'help', topic: first }, debug };
  return { invocation: parseCommand(first, rest), debug };
}

function parseCommand(command: string, args: string[]): Invocation {
  switch (command) {
    case 'install': {
      const { values } = strict(command, args, { force: { type: 'boolean' } }, false);
      return { command, force: Boolean(values.force) };
    }
    case 'uninstall':
    case 'pre-commit':
    case 'rules':
    case 'doctor':
      strict(command, args, {}, false);
      return { command } as Invocation;
    case 'pre-push': {
      const { values, positionals } = strict(command, args, { verbose: { type: 'boolean' } }, true);
      if (positionals.length > 2) throw new UsageError(messages.prePushArguments);
      const [remote, url] = positionals;
      return {
        command,
        ...(remote !== undefined ? { remote } : {}),
        ...(url !== undefined ? { url } : {}),
        verbose: Boolean(values.verbose),
      };
    }
    case 'scan': {
      const { values, positionals } = strict(
        command,
        args,
        {
          format: { type: 'string', short: 'f' },
          output: { type: 'string', short: 'o' },
          staged: { type: 'boolean' },
          history: { type: 'boolean' },
          baseline: { type: 'string' },
          'config-from': { type: 'string' },
          'accept-config-change': { type: 'string', multiple: true },
        },
        true,
      );
      const format = (values.format as string | undefined) ?? 'text';
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(messages.formatChoice(format));
      if (values.staged && positionals.length) throw new UsageError(messages.stagedTakesNoPaths);
      return {
        command,
        paths: positionals,
        format,
        staged: Boolean(values.staged),
        history: Boolean(values.history),
        ...(values.output !== undefined ? { output: values.output as string } : {}),
        ...(values.baseline !== undefined ? { baseline: values.baseline as string } : {}),
        ...(values['config-from'] !== undefined ? { configFrom: values['config-from'] as string } : {}),
        ...(values['accept-config-change'] !== undefined ? { acceptConfigChange: values['accept-config-change'] as string[] } : {}),
      };
    }
    case 'baseline': {
      const { positionals } = strict(command, args, {}, true);
      if (positionals.length > 1) throw new UsageError(messages.baselineArguments);
      return { command, ...(positionals[0] !== undefined ? { file: positionals[0] } : {}) };
    }
    case 'ignore': {
      const { values, positionals } = strict(command, args, { last: { type: 'boolean' } }, true);
      return { command, fingerprints: positionals, last: Boolean(values.last) };
    }
    case 'commit-msg': {
      const { positionals } = strict(command, args, {}, true);
      if (positionals.length !== 1) throw new UsageError(messages.commitMsgArguments);
      return { command, file: positionals[0]! };
    }
    case 'explain': {
      const { positionals } = strict(command, args, {}, true);
      if (positionals.length > 1) throw new UsageError(messages.explainArguments);
      return { command, ...(positionals[0] !== undefined ? { id: positionals[0] } : {}) };
    }
    default:
      return { command: 'help', ...(args[0] !== undefined ? { topic: args[0] } : {}) };
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function strict(
  command: string,
  args: string[],
  options: Options,
  positionals: boolean,
): { values: Record<string, string | string[] | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true }) as {
      values: Record<string, string | string[] | boolean | undefined>;
      positionals: string[];
    };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '');
    throw new UsageError(messages.badOption(command, message.replace(/^Unknown option/, 'unknown option')));
  }
}
