import { expect, it } from 'vitest';
import { ZodError } from 'zod';
import { describeEachBackend } from '../testing/backends.js';

describeEachBackend('usage counts', ({ database }) => {
  it('adds batches up, also rows repeated within one batch', async () => {
    const usage = database().usage;
    const row = { kind: 'topic_request', key: 'housing', lang: 'ar' } as const;
    await usage.add([
      { ...row, period: '2031-01', count: 2 },
      { ...row, period: '2031-01', count: 1 },
    ]);
    await usage.add([{ ...row, period: '2031-01', count: 4 }]);
    expect(await usage.report({ from: '2031-01', to: '2031-01' })).toEqual([
      { ...row, count: 7, hidden: false },
    ]);
  });

  it('suppresses months below five and never adds them into a sum', async () => {
    const usage = database().usage;
    const base = { kind: 'wegweiser_completion', lang: 'de' } as const;
    await usage.add([
      { ...base, period: '2032-03', key: 'work', count: 4 },
      { ...base, period: '2032-03', key: 'study', count: 5 },
      { ...base, period: '2032-04', key: 'study', count: 3 },
      { ...base, period: '2032-04', key: 'language', count: 9 },
    ]);
    const march = await usage.report({ from: '2032-03', to: '2032-03' });
    expect(march).toContainEqual({ ...base, key: 'work', count: null, hidden: true });
    expect(march).toContainEqual({ ...base, key: 'study', count: 5, hidden: false });
    const spring = await usage.report({ from: '2032-03', to: '2032-04' });
    // 5 + 3: the April three is left out, so March and spring never differ by a small count.
    expect(spring).toContainEqual({ ...base, key: 'study', count: 5, hidden: true });
    expect(spring).toContainEqual({ ...base, key: 'language', count: 9, hidden: false });
    expect(spring).toHaveLength(3);
    expect(await usage.report({ from: '2032-05', to: '2032-12' })).toEqual([]);
  });

  it('suppresses each count from one to four, and shows five', async () => {
    const usage = database().usage;
    const base = { kind: 'topic_request', lang: 'fa' } as const;
    await usage.add(
      [1, 2, 3, 4, 5].map((count) => ({ ...base, period: '2033-06', key: `k${count}`, count })),
    );
    const june = await usage.report({ from: '2033-06', to: '2033-06' });
    expect(june).toHaveLength(5);
    for (const count of [1, 2, 3, 4])
      expect(june).toContainEqual({ ...base, key: `k${count}`, count: null, hidden: true });
    expect(june).toContainEqual({ ...base, key: 'k5', count: 5, hidden: false });
  });

  it('refuses malformed periods and ranges', async () => {
    const usage = database().usage;
    await expect(
      usage.add([{ period: '2031-13', kind: 'empty_search', key: 'x', lang: 'de', count: 1 }]),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(usage.report({ from: '2031-05', to: '2031-04' })).rejects.toBeInstanceOf(ZodError);
  });
});
