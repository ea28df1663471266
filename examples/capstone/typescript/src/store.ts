/**
 * Users, tokens and bookmarks kept in memory and saved to one JSON file after every change. The file
 * is written to a temporary name and renamed, so a crash mid-write never leaves half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface User {
  id: string;
  email: string;
  /** scrypt output and its salt, both hex; the password itself is never stored. */
  passwordHash: string;
  salt: string;
}

export interface Bookmark {
  id: string;
  ownerId: string;
  url: string;
  title: string;
  tags: string[];
  createdAt: string;
}

interface Data {
  nextId: number;
  users: User[];
  /** sha256(token) -> user id, so a leaked data file does not leak usable tokens. */
  tokens: Record<string, string>;
  bookmarks: Bookmark[];
}

export class Store {
  private data: Data = { nextId: 1, users: [], tokens: {}, bookmarks: [] };
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
    try {
      this.data = JSON.parse(readFileSync(file, 'utf8')) as Data;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  protected save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.file);
  }

  private newId(): string {
    const id = String(this.data.nextId++);
    return id;
  }

  findUserByEmail(email: string): User | undefined {
    return this.data.users.find((u) => u.email === email);
  }

  addUser(email: string, passwordHash: string, salt: string): User {
    const user = { id: this.newId(), email, passwordHash, salt };
    this.data.users.push(user);
    this.save();
    return user;
  }

  addToken(tokenHash: string, userId: string): void {
    this.data.tokens[tokenHash] = userId;
    this.save();
  }

  userIdForToken(tokenHash: string): string | undefined {
    return Object.hasOwn(this.data.tokens, tokenHash) ? this.data.tokens[tokenHash] : undefined;
  }

  /** Only the owner's bookmarks are ever visible: this is what stops IDOR. */
  getBookmark(ownerId: string, id: string): Bookmark | undefined {
    return this.data.bookmarks.find((b) => b.id === id && b.ownerId === ownerId);
  }

  listBookmarks(ownerId: string, tag: string | undefined): Bookmark[] {
    return this.data.bookmarks.filter((b) => b.ownerId === ownerId && (tag === undefined || b.tags.includes(tag)));
  }

  addBookmark(ownerId: string, input: Pick<Bookmark, 'url' | 'title' | 'tags'>): Bookmark {
    const bookmark = { id: this.newId(), ownerId, ...input, createdAt: new Date().toISOString() };
    this.data.bookmarks.push(bookmark);
    this.save();
    return bookmark;
  }

  updateBookmark(bookmark: Bookmark, changes: Partial<Pick<Bookmark, 'url' | 'title' | 'tags'>>): Bookmark {
    Object.assign(bookmark, changes);
    this.save();
    return bookmark;
  }

  deleteBookmark(bookmark: Bookmark): void {
    this.data.bookmarks = this.data.bookmarks.filter((b) => b !== bookmark);
    this.save();
  }
}
