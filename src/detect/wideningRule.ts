/** The rule id of a finding that a commit widened the config (see sources/configWidening.ts). */
export const CONFIG_WIDENED_RULE = 'leakgate-config-widened';
