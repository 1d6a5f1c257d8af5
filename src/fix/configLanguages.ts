import { messages } from '../messages';
import { terraformVariables } from './imports';
import { placementOf, shapeOf, shellPlacementOf } from './lineLexer';
import type { FixLanguage, LineEdit, Refusal, RewriteRequest } from './types';

const reasons = messages.fix.reason;

/** POSIX shell: `"${X}"` where the value stood unquoted, `${X}` inside double quotes. */
export const shell: FixLanguage = {
  name: 'shell',
  note: messages.fix.note.shell,
  stored: (request) => request.envVar,
  rewrite({ lines, index, start, end, secret, envVar }) {
    if (/["'`$\\]/.test(secret)) return { reason: reasons.escapes };
    const line = lines[index]!;
    const placement = shellPlacementOf(line, start, end);
    const read = `\${${envVar}}`;
    switch (placement.kind) {
      case 'comment':
        return { reason: reasons.inComment };
      case 'mixed':
        return { reason: reasons.notLiteral };
      case 'unquoted':
        return [{ from: start, to: end, text: `"${read}"` }];
      case 'double':
        return [{ from: start, to: end, text: read }];
      case 'single':
        // The whole quoted word becomes a double-quoted read; part of one closes and reopens the quotes.
        if (placement.open === start - 1 && placement.close === end) return [{ from: start - 1, to: end + 1, text: `"${read}"` }];
        return [{ from: start, to: end, text: `'"${read}"'` }];
    }
  },
};

/**
 * YAML read by a tool that substitutes `${X}` from the environment (docker compose, Spring Boot):
 * the value becomes `${X}`, quoted when it was the whole plain scalar.
 */
function interpolatedYaml(name: string, note: string): FixLanguage {
  return {
    name,
    note,
    stored: (request) => request.envVar,
    rewrite({ lines, index, start, end, secret, envVar }): LineEdit[] | Refusal {
      if (secret.includes('$')) return { reason: reasons.dollarInValue };
      const line = lines[index]!;
      const read = `\${${envVar}}`;
      if (/^\s*#/.test(line)) return { reason: reasons.inComment };
      const placement = placementOf(shapeOf(line, { quotes: `"'`, lineComments: [' #', '\t#'] }), start, end);
      switch (placement.kind) {
        case 'comment':
          return { reason: reasons.inComment };
        case 'open-string':
          return { reason: reasons.openString };
        case 'whole':
        case 'inside':
          if (placement.literal.quote === '"' && secret.includes('\\')) return { reason: reasons.escapes };
          return [{ from: start, to: end, text: read }];
        case 'code':
          break;
      }
      const before = line.slice(0, start);
      if (/[[{]/.test(before.replace(/^\s*-\s+/, ''))) return { reason: reasons.flowCollection };
      const wholeScalar = /(?:^\s*|:\s+|^\s*-\s+)$/.test(before) && /^\s*(?:#.*)?$/.test(line.slice(end));
      return [{ from: start, to: end, text: wholeScalar ? `"${read}"` : read }];
    },
  };
}

export const compose = interpolatedYaml('docker compose', messages.fix.note.compose);
export const spring = interpolatedYaml('Spring Boot YAML', messages.fix.note.spring);

/** A YAML file for a tool leakgate cannot name: left alone, with the reason. */
export function refusedLanguage(name: string, reason: string): FixLanguage {
  return { name, note: '', stored: () => ({ reason }), rewrite: () => ({ reason }) };
}

/** Terraform's variable for an environment variable name: `TF_VAR_db_password` → `db_password`. */
export function terraformName(envVar: string): string {
  return envVar.replace(/^TF_VAR_/i, '').toLowerCase();
}

/** Terraform: `var.x` for a whole string, `${var.x}` inside one, and a sensitive `variable "x"` block. */
export const terraform: FixLanguage = {
  name: 'Terraform',
  note: messages.fix.note.terraform,
  stored: ({ envVar }) => `TF_VAR_${terraformName(envVar)}`,
  rewrite({ lines, index, start, end, secret, envVar }) {
    if (/[\\"]|\$\{|%\{/.test(secret)) return { reason: reasons.escapes };
    const placement = placementOf(shapeOf(lines[index]!, { quotes: '"', lineComments: ['#', '//'] }), start, end);
    const name = terraformName(envVar);
    switch (placement.kind) {
      case 'whole':
        return [{ from: start - 1, to: end + 1, text: `var.${name}` }];
      case 'inside':
        return [{ from: start, to: end, text: `\${var.${name}}` }];
      case 'comment':
        return { reason: reasons.inComment };
      case 'open-string':
        return { reason: reasons.openString };
      case 'code':
        return { reason: reasons.notLiteral };
    }
  },
  prepare: (lines, envVars) => terraformVariables(lines, envVars.map(terraformName)),
};

const DOTENV_LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$/;

/** A .env-style file other than the git-ignored `.env`: the value moves to `.env`, the line keeps `KEY=`. */
export const dotenvFile: FixLanguage = {
  name: '.env file',
  note: messages.fix.note.dotenv,
  stored(request: RewriteRequest) {
    const match = DOTENV_LINE.exec(request.lines[request.index]!);
    return match ? match[2]! : { reason: reasons.notDotenvLine };
  },
  rewrite({ lines, index, start, end }) {
    const line = lines[index]!;
    const match = DOTENV_LINE.exec(line);
    if (!match) return { reason: reasons.notDotenvLine };
    const valueStart = match[1]!.length + match[2]!.length + match[3]!.length;
    const value = match[4]!;
    const quote = /^["']/.test(value) ? value[0]! : '';
    const close = quote ? line.indexOf(quote, valueStart + 1) : -1;
    const valueEnd = quote ? close + 1 : valueStart + (/^[^\s#]*/.exec(value)?.[0].length ?? 0);
    const inner = quote ? [valueStart + 1, close] : [valueStart, valueEnd];
    if (inner[0] !== start || inner[1] !== end) return { reason: reasons.partialValue };
    return [{ from: valueStart, to: valueEnd, text: '' }];
  },
};
