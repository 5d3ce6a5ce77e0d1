import { parseCityData, type CityData } from '@ankommen/routing';
import agencies from '../data/agencies.json' with { type: 'json' };
import city from '../data/city.json' with { type: 'json' };
import offers from '../data/offers.json' with { type: 'json' };
import personas from '../data/personas.json' with { type: 'json' };
import rules from '../data/rules.json' with { type: 'json' };

/** The Karlsruhe data as stored: JSON, unvalidated. For tools that load it themselves. */
export const rawData = { city, agencies, offers, rules, personas } as const;

let parsed: CityData | undefined;

/**
 * The Karlsruhe data set, validated and indexed: city, agency registry, offer catalogue,
 * routing rules and persona tests. Parsed on first call.
 */
export function karlsruhe(): CityData {
  parsed ??= parseCityData(rawData);
  return parsed;
}
