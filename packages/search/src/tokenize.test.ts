import { describe, expect, it } from 'vitest';
import { foldDigraphs, foldText, isStopword, scriptOf, wordGroups } from './tokenize.js';

describe('wordGroups', () => {
  it('folds case, diacritics and ß', () => {
    expect(wordGroups('Straße, Mütter & Café')).toEqual([['strasse'], ['mutter'], ['cafe']]);
  });

  it('keeps hyphenated words together and drops one-letter words', () => {
    expect(wordGroups('Deutsch-Sprachkurs für EU-Bürger – d’allemand')).toEqual([
      ['deutsch', 'sprachkurs'],
      ['fur'],
      ['eu', 'burger'],
      ['allemand'],
    ]);
  });

  it('folds Arabic and Persian letter variants and removes harakat', () => {
    expect(wordGroups('دورة اللغة الألمانية')).toEqual([['دورة'], ['لغة'], ['المانية']]);
    expect(wordGroups('کلاس')).toEqual(wordGroups('كلاس'));
    expect(wordGroups('مُدَرِّسَة')).toEqual([['مدرسة']]);
  });
});

describe('foldText', () => {
  it('keeps punctuation', () => {
    expect(foldText('Kita-Portal (Ü)')).toBe('kita-portal (u)');
  });

  it('removes the Arabic article from the start of a word only', () => {
    expect(foldText('اللغة')).toBe('لغة');
    expect(foldText('للنساء')).toBe('للنساء');
    expect(foldText('ال')).toBe('ال');
  });
});

describe('foldDigraphs', () => {
  it('spells umlauts as the folded umlaut', () => {
    expect(foldDigraphs('muetter')).toBe('mutter');
    expect(foldDigraphs('aerzte')).toBe('arzte');
    expect(foldDigraphs('schoen')).toBe('schon');
  });
});

describe('scriptOf', () => {
  it('tells the scripts apart', () => {
    expect(scriptOf('kurs')).toBe('latin');
    expect(scriptOf('kadınlar')).toBe('latin');
    expect(scriptOf('12')).toBe('latin');
    expect(scriptOf('курс')).toBe('cyrillic');
    expect(scriptOf('دورة')).toBe('arabic');
    expect(scriptOf('زنان')).toBe('arabic');
    expect(scriptOf('語学')).toBe('other');
  });
});

describe('isStopword', () => {
  it('knows the function words of every UI language, folded', () => {
    for (const word of ['für', 'und', 'the', 'for', 'pour', 'için', 'для', 'і', 'في', 'برای']) {
      expect(isStopword(foldText(word)), word).toBe(true);
    }
    for (const word of ['kurs', 'frauen', 'course', 'курс', 'دورة']) {
      expect(isStopword(word), word).toBe(false);
    }
  });
});
