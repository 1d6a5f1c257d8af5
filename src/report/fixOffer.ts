import { messages } from '../messages';
import type { Style } from './style';

/** Step 1 of a blocked commit whose every finding `leakgate fix` can rewrite: the command, then the manual way. */
export function fixOfferLines(unstage: string, style: Style): string[] {
  return [
    `  1. ${messages.fix.offerStep}`,
    `       ${style.bold(messages.fix.offerCommand)}`,
    `     ${messages.fix.offerDryRun}`,
    `       ${unstage}`,
  ];
}
