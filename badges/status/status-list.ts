/**
 * A revocation status list (W3C Bitstring Status List, openbadges.md §3.8): each credential gets
 * one index, chosen at random among the free ones so that neighbouring indexes say nothing about
 * who got their badge when; revoking sets that bit. The state is plain JSON that the server
 * stores and restores.
 */
import { randomInt } from 'node:crypto';
import type { BitstringStatusListEntry } from '../ob3/credential-types.ts';
import { decodeBitstring, encodeBitstring, getBit, setBit } from './bitstring.ts';

/** The smallest list the W3C specification (and strict validators) accept: 16 KiB of bits. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

const BLOCK_BYTES = 64;

/** A source of randomness: an integer in [0, maxExclusive). Injected by deterministic tests. */
export type RandomInt = (maxExclusive: number) => number;

/** The list as stored: plain JSON, the two bitstrings encoded like `encodedList`. */
export type StatusListState = {
  /** The URL of the status list credential. */
  id: string;
  length: number;
  statusPurpose: 'revocation';
  /** The revoked bits (the published `encodedList`). */
  encodedList: string;
  /** The indexes already given to a credential (never published). */
  allocatedList: string;
};

export class StatusList {
  private allocatedCount: number;
  /** Allocated bits per block of {@link BLOCK_BYTES} bytes, so finding the n-th free index is fast. */
  private readonly blockAllocated: Uint16Array;

  private constructor(
    /** The URL of the status list credential. */
    readonly id: string,
    readonly length: number,
    private readonly revokedBits: Uint8Array,
    private readonly allocatedBits: Uint8Array,
  ) {
    this.blockAllocated = new Uint16Array(Math.ceil(allocatedBits.length / BLOCK_BYTES));
    for (let i = 0; i < allocatedBits.length; i++) {
      const block = Math.floor(i / BLOCK_BYTES);
      this.blockAllocated[block] =
        (this.blockAllocated[block] ?? 0) + popcount(allocatedBits[i] ?? 0);
    }
    this.allocatedCount = this.blockAllocated.reduce((sum, count) => sum + count, 0);
  }

  /** @internal Use {@link createStatusList} or {@link restoreStatusList}. */
  static fromBits(id: string, revoked: Uint8Array, allocated: Uint8Array): StatusList {
    return new StatusList(id, revoked.length * 8, revoked, allocated);
  }

  /** How many indexes are still free. */
  get freeCount(): number {
    return this.length - this.allocatedCount;
  }

  /**
   * Gives a fresh index to a new credential, uniformly at random among the free ones.
   *
   * @param random the randomness (default: node:crypto).
   * @returns the index, never given before.
   * @throws Error when the list is full (start a new list).
   */
  allocate(random: RandomInt = randomInt): number {
    const free = this.freeCount;
    if (free === 0) throw new Error(`the status list ${this.id} is full: start a new one`);
    const target = random(free);
    if (!Number.isSafeInteger(target) || target < 0 || target >= free) {
      throw new RangeError(`random source returned ${target}, outside [0, ${free})`);
    }
    const index = this.nthFree(target);
    setBit(this.allocatedBits, index, true);
    const block = Math.floor(index / 8 / BLOCK_BYTES);
    this.blockAllocated[block] = (this.blockAllocated[block] ?? 0) + 1;
    this.allocatedCount += 1;
    return index;
  }

  /** The position of the n-th (0-based) free index: skip whole blocks, then bytes, then bits. */
  private nthFree(n: number): number {
    let remaining = n;
    const bytes = this.allocatedBits;
    for (let block = 0; block < this.blockAllocated.length; block++) {
      const start = block * BLOCK_BYTES;
      const end = Math.min(start + BLOCK_BYTES, bytes.length);
      const free = (end - start) * 8 - (this.blockAllocated[block] ?? 0);
      if (remaining >= free) {
        remaining -= free;
        continue;
      }
      for (let i = start; i < end; i++) {
        const clear = 8 - popcount(bytes[i] ?? 0);
        if (remaining >= clear) {
          remaining -= clear;
          continue;
        }
        for (let bit = i * 8; bit < i * 8 + 8; bit++) {
          if (getBit(bytes, bit)) continue;
          if (remaining === 0) return bit;
          remaining--;
        }
      }
    }
    throw new Error('no free index left');
  }

