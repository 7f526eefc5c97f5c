// Storage: migrations on both databases, and durability of the embedded database on disk.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../src/storage/db.ts';
import { migrations } from '../src/storage/migrations/index.ts';
import { PGliteDialect } from '../src/storage/pglite-dialect.ts';
import { serverSecret } from '../src/storage/server-secrets.ts';
import type { Database } from '../src/storage/tables.ts';
import { backends } from './support/databases.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const list = await backends();

describe.each(list)('storage on $name', (backend) => {
  it('applies every migration once and nothing on a second run', async () => {
    const database = await backend.create();
    try {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public'`.execute(
        database.handle.db,
      );
      const names = tables.rows.map((r) => r.table_name);
      for (const table of [
        'facilities',
        'staff',
        'rooms',
        'invites',
        'audit_events',
        'participants',
      ]) {
        expect(names).toContain(table);
      }
      expect(await migrate(database.handle.db)).toEqual([]);
    } finally {
      await database.drop();
    }
  });

  it('keeps one server secret across calls', async () => {
    const database = await backend.create();
    try {
      const first = await serverSecret(database.handle, 'signaling');
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await serverSecret(database.handle, 'signaling')).toBe(first);
      expect(await serverSecret(database.handle, 'other')).not.toBe(first);
    } finally {
      await database.drop();
    }
  });

  it('rolls back a failed transaction completely', async () => {
    const database = await backend.create();
    const db = database.handle.db;
    try {
      await expect(
        db.transaction().execute(async (tx) => {
          await tx
            .insertInto('facilities')
            .values({
              id: '11111111-1111-4111-8111-111111111111',
              name: 'Half-made',
              timezone: 'UTC',
            })
            .execute();
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const rows = await db
        .selectFrom('facilities')
        .select('id')
        .where('name', '=', 'Half-made')
        .execute();
      expect(rows).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});

describe('embedded database on disk', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-durability-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('keeps what was written across a clean close and reopen', async () => {
    const dataDir = await tempDir();
    const first = await openDatabase({ dataDir });
    await first.db
      .insertInto('facilities')
      .values({ id: '22222222-2222-4222-8222-222222222222', name: 'Persisted', timezone: 'UTC' })
      .execute();
    await first.close();
    const second = await openDatabase({ dataDir });
    const row = await second.db.selectFrom('facilities').select('name').executeTakeFirst();
    await second.close();
    expect(row?.name).toBe('Persisted');
  });

  it('loses nothing committed when the process is killed with SIGKILL mid-write', async () => {
    const dataDir = await tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'support/crash-writer.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const committed: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(
        () => reject(new Error('the writer did not commit 200 rows in time')),
        90_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line !== 'ready') committed.push(line);
        if (committed.length >= 200) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(await exited).toBe('SIGKILL');
    expect(committed.length).toBeGreaterThanOrEqual(200);

    const reopened = await openDatabase({ dataDir });
    try {
      const rows = await reopened.db.selectFrom('facilities').select('id').execute();
      const present = new Set(rows.map((r) => r.id));
      const lost = committed.filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      // The database is usable after recovery, not just readable.
      await reopened.db
        .insertInto('facilities')
        .values({
          id: '33333333-3333-4333-8333-333333333333',
          name: 'After crash',
          timezone: 'UTC',
        })
        .execute();
    } finally {
      await reopened.close();
    }
  });
});

describe('migration 0025 (entries carry their facility)', () => {
  it('gives entries written before it, and by an instance not yet upgraded, the facility of their visit', async () => {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(await PGlite.create()) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const before = await migrator.migrateTo('0024_p2p_seats');
      expect(before.error).toBeUndefined();
      const facility = randomUUID();
      const staff = randomUUID();
      const visit = randomUUID();
      const invite = randomUUID();
      const entry = randomUUID();
      await sql`
        insert into facilities (id, name, timezone) values (${facility}, 'Older', 'UTC')
      `.execute(db);
      await sql`
        insert into staff (id, email, display_name, password_hash, role)
        values (${staff}, 'older@example.test', 'Older', 'unusable', 'admin')
      `.execute(db);
      await sql`
        insert into rooms (id, facility_id, title, status, provider, created_by)
        values (${visit}, ${facility}, 'Before the change', 'scheduled', 'p2p', ${staff})
      `.execute(db);
      await sql`
        insert into invites (id, room_id, code, expires_at, created_by)
        values (${invite}, ${visit}, 'older-code', now() + interval '1 day', ${staff})
      `.execute(db);
      await sql`
        insert into lobby_entries (id, room_id, invite_id, display_name, token_hash, identity, status)
        values (${entry}, ${visit}, ${invite}, 'Guest', 'x', ${`visitor-${entry}`}, 'waiting')
      `.execute(db);
      expect(await migrate(db)).toEqual(['0025_lobby_entry_facility']);
      const facilityOf = async (id: string) =>
        (
          await db
            .selectFrom('lobby_entries')
            .select('facility_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).facility_id;
      expect(await facilityOf(entry)).toBe(facility);
      // An instance still on the previous version (a rolling deploy) knocks without the column.
      const later = randomUUID();
      await sql`
        insert into lobby_entries (id, room_id, invite_id, display_name, token_hash, identity, status)
        values (${later}, ${visit}, ${invite}, 'Later', 'y', ${`visitor-${later}`}, 'waiting')
      `.execute(db);
      expect(await facilityOf(later)).toBe(facility);
    } finally {
      await db.destroy();
    }
  });
});
