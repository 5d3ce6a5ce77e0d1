import { rawData } from '@ankommen/data-karlsruhe';
import {
  BackupError,
  countBackup,
  createDatabase,
  databaseOptionsFromEnv,
  exportBackup,
  importBackup,
  parseBackup,
  type Backup,
  type Database,
  type BackupCounts,
} from '@ankommen/db';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth.js';
import { exportHsds, HSDS_EXPORT_FORMAT, type HsdsExport } from './hsds-export.js';
import {
  importHsds,
  prepareHsdsImport,
  type HsdsImportCounts,
  type HsdsImportPlan,
} from './hsds-import.js';
import { Password } from './routes/admin/users.js';

const usage = `Usage:
  ankommen-api create-admin --email ADDRESS
  ankommen-api export [--format ankommen|hsds] [--out FILE]
  ankommen-api import FILE

create-admin  Creates an administrator. The password is read from ANKOMMEN_ADMIN_PASSWORD,
              or asked for on the terminal (at least 12 characters).
              There is never a default password.
export        Writes the whole database as JSON to FILE (default: standard output).
              ankommen (default): a full backup, password hashes included: keep it secret.
              hsds: the published data as Open Referral HSDS 3.0, one dataset per language.
import        Restores a file written by \`export\` into an EMPTY database, all or nothing;
              start the API afterwards. The format is detected: a backup gives back
              everything; an HSDS export gives back the published offers and agencies
              only, with the city and rule set from the city's data package.

Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data), like the server.
Stop the server first when it runs on DATA_DIR: one process owns an embedded database.`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ANKOMMEN_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  process.stdout.write('Password (input hidden): ');
  return new Promise((resolve) => {
    let input = '';
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.on('data', (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdout.write('\n');
          resolve(input);
          return;
        }
        if (char === '\u0003') process.exit(130);
        input = char === '\u007f' ? input.slice(0, -1) : input + char;
      }
    });
  });
}

async function createAdmin(email: string): Promise<number> {
  const password = Password.safeParse(await readPassword());
  if (!password.success) {
    console.error(`ankommen-api: the password ${password.error.issues[0]?.message}`);
    return 2;
  }
  const database = await createDatabase(databaseOptionsFromEnv());
  try {
    const user = await database.users.create({
      email,
      passwordHash: await hashPassword(password.data),
      role: 'admin',
    });
    console.log(`created administrator ${user.email}`);
    return 0;
  } catch (error) {
    console.error(`ankommen-api: ${(error as Error).message}`);
    return 2;
  } finally {
    await database.close();
  }
}

/** Says what an HSDS import restored, and that the rest came from the city's data package. */
const describeHsds = (counts: HsdsImportCounts) =>
  `${counts.agencies} published agencies and ${counts.offers} published offers from HSDS in ${counts.languages} languages; city and rule set from the ${rawData.city.id} data package`;

const describeCounts = (counts: BackupCounts) =>
  Object.entries(counts)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');

async function exportData(format: string, out: string | undefined): Promise<number> {
  if (format !== 'ankommen' && format !== 'hsds') {
    console.error(`ankommen-api: --format must be ankommen or hsds, not ${format}`);
    return 2;
  }
  const database = await createDatabase(databaseOptionsFromEnv());
  try {
    const started = performance.now();
    const document =
      format === 'ankommen' ? await exportBackup(database) : await exportHsds(database);
    const text = `${JSON.stringify(document)}\n`;
    // A backup holds password hashes: readable by its owner only.
    if (out) {
      // `mode` applies only to a new file: an existing one is closed to others before writing.
      await writeFile(out, '', { mode: 0o600 });
      await chmod(out, 0o600);
      await writeFile(out, text);
    } else process.stdout.write(text);
    const what =
      format === 'ankommen'
        ? describeCounts(countBackup(document as Backup))
        : `${Object.keys((document as HsdsExport).languages).length} languages`;
    console.error(
      `exported ${what} (${Buffer.byteLength(text)} bytes, ${Math.round(performance.now() - started)} ms)${out ? ` to ${out}` : ''}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function importData(file: string): Promise<number> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`ankommen-api: cannot read ${file} as JSON: ${(error as Error).message}`);
    return 2;
  }
  const isHsds = (document as { format?: unknown } | null)?.format === HSDS_EXPORT_FORMAT;
  let database: Database | undefined;
  try {
    // A bad file is refused before the database is even opened.
    const plan = isHsds ? prepareHsdsImport(document, rawData) : parseBackup(document);
    database = await createDatabase(databaseOptionsFromEnv());
    const started = performance.now();
    const what = isHsds
      ? describeHsds(await importHsds(database, plan as HsdsImportPlan))
      : describeCounts(await importBackup(database, document));
    console.error(`imported ${what} (${Math.round(performance.now() - started)} ms)`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`ankommen-api: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

const options = {
  email: { type: 'string' },
  format: { type: 'string', default: 'ankommen' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ allowPositionals: true, options });
  } catch (error) {
    console.error(`ankommen-api: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  if (!values.help) {
    if (command === 'create-admin' && values.email) return createAdmin(values.email);
    if (command === 'export' && !file) return exportData(values.format, values.out);
    if (command === 'import' && file && positionals.length === 2) return importData(file);
  }
  console.error(usage);
  return values.help ? 0 : 2;
}

process.exitCode = await main();
