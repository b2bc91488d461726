/**
 * What the watcher has already handled, kept across restarts by whoever implements it (the
 * storage). Keys are opaque strings of at most a few hundred characters.
 */
export interface SeenStore {
  has(key: string): Promise<boolean>;
  add(key: string): Promise<void>;
}
