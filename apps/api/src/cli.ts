import { createDatabase, databaseOptionsFromEnv } from '@ankommen/db';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth.js';
import { Password } from './routes/admin/users.js';

const usage = `Usage: ankommen-api create-admin --email ADDRESS

Creates an administrator. The password is read from ANKOMMEN_ADMIN_PASSWORD, or asked for on
the terminal (at least 12 characters). There is never a default password.
Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data), like the server.`;

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

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals[0] !== 'create-admin' || !values.email) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const password = Password.safeParse(await readPassword());
  if (!password.success) {
    console.error(`ankommen-api: the password ${password.error.issues[0]?.message}`);
    return 2;
  }
  const database = await createDatabase(databaseOptionsFromEnv());
  try {
    const user = await database.users.create({
      email: values.email,
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

process.exitCode = await main();
