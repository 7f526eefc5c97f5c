// A child process for the crash test: opens the embedded database and commits rows one by one,
// printing each id only after its commit returned. The parent kills it with SIGKILL mid-stream.
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../src/storage/db.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
const database = await openDatabase({ dataDir });
process.stdout.write('ready\n');
const deadline = Date.now() + 60_000;
for (let i = 0; i < 100_000 && Date.now() < deadline; i += 1) {
  const id = randomUUID();
  await database.db
    .insertInto('facilities')
    .values({ id, name: `crash-${i}`, timezone: 'UTC' })
    .execute();
  process.stdout.write(`${id}\n`);
}
await database.close();
