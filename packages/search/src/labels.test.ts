import { describe, expect, it } from 'vitest';
import { analyzeQuery } from './analyze.js';
import { matchLabels } from './labels.js';

const codes = (query: string) => matchLabels(analyzeQuery(query)).map((match) => match.term.code);

describe('matchLabels', () => {
  it('finds terms whose label contains every query word, in any UI language', () => {
    // "Deutsch lernen" (need.language) is reached too: its word Deutsch starts Deutschkurs.
    expect(codes('Deutschkurs')).toEqual(['category.german_course', 'need.language']);
    expect(codes('دورة اللغة الألمانية')).toEqual(['category.german_course']);
    expect(codes('Femmes')).toContain('targetGroup.women');
    expect(codes('курс')).toEqual(['category.integration_course', 'category.german_course']);
  });

  it('finds terms whose label the query contains, and says which words reached them', () => {
    const matches = matchLabels(analyzeQuery('Deutschkurs für Frauen in Durlach'));
    const byCode = new Map(matches.map((match) => [match.term.code, [...match.words]]));
    expect(byCode.get('category.german_course')).toEqual([0]);
    expect(byCode.get('targetGroup.women')).toEqual([1]);
  });

  it('matches by prefix either way, and with a typo', () => {
    expect(codes('Kinderbet')).toContain('category.childcare');
    expect(codes('Frauencafé')).toContain('targetGroup.women');
    expect(codes('Integratonskurs')).toEqual(['category.integration_course']);
    // Inflected forms one letter apart: жінок (genitive plural) and Жінки.
    expect(codes('жінок')).toContain('targetGroup.women');
  });

  it('does not reach a term through part of a word or a distant guess', () => {
    expect(codes('Schuldnerberatung')).not.toContain('category.school');
    expect(codes('Schulden')).toEqual([]);
    // "Alle Neuzugewanderten": a word that means nothing alone starts no compound.
    expect(codes('allemand')).not.toContain('targetGroup.all_newcomers');
    expect(codes('Allergie')).toEqual([]);
    expect(codes('Kosten')).not.toContain('cost.unknown');
    expect(codes('')).toEqual([]);
  });
});
