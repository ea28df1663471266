"""Users, tokens and bookmarks in SQLite (the standard library's sqlite3), one connection behind a lock."""
import json
import os
import sqlite3
import threading

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  salt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE IF NOT EXISTS bookmarks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  tags TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bookmarks_owner ON bookmarks(owner_id, id);
"""


def _bookmark(row):
    return {"id": row[0], "url": row[1], "title": row[2], "tags": json.loads(row[3]), "createdAt": row[4]}


class Store:
    def __init__(self, path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        # One connection shared by the handler threads; the lock serialises access to it.
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.lock = threading.Lock()

    def _one(self, sql, args=()):
        with self.lock:
            return self.db.execute(sql, args).fetchone()

    def _all(self, sql, args=()):
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def _write(self, sql, args=()):
        with self.lock:
            return self.db.execute(sql, args)

    def find_user(self, email):
        row = self._one("SELECT id, password_hash, salt FROM users WHERE email = ?", (email,))
        return {"id": row[0], "password_hash": row[1], "salt": row[2]} if row else None

    def add_user(self, email, password_hash, salt):
        """Returns the new user's id, or None when the email is taken."""
        try:
            cur = self._write("INSERT INTO users (email, password_hash, salt) VALUES (?, ?, ?)", (email, password_hash, salt))
        except sqlite3.IntegrityError:
            return None
        return cur.lastrowid

    def add_token(self, token_hash, user_id):
        self._write("INSERT INTO tokens (token_hash, user_id) VALUES (?, ?)", (token_hash, user_id))

    def user_for_token(self, token_hash):
        row = self._one("SELECT user_id FROM tokens WHERE token_hash = ?", (token_hash,))
        return row[0] if row else None

    # Every bookmark query names the owner: that is what stops one user reaching another's data.
    def get_bookmark(self, owner_id, bookmark_id):
        row = self._one(
            "SELECT id, url, title, tags, created_at FROM bookmarks WHERE id = ? AND owner_id = ?", (bookmark_id, owner_id)
        )
        return _bookmark(row) if row else None

    def list_bookmarks(self, owner_id, tag, limit, offset):
        where = "owner_id = ?"
        args = [owner_id]
        if tag is not None:
            where += " AND EXISTS (SELECT 1 FROM json_each(bookmarks.tags) WHERE value = ?)"
            args.append(tag)
        total = self._one(f"SELECT COUNT(*) FROM bookmarks WHERE {where}", args)[0]
        rows = self._all(
            f"SELECT id, url, title, tags, created_at FROM bookmarks WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [_bookmark(r) for r in rows], total

    def add_bookmark(self, owner_id, url, title, tags, created_at):
        cur = self._write(
            "INSERT INTO bookmarks (owner_id, url, title, tags, created_at) VALUES (?, ?, ?, ?, ?)",
            (owner_id, url, title, json.dumps(tags), created_at),
        )
        return self.get_bookmark(owner_id, cur.lastrowid)

    def update_bookmark(self, owner_id, bookmark_id, changes):
        current = self.get_bookmark(owner_id, bookmark_id)
        if current is None:
            return None
        merged = {**current, **changes}
        self._write(
            "UPDATE bookmarks SET url = ?, title = ?, tags = ? WHERE id = ? AND owner_id = ?",
            (merged["url"], merged["title"], json.dumps(merged["tags"]), bookmark_id, owner_id),
        )
        return merged

    def delete_bookmark(self, owner_id, bookmark_id):
        return self._write("DELETE FROM bookmarks WHERE id = ? AND owner_id = ?", (bookmark_id, owner_id)).rowcount > 0
