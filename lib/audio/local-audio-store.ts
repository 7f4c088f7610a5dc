/**
 * The audio of the visitor's local tracks, kept in this browser (IndexedDB), keyed by track id.
 * It never leaves the device; the follow-along plays it from here, with no network.
 */

const DB_NAME = 'montage-local-audio';
const STORE = 'files';

interface StoredFile {
  blob: Blob;
  name: string;
  storedAt: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a file's audio for a track; asks the browser (once) not to evict it under storage pressure. */
export async function putLocalAudio(trackId: string, file: File): Promise<void> {
  await run('readwrite', (store) => store.put({ blob: file, name: file.name, storedAt: Date.now() } satisfies StoredFile, trackId));
  await navigator.storage?.persist?.().catch(() => false);
}

export async function getLocalAudio(trackId: string): Promise<Blob | null> {
  const stored = await run<StoredFile | undefined>('readonly', (store) => store.get(trackId));
  return stored?.blob ?? null;
}

/** Which of these tracks have their audio in this browser. */
export async function tracksWithLocalAudio(trackIds: readonly string[]): Promise<Set<string>> {
  if (trackIds.length === 0 || typeof indexedDB === 'undefined') return new Set();
  const keys = await run<IDBValidKey[]>('readonly', (store) => store.getAllKeys());
  const wanted = new Set(trackIds);
  return new Set(keys.filter((k): k is string => typeof k === 'string' && wanted.has(k)));
}

/** Forgets a track's audio on this device (the track was removed). */
export async function deleteLocalAudio(trackId: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await run('readwrite', (store) => store.delete(trackId));
}
