import type { LabelSets } from '../terms.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import { uk } from './uk.js';

/** German and English labels were written by the team; the others are machine-made until reviewed. */
export const labelSets: LabelSets = {
  de: { labels: de, status: 'source' },
  en: { labels: en, status: 'source' },
  ar: { labels: ar, status: 'machine' },
  tr: { labels: tr, status: 'machine' },
  uk: { labels: uk, status: 'machine' },
  ru: { labels: ru, status: 'machine' },
  fa: { labels: fa, status: 'machine' },
  fr: { labels: fr, status: 'machine' },
};
