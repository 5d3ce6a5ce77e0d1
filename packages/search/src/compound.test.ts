import { describe, expect, it } from 'vitest';
import { createCompoundSplitter } from './compound.js';

const splitter = createCompoundSplitter(['beratung', 'stelle', 'schuldner', 'migration', 'kurs']);

describe('createCompoundSplitter', () => {
  it('splits a compound at every joint after which only known pieces follow', () => {
    expect(splitter.split('schuldnerberatungsstelle')).toEqual({
      heads: ['beratungsstelle', 'stelle'],
      pieces: ['schuldner', 'beratung', 'stelle'],
      complete: true,
    });
    expect(splitter.split('migrationsberatung')).toEqual({
      heads: ['beratung'],
      pieces: ['migration', 'beratung'],
      complete: true,
    });
  });

  it('allows an unknown first piece of five letters or more', () => {
    expect(splitter.split('zebefikurs')).toEqual({
      heads: ['kurs'],
      pieces: ['zebefi', 'kurs'],
      complete: false,
    });
    expect(splitter.split('transport')).toBeUndefined();
    expect(splitter.split('report')).toBeUndefined();
  });

  it('uses the built-in pieces and stems, with linking s, e, n', () => {
    expect(splitter.split('deutschsprachkurs')).toEqual({
      heads: ['sprachkurs', 'kurs'],
      pieces: ['deutsch', 'sprach', 'kurs'],
      complete: true,
    });
    expect(splitter.split('wohnungssuche')?.pieces).toEqual(['wohnung', 'suche']);
    // Folded as the index folds it: `ue` → `u`.
    expect(splitter.split('fraunberatung')?.pieces).toEqual(['fraun', 'beratung']);
  });

  it('does not split words whose tail is not made of known pieces', () => {
    expect(splitter.split('beratung')).toBeUndefined();
    expect(splitter.split('bewerbung')).toBeUndefined();
    expect(splitter.split('kurz')).toBeUndefined();
  });
});
