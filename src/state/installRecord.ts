import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `leakgate install` changed, so `uninstall` removes exactly that and nothing more. */
export interface InstallRecord {
  mode: 'husky' | 'git';
  /** Files install created (repository-relative); deleted on uninstall when only our block is left. */
  createdFiles: string[];
  packageJson: {
    addedHusky?: boolean;
    addedLeakgate?: boolean;
    /** The prepare script before install (null: there was none). */
    prepareBefore?: string | null;
  };
  /** Whether install set core.hooksPath (through husky). */
  setHooksPath?: boolean;
}

const FILE = ['leakgate', 'install.json'] as const;

/** Kept in the shared git directory: local to this clone, never committed. */
export function readInstallRecord(commonDir: string): InstallRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(commonDir, ...FILE), 'utf8')) as InstallRecord;
  } catch {
    return undefined;
  }
}

export function writeInstallRecord(commonDir: string, record: InstallRecord | undefined): void {
  const file = join(commonDir, ...FILE);
  if (!record) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(commonDir, FILE[0]), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
