/**
 * Where the bytes of evidence files live, behind an interface so that the use cases do not
 * care whether it is a folder (today, `filesystem-store.ts`) or an object store later. Files
 * are named by a random key the store picks: never by anything the client sent.
 */

/** Largest evidence file accepted, in bytes (10 MB: a phone photo, a scanned certificate). */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;

/** The bytes of evidence files. */
export interface EvidenceFileStore {
  /**
   * Writes the bytes completely under a new key (a half-written file is never visible).
   * @returns the key, to keep in the evidence row.
   */
  save(bytes: Uint8Array): Promise<string>;
  /** @returns the bytes, or undefined when no file has this key (or it is not a valid key). */
  read(key: string): Promise<Buffer | undefined>;
  /** Deletes the file; a missing file is not an error. */
  remove(key: string): Promise<void>;
}

/** What the evidence use cases need to accept and serve files. */
export interface EvidenceFilesDeps {
  store: EvidenceFileStore;
  /** Largest file accepted, in bytes (MAX_EVIDENCE_FILE_BYTES unless a test makes it smaller). */
  maxBytes: number;
}
