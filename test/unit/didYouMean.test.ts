import { closest, editDistance } from '../../src/report/didYouMean';

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('scan', 'scan')).toBe(0);
    expect(editDistance('scn', 'scan')).toBe(1);
    expect(editDistance('scann', 'scan')).toBe(1);
    expect(editDistance('sxan', 'scan')).toBe(1);
    expect(editDistance('sacn', 'scan')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('names the closest known word within a third of its length, or the one name a prefix starts', () => {
    const commands = ['install', 'uninstall', 'pre-commit', 'pre-push', 'scan', 'ignore', 'baseline', 'rules', 'explain', 'doctor'];
    expect(closest('pre-comit', commands)).toBe('pre-commit');
    expect(closest('instal', commands)).toBe('install');
    expect(closest('SCAN', commands)).toBe('scan');
    expect(closest('expl', commands)).toBe('explain');
    expect(closest('pre', commands)).toBeUndefined();
    expect(closest('frobnicate', commands)).toBeUndefined();
    expect(closest('--verbos', ['--verbose', '--format', '--max-findings'])).toBe('--verbose');
    expect(closest('github-pat-clasic', ['github-pat-classic', 'github-oauth-token'])).toBe('github-pat-classic');
  });
});
