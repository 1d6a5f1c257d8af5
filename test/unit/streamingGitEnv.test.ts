import { streamingGitEnv } from '../../src/git/gitRunner';

describe('streamingGitEnv', () => {
  it('adds the malloc settings the streaming git processes run with, without touching the environment given', () => {
    const env = { PATH: '/usr/bin', HOME: '/home/dev' };
    const result = streamingGitEnv(env);
    expect(result).toMatchObject({ PATH: '/usr/bin', HOME: '/home/dev' });
    expect(Number(result.MALLOC_TRIM_THRESHOLD_)).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(Number(result.MALLOC_MMAP_THRESHOLD_)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/dev' });
  });

  it("keeps a user's own settings", () => {
    const env = { MALLOC_TRIM_THRESHOLD_: '0', MALLOC_MMAP_THRESHOLD_: '4096', MALLOC_TOP_PAD_: '0' };
    expect(streamingGitEnv(env)).toEqual(env);
    expect(streamingGitEnv({ MALLOC_TRIM_THRESHOLD_: '0' }).MALLOC_TRIM_THRESHOLD_).toBe('0');
  });
});
