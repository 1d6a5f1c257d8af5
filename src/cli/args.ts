import { parseArgs } from 'node:util';
import { UsageError } from '../errors';
import { messages } from '../messages';
import { closest } from '../report/didYouMean';

/** A parsed command line. */
export type Invocation =
  | { command: 'help'; topic?: string; bare?: boolean }
  | { command: 'version' }
  | { command: 'install'; force: boolean }
  | { command: 'uninstall' }
  | { command: 'pre-commit' }
  | { command: 'commit-msg'; file: string }
  | { command: 'doctor' }
  | { command: 'pre-push'; remote?: string; url?: string; verbose: boolean; maxFindings?: number; quiet: boolean }
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
      verbose: boolean;
      maxFindings?: number;
      quiet: boolean;
    }
  | { command: 'baseline'; file?: string }
  | { command: 'ignore'; fingerprints: string[]; last: boolean; all: boolean; list: boolean; reason?: string; until?: string }
  | { command: 'fix'; targets: string[]; dryRun: boolean }
  | { command: 'incident'; fingerprints: string[]; last: boolean; format: 'text' | 'markdown' }
  | { command: 'rules' }
  | { command: 'explain'; id?: string }
  | { command: 'import'; files: string[]; force: boolean };

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
  'fix',
  'incident',
  'baseline',
  'rules',
  'explain',
  'help',
  'commit-msg',
  'doctor',
  'import',
];

/** argv (without node and the script) → what to do. Unknown commands and options are UsageErrors. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  const [first, ...rest] = args;
  // A bare `leakgate` is a mistake (a script that lost its command): the help, and exit 2.
  if (first === undefined) return { invocation: { command: 'help', bare: true }, debug };
  if (first === '--help' || first === '-h') return { invocation: { command: 'help' }, debug };
  if (first === '--version' || first === '-v') return { invocation: { command: 'version' }, debug };
  if (!COMMANDS.includes(first)) {
    const commands = COMMANDS.filter((c) => c !== 'help');
    throw new UsageError(messages.unknownCommand(first, commands, closest(first, commands)));
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
      const { values, positionals } = strict(
        command,
        args,
        { verbose: { type: 'boolean' }, 'max-findings': { type: 'string' }, quiet: { type: 'boolean', short: 'q' } },
        true,
      );
      if (positionals.length > 2) throw new UsageError(messages.prePushArguments);
      const [remote, url] = positionals;
      const maxFindings = maxFindingsOf(values['max-findings']);
      return {
        command,
        ...(remote !== undefined ? { remote } : {}),
        ...(url !== undefined ? { url } : {}),
        verbose: Boolean(values.verbose),
        quiet: Boolean(values.quiet),
        ...(maxFindings !== undefined ? { maxFindings } : {}),
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
          verbose: { type: 'boolean' },
          'max-findings': { type: 'string' },
          quiet: { type: 'boolean', short: 'q' },
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
        verbose: Boolean(values.verbose),
        quiet: Boolean(values.quiet),
        ...maxFindingsField(values['max-findings']),
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
      const { values, positionals } = strict(
        command,
        args,
        {
          last: { type: 'boolean' },
          all: { type: 'boolean' },
          list: { type: 'boolean' },
          reason: { type: 'string' },
          until: { type: 'string' },
        },
        true,
      );
      return {
        command,
        fingerprints: positionals,
        last: Boolean(values.last),
        all: Boolean(values.all),
        list: Boolean(values.list),
        ...(values.reason !== undefined ? { reason: values.reason as string } : {}),
        ...(values.until !== undefined ? { until: values.until as string } : {}),
      };
    }
    case 'fix': {
      const { values, positionals } = strict(command, args, { 'dry-run': { type: 'boolean' } }, true);
      return { command, targets: positionals, dryRun: Boolean(values['dry-run']) };
    }
    case 'incident': {
      const { values, positionals } = strict(command, args, { last: { type: 'boolean' }, format: { type: 'string', short: 'f' } }, true);
      const format = (values.format as string | undefined) ?? 'text';
      if (format !== 'text' && format !== 'markdown') throw new UsageError(messages.incident.formatChoice(format));
      return { command, fingerprints: positionals, last: Boolean(values.last), format };
    }
    case 'import': {
      const { values, positionals } = strict(command, args, { force: { type: 'boolean' } }, true);
      return { command, files: positionals, force: Boolean(values.force) };
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

/** `--max-findings N`: a whole number, 0 for no limit. */
function maxFindingsOf(value: string | string[] | boolean | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(messages.maxFindingsChoice(value));
  return Number(value);
}

function maxFindingsField(value: string | string[] | boolean | undefined): { maxFindings?: number } {
  const maxFindings = maxFindingsOf(value);
  return maxFindings !== undefined ? { maxFindings } : {};
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
    const unknown = /^Unknown option '(--?[^']*)'/.exec(message)?.[1];
    const known = Object.keys(options ?? {}).map((name) => `--${name}`);
    const suggestion = unknown?.startsWith('--') ? closest(unknown, [...known, '--help', '--debug']) : undefined;
    throw new UsageError(messages.badOption(command, message.replace(/^Unknown option/, 'unknown option'), suggestion));
  }
}
