import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseCityData, type CityData } from '../city-data.js';

/** The data package the CLI uses when `--data` names none. */
export const defaultDataPackage = '@ankommen/data-karlsruhe';

const files = ['city', 'agencies', 'offers', 'rules', 'personas'] as const;

/**
 * Finds a city's data folder: `spec` is a folder (holding the JSON files, or a package whose
 * package.json names its folder under `ankommen.data`) or the name of an installed data package.
 */
export function resolveDataFolder(spec: string, cwd = process.cwd()): string {
  const asPath = resolve(cwd, spec);
  if (existsSync(asPath) && statSync(asPath).isDirectory()) return dataFolderOf(asPath);
  const require = createRequire(join(cwd, 'noop.js'));
  let manifest: string;
  try {
    manifest = require.resolve(`${spec}/package.json`);
  } catch {
    throw new Error(`no data folder or installed package named ${spec}`);
  }
  return dataFolderOf(dirname(manifest));
}

function dataFolderOf(folder: string): string {
  const manifest = join(folder, 'package.json');
  if (existsSync(manifest)) {
    const declared = (
      JSON.parse(readFileSync(manifest, 'utf8')) as { ankommen?: { data?: string } }
    ).ankommen?.data;
    if (declared) return resolve(folder, declared);
  }
  return folder;
}

export class DataFileError extends Error {}

/** Reads and validates `city.json`, `agencies.json`, `offers.json`, `rules.json`, `personas.json`. */
export function loadCityData(folder: string): CityData {
  const raw: Record<(typeof files)[number], unknown> = {
    city: null,
    agencies: null,
    offers: null,
    rules: null,
    personas: null,
  };
  for (const name of files) {
    const path = join(folder, `${name}.json`);
    if (!existsSync(path)) throw new DataFileError(`${path} is missing`);
    try {
      raw[name] = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new DataFileError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return parseCityData(raw);
}
