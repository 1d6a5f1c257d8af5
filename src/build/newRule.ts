import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ID_PATTERN } from '../config/ruleSchema';
import { EXIT, UsageError } from '../errors';
import { messages } from '../messages';
import { PACKAGE_ROOT } from '../packageInfo';
import { ruleSourceFiles, SOURCE_SCHEMA_NAME } from './assembleRules';

/** What the build refuses until a contributor replaces it: it is no credential of any format. */
const PLACEHOLDER = 'REPLACE_WITH_A_FAKE_VALUE';

/**
 * `npm run new-rule -- <id>`: writes rules/<id>.json, a rule source with every field to fill in
 * and example placeholders, so a contributor starts from the format rather than from a blank file.
 * Returns the file written (relative to the package root).
 */
export function scaffoldRule(id: string | undefined, rulesDir: string): string {
  if (id === undefined) throw new UsageError(messages.newRuleUsage);
  if (!ID_PATTERN.test(id)) throw new UsageError(messages.newRuleBadId(id));
  for (const name of ruleSourceFiles(rulesDir)) {
    const source = JSON.parse(readFileSync(join(rulesDir, name), 'utf8')) as { rules?: { id?: unknown }[] };
    if (source.rules?.some((rule) => rule.id === id)) throw new UsageError(messages.newRuleTaken(id, `rules/${name}`));
  }
  const file = `rules/${id}.json`;
  if (existsSync(join(rulesDir, `${id}.json`))) throw new UsageError(messages.newRuleFileExists(file));
  const keyword = id.split('-')[0]!;
  const envVar = id.toUpperCase().replace(/-/g, '_');
  const source = {
    $schema: `./${SOURCE_SCHEMA_NAME}`,
    rules: [
      {
        id,
        provider: keyword.charAt(0).toUpperCase() + keyword.slice(1),
        // Not a family: the build refuses it and lists the families to choose from.
        family: 'choose-a-family',
        description: `${keyword} API key`,
        keywords: [keyword],
        shape: { kind: 'keyed', alphabet: 'alnum', length: 32 },
        remediation: {
          envVar,
          why: `Anyone holding the key can call the ${keyword} API as your account.`,
          revoke: `In the ${keyword} dashboard, create a new key, put it in your secret store, update every service that uses it, then delete the old key.`,
          investigate: `Check the ${keyword} account's usage and audit logs for calls you do not recognise.`,
          dashboard: `${keyword} dashboard → API keys`,
        },
        examples: {
          positive: [
            { text: `${envVar}=${PLACEHOLDER}`, secret: PLACEHOLDER },
            // The four usage shapes every provider rule shows (test/unit/usageShapes.test.ts): env, code, YAML, JSON.
            { path: 'config/settings.yaml', text: `${keyword}:\n  api_key: "${PLACEHOLDER}"`, secret: PLACEHOLDER },
            {
              path: `src/${keyword}.js`,
              text: `import { Client } from '${keyword}';\n\nconst client = new Client({ apiKey: '${PLACEHOLDER}' });\n`,
              secret: PLACEHOLDER,
            },
            { path: 'appsettings.json', text: `{\n  "${keyword}": {\n    "ApiKey": "${PLACEHOLDER}"\n  }\n}\n`, secret: PLACEHOLDER },
          ],
          negative: [`${envVar}=\${${envVar}}`, `${keyword}_api_key = "not-a-key"`],
        },
      },
    ],
  };
  writeFileSync(join(rulesDir, `${id}.json`), `${JSON.stringify(source, null, 2)}\n`);
  return file;
}

function main(): void {
  const args = process.argv.slice(2);
  try {
    if (args.length > 1) throw new UsageError(messages.newRuleUsage);
    const file = scaffoldRule(args[0], join(PACKAGE_ROOT, 'rules'));
    process.stdout.write(`${messages.newRuleWritten(file)}\n`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT.error;
  }
}

if (require.main === module) main();
