import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@ankommen/db';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/ankommen-api.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}, input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    input,
  });

describe('ankommen-api create-admin', () => {
  it('creates the first administrator with an argon2id hash, the password read from the environment', async () => {
    const result = run(['create-admin', '--email', 'Admin@Example.org'], {
      ANKOMMEN_ADMIN_PASSWORD: 'a long admin passphrase',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const database = await createDatabase({ dataDir });
    try {
      const user = await database.users.findByEmail('admin@example.org');
      expect(user?.role).toBe('admin');
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      await database.close();
    }
  });

  it('reads the password from standard input, and refuses a short one', () => {
    const short = run(
      ['create-admin', '--email', 'b@example.org'],
      { ANKOMMEN_ADMIN_PASSWORD: '' },
      'short\n',
    );
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/at least 12 characters/);
  });

  it('refuses a second account with the same e-mail, and explains its usage', () => {
    const again = run(['create-admin', '--email', 'admin@example.org'], {
      ANKOMMEN_ADMIN_PASSWORD: 'another long passphrase',
    });
    expect(again.status).toBe(2);
    expect(run([]).status).toBe(2);
    expect(run([]).stderr).toMatch(/never a default password/);
  });
});
