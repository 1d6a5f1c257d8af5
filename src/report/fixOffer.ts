import { messages } from '../messages';
import type { Style } from './style';

/** Step 1 of a blocked commit whose every finding `leakgate fix` can rewrite: the command (as the user can run it), then the manual way. */
export function fixOfferLines(unstage: string, style: Style, leakgate = 'leakgate'): string[] {
  return [
    `  1. ${messages.fix.offerStep}`,
    `       ${style.bold(messages.fix.offerCommand(leakgate))}`,
    `     ${messages.fix.offerDryRun(leakgate)}`,
    `       ${unstage}`,
  ];
}
