// Apart from errors.ts so the launcher, which runs on every hook before the code cache is
// read, can use them without loading every sentence (errors.ts imports messages.ts).

/** Exit codes shared by every command: 0 clean, 1 secrets found, 2 usage/config/git error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
