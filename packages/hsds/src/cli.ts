import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FeedIssue } from './map.js';
import {
  documentKindNames,
  guessKind,
  kindOfPath,
  listEndpoints,
  validateDocument,
  type DocumentKind,
} from './validate.js';

const usage = `Usage: ankommen-hsds validate <file|url>... [options]

Validates HSDS 3.0 documents: files (an endpoint's answer, or a dataset of arrays) or the
addresses of an HSDS API. An address's kind follows from its path (…/services is a page of
services, …/services/{id} one service, anything else the API root).

Options:
  --kind KIND   what the documents are: ${documentKindNames.join(', ')}
  --crawl       from an API root, also fetch and validate every page of every list endpoint
  --json        print the result as JSON
  -h, --help    show this help

Exit codes: 0 all valid, 1 a document is invalid, 2 bad input (unreadable, not JSON, unreachable).`;

class InputError extends Error {}

/** Where the command writes: the console, or a test's collector. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

interface Checked {
  source: string;
  kind: DocumentKind;
  issues: FeedIssue[];
}

const perPage = 50;
const maxPages = 1_000;

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new InputError(`${url}: cannot be fetched (${(error as Error).message})`);
  }
  if (!response.ok) throw new InputError(`${url}: answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new InputError(`${url}: the answer is not JSON`);
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message})`);
  }
}

/** Every page of one list endpoint, validated. */
async function crawlList(base: string, name: string): Promise<Checked[]> {
  const checked: Checked[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const source = `${base}/${name}?page=${page}&per_page=${perPage}`;
    const document = await fetchJson(source);
    const kind = name as DocumentKind;
    checked.push({ source, kind, issues: validateDocument(document, kind) });
    if ((document as { last_page?: unknown }).last_page !== false) break;
  }
  return checked;
}

async function check(source: string, kind: DocumentKind | undefined, crawl: boolean) {
  if (/^https?:\/\//.test(source)) {
    const url = new URL(source);
    const urlKind = kind ?? kindOfPath(url.pathname);
    const checked: Checked[] = [
      { source, kind: urlKind, issues: validateDocument(await fetchJson(source), urlKind) },
    ];
    if (crawl && urlKind === 'root') {
      const base = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
      for (const name of Object.keys(listEndpoints)) checked.push(...(await crawlList(base, name)));
    }
    return checked;
  }
  const document = await readJson(source);
  const fileKind = kind ?? guessKind(document);
  if (!fileKind) throw new InputError(`${source}: cannot tell what this document is; give --kind`);
  return [{ source, kind: fileKind, issues: validateDocument(document, fileKind) }];
}

async function main(argv: string[], out: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        crawl: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...sources] = positionals;
  if (values.help || !command) {
    out.log(usage);
    return values.help ? 0 : 2;
  }
  if (command !== 'validate') throw new InputError(`unknown command ${command}`);
  if (sources.length === 0) throw new InputError('validate needs a file or an address');
  const kind = values.kind as DocumentKind | undefined;
  if (kind !== undefined && !documentKindNames.includes(kind))
    throw new InputError(`--kind must be one of ${documentKindNames.join(', ')}, got ${kind}`);

  const checked: Checked[] = [];
  for (const source of sources) checked.push(...(await check(source, kind, values.crawl)));
  const valid = checked.every((document) => document.issues.length === 0);
  if (values.json) {
    out.log(JSON.stringify({ valid, documents: checked }, null, 2));
  } else {
    for (const { source, kind: documentKind, issues } of checked) {
      out.log(`${issues.length === 0 ? 'valid  ' : 'INVALID'} ${source} (${documentKind})`);
      for (const issue of issues) out.log(`  ${issue.path || '(document)'}: ${issue.message}`);
    }
  }
  return valid ? 0 : 1;
}

/** Runs `ankommen-hsds` with these arguments; resolves to the exit code. */
export async function runCli(argv: string[], out: Output = console): Promise<number> {
  try {
    return await main(argv, out);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    out.error(`ankommen-hsds: ${error.message}`);
    return 2;
  }
}
