/** `npm run admin:create -- --email you@example.com [--name "Your Name"]`: the first admin, no default password. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createAdmin } from './create-admin.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!values.email) {
  console.error('Usage: npm run admin:create -- --email you@example.com [--name "Your Name"]');
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  const result = await createAdmin(db, config, { email: values.email, ...(values.name ? { name: values.name } : {}) });
  console.log(result.created ? `Created admin ${values.email}.` : `${values.email} is now an admin.`);
  console.log(`Set the password within an hour (single use):\n  ${result.link}`);
} catch (err) {
  console.error(`admin:create failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
