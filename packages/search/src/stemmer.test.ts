import { describe, expect, it } from 'vitest';
import { stemArabic, stemCyrillic, stemEnglish, stemGerman } from './stemmer.js';
import { foldDigraphs, foldText } from './tokenize.js';

/** As the index folds a German word before stemming it. */
const german = (word: string) => stemGerman(foldDigraphs(foldText(word)));

describe('stemGerman (CISTEM, case-insensitive)', () => {
  it('gives the published CISTEM stems', () => {
    // The reference implementation's examples (case-insensitive variant, which also strips -t).
    expect(stemGerman('speicherbehältern')).toBe('speicherbehal');
    expect(stemGerman('grenzpostens')).toBe('grenzpo');
    expect(stemGerman('ausgefeiltere')).toBe('ausgefeil');
  });

  it('reduces plurals and inflections to one stem', () => {
    expect(german('Kurse')).toBe(german('Kurs'));
    expect(german('Kursen')).toBe(german('Kurs'));
    expect(german('Wohnungen')).toBe(german('Wohnung'));
    expect(german('Schulen')).toBe(german('Schule'));
    expect(german('Frauen')).toBe(german('Frau'));
  });

  it('joins -ung nouns with their verbs', () => {
    expect(german('Beratungen')).toBe(german('Beratung'));
    expect(german('beraten')).toBe(german('Beratung'));
    expect(german('Berater')).toBe(german('Beratung'));
    expect(german('wohnen')).toBe(german('Wohnung'));
    expect(german('bilden')).toBe(german('Bildung'));
  });

  it('keeps short words and words it cannot shorten', () => {
    expect(stemGerman('')).toBe('');
    expect(stemGerman('amt')).toBe('amt');
    expect(german('Jung')).toBe('jung');
    expect(german('Kita')).toBe('kita');
  });

  it('treats umlauts, their digraphs and ß alike', () => {
    expect(german('Mütter')).toBe(german('Muetter'));
    expect(german('Mütter')).toBe(german('mutter'));
    expect(german('Straße')).toBe(german('strasse'));
    expect(german('Flüchtlinge')).toBe(german('Fluechtlinge'));
  });

  it('drops the ge- prefix of participles', () => {
    expect(german('gefördert')).toBe(german('fördert'));
  });
});

describe('stemEnglish', () => {
  it('removes plural endings', () => {
    expect(stemEnglish('courses')).toBe('course');
    expect(stemEnglish('families')).toBe('family');
    expect(stemEnglish('classes')).toBe('class');
    expect(stemEnglish('churches')).toBe('church');
    expect(stemEnglish('women')).toBe('women');
    expect(stemEnglish('refugees')).toBe('refugee');
  });

  it('keeps words that only look like plurals', () => {
    expect(stemEnglish('status')).toBe('status');
    expect(stemEnglish('address')).toBe('address');
    expect(stemEnglish('basis')).toBe('basis');
    expect(stemEnglish('bus')).toBe('bus');
  });
});

describe('stemArabic', () => {
  it('strips attached prepositions and conjunctions with the article', () => {
    // Folding has removed a bare article already.
    expect(foldText('النساء')).toBe('نساء');
    expect(stemArabic(foldText('النساء'))).toBe('نساء');
    expect(stemArabic('للنساء')).toBe('نساء');
    expect(stemArabic('والنساء')).toBe('نساء');
    expect(stemArabic('ونساء')).toBe('نساء');
  });

  it('does not mistake a folded hamza for the article', () => {
    expect(stemArabic(foldText('الألمانية'))).toBe(stemArabic(foldText('ألمانية')));
  });

  it('keeps at least three letters', () => {
    expect(stemArabic('الم')).toBe('الم');
    expect(stemArabic('زنان')).toBe('زنان');
  });
});

describe('stemCyrillic', () => {
  it('removes one inflectional ending', () => {
    expect(stemCyrillic('курсы')).toBe('курс');
    expect(stemCyrillic('курс')).toBe('курс');
    expect(stemCyrillic(foldText('немецкого'))).toBe(stemCyrillic(foldText('немецкий')));
    expect(stemCyrillic('женщины')).toBe(stemCyrillic('женщин'));
    expect(stemCyrillic(foldText('житла'))).toBe(stemCyrillic(foldText('житло')));
  });

  it('keeps at least three letters', () => {
    expect(stemCyrillic('але')).toBe('але');
  });
});
