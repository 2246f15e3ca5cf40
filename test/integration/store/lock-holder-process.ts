/**
 * A separate process that holds the database's write lock, as another Export Manager process
 * in the middle of a long write would: it runs BEGIN IMMEDIATE on the database in `dataDir`,
 * prints `locked`, and commits and exits after `holdMs`, or at once on a line from stdin.
 * Arguments: dataDir holdMs
 */
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { openSqlite } from '../../../main/core/store/sqlite';

const [dataDir, holdMs] = process.argv.slice(2);
const db = openSqlite(join(dataDir!, DATABASE_FILE));
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');

const release = () => {
  db.exec('COMMIT');
  db.close();
  process.exit(0);
};
setTimeout(release, Number(holdMs));
process.stdin.once('data', release);