  /** Whether the index was given to a credential. */
  isAllocated(index: number): boolean {
    return getBit(this.allocatedBits, index);
  }

  /**
   * Revokes the credential at this index (idempotent).
   *
   * @throws RangeError when the index was never given to a credential.
   */
  revoke(index: number): void {
    if (!this.isAllocated(index)) {
      throw new RangeError(`index ${index} of ${this.id} was never given to a credential`);
    }
    setBit(this.revokedBits, index, true);
  }

  /** Whether the credential at this index is revoked. */
  isRevoked(index: number): boolean {
    return getBit(this.revokedBits, index);
  }

  /** The published `encodedList`: GZIP + multibase base64url of the revoked bits. */
  encode(): string {
    return encodeBitstring(this.revokedBits);
  }

  /** The state to store, as plain JSON. */
  toJSON(): StatusListState {
    return {
      id: this.id,
      length: this.length,
      statusPurpose: 'revocation',
      encodedList: this.encode(),
      allocatedList: encodeBitstring(this.allocatedBits),
    };
  }
}

/**
 * @param options.id the URL the status list credential is published at.
 * @param options.length the number of entries (at least 131,072, a multiple of 8).
 * @returns an empty list.
 * @throws RangeError when the length is too small or not whole bytes.
 */
export function createStatusList(options: { id: string; length?: number }): StatusList {
  const length = options.length ?? MIN_STATUS_LIST_LENGTH;
  assertLength(length);
  return StatusList.fromBits(options.id, new Uint8Array(length / 8), new Uint8Array(length / 8));
}

/**
 * The `credentialStatus` of the credential holding this index.
 *
 * @param list the list.
 * @param index an index the list gave out.
 * @throws RangeError when the index was never given out.
 */
export function statusEntry(list: StatusList, index: number): BitstringStatusListEntry {
  if (!list.isAllocated(index)) {
    throw new RangeError(`index ${index} of ${list.id} was never given to a credential`);
  }
  return {
    id: `${list.id}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: list.id,
  };
}

/**
 * @param list the list.
 * @returns its state as plain JSON.
 */
export function serializeStatusList(list: StatusList): StatusListState {
  return list.toJSON();
}

/**
 * @param state what {@link serializeStatusList} returned, as read back from storage.
 * @returns the list.
 * @throws Error when the state is malformed or inconsistent (a revoked index never given out).
 */
export function restoreStatusList(state: unknown): StatusList {
  if (typeof state !== 'object' || state === null)
    throw new Error('status list state: not an object');
  const { id, length, statusPurpose, encodedList, allocatedList } = state as Record<
    string,
    unknown
  >;
  if (typeof id !== 'string' || id === '') throw new Error('status list state: no id');
  if (typeof length !== 'number') throw new Error('status list state: no length');
  if (statusPurpose !== 'revocation') throw new Error('status list state: not a revocation list');
  if (typeof encodedList !== 'string' || typeof allocatedList !== 'string') {
    throw new Error('status list state: missing bitstrings');
  }
  assertLength(length);
  const revoked = decodeBitstring(encodedList);
  const allocated = decodeBitstring(allocatedList);
  if (revoked.length * 8 !== length || allocated.length * 8 !== length) {
    throw new Error('status list state: the bitstrings do not have the stated length');
  }
  for (let i = 0; i < revoked.length; i++) {
    if (((revoked[i] ?? 0) & ~(allocated[i] ?? 0)) !== 0) {
      throw new Error('status list state: an index is revoked but was never given out');
    }
  }
  return StatusList.fromBits(id, revoked, allocated);
}

function assertLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(
      `a status list needs a multiple of 8 entries, at least ${MIN_STATUS_LIST_LENGTH}; got ${length}`,
    );
  }
}

function popcount(byte: number): number {
  let count = 0;
  for (let b = byte; b !== 0; b &= b - 1) count++;
  return count;
}
