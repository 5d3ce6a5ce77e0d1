import { describe, expect, it } from 'vitest';
import { foldName, sameMunicipality } from './jurisdiction.js';

// The whole fold, as it was before plain ASCII names took a shortcut: the oracle.
const fullFold = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('municipality names', () => {
  it('folds plain ASCII names as the whole fold does, and the others by it', () => {
    for (const name of [
      'Bruchsal',
      '  Eggenstein-Leopoldshafen ',
      'Stutensee  Nord',
      'BAD Schönborn',
      'Weingarten (Baden)',
      'Östringen',
      '(a)Bruchsal(b)',
      'Oberhausen-Rheinhausen (Oberhausen)  Süd',
      'Karls\truhe',
      '',
    ])
      expect(foldName(name), name).toBe(fullFold(name));
  });

  it('compares names without case, accents, a bracketed qualifier or extra spaces', () => {
    expect(sameMunicipality('Weingarten (Baden)', 'weingarten')).toBe(true);
    expect(sameMunicipality(' Bad  Schönborn ', 'bad schonborn')).toBe(true);
    expect(sameMunicipality('Stutensee (Blankenloch) ', 'Stutensee')).toBe(true);
    expect(sameMunicipality('Östringen', 'ostringen')).toBe(true);
    expect(sameMunicipality('Bruchsal', 'Bretten')).toBe(false);
  });
});
