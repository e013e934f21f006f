// Creates the first administrator (or makes an existing account one):
//   npm run admin:create -- --email admin@example.org --name "Ana Admin"
// The password is read from standard input (one line), so it stays out of the shell history:
//   printf '%s\n' 'a long passphrase' | npm run admin:create -- --email … --name …
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { translator } from '../src/i18n/messages.ts';
import { createMailer, mailJob } from '../src/modules/accounts/mail.ts';
import { accountsService } from '../src/modules/accounts/service.ts';
import { createJobQueue } from '../src/platform/jobs/queue.ts';

const args = z
  .object({ email: z.email().transform((v) => v.toLowerCase()), name: z.string().trim().min(1).max(120) })
  .safeParse(parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } }).values);
if (!args.success) {
  console.error('Usage: npm run admin:create -- --email <address> --name <name>   (password on standard input)');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password for the administrator: ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) return line;
  return '';
}

try {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrate(database);
  // Mail goes on the queue, for the platform's worker to deliver.
  const log = { warn: (_o: object, message: string) => console.error(message), error: (_o: object, message: string) => console.error(message) };
  const jobs = createJobQueue(database, { log });
  jobs.define(mailJob(database.db, config.smtpUrl, config.mailFrom));
  await jobs.open();
  const accounts = accountsService(database.db, createMailer(jobs), config.baseUrl);
  const result = await accounts.createAdministrator({ ...args.data, password: await readPassword() });
  await jobs.close();
  await database.close();
  if ('errors' in result) {
    const t = translator('en');
    console.error(result.errors.map((e) => t(e.key, e.values)).join('\n'));
    process.exit(1);
  }
  console.log(`${args.data.email} is an administrator.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Failed: ${(error as Error).message}`);
  process.exit(1);
}
