import type { BinaryCopyWriter } from '../../platform/db/binary-copy.ts';
import { crimeTypeNumber } from './police-uk-format.ts';

/**
 * The crimes at each location of one street file, by LSOA and crime type, for the location arrays of
 * crime_lsoa_months. Locations are kept as the file's bytes, in one buffer, and found again by a
 * hash table of their bytes and LSOA: a file of 100,000 rows makes no strings and no map entries
 * for them, which as strings cost the importer a third again of its time.
 *
 * A location is numbered (0, 1, ...) the first time it is seen in its LSOA. Its crimes by crime type
 * are a chain of entries, most locations having one or two crime types: entry e is crime type
 * entryTypes[e] with entryCrimes[e] crimes, then entry entryNext[e] (-1 for none).
 */
export class LocationTally {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private starts: number[] = [];
  private lengths: number[] = [];
  private lsoas: number[] = [];
  private firstEntries: number[] = [];
  private readonly entryTypes: number[] = [];
  private readonly entryCrimes: number[] = [];
  private readonly entryNext: number[] = [];
  /** Location number + 1 by hash; 0 is an empty slot. Kept under half full. */
  private slots = new Int32Array(1 << 12);
  private hashes: number[] = [];

  /** Locations numbered so far. */
  get size(): number {
    return this.starts.length;
  }

  /**
   * Counts one crime of the crime type at the location bytes[from, to) (UTF-8) in the LSOA (a
   * number: lsoaKey()). Returns the location's number if it is new in that LSOA, else -1.
   */
  add(lsoa: number, bytes: Uint8Array, from: number, to: number, crimeType: number): number {
    let hash = Math.imul(lsoa, 0x9e3779b1) ^ 0x811c9dc5;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    const length = to - from;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = this.slots[slot]! - 1;
      if (found < 0) {
        const n = this.store(lsoa, bytes, from, to, hash, crimeType);
        this.slots[slot] = n + 1;
        if (2 * this.size > this.slots.length) this.grow();
        return n;
      }
      if (this.hashes[found] === hash && this.lsoas[found] === lsoa && this.lengths[found] === length && this.same(found, bytes, from)) {
        this.countAt(found, crimeType);
        return -1;
      }
    }
  }

  private same(n: number, bytes: Uint8Array, from: number): boolean {
    const start = this.starts[n]!;
    const length = this.lengths[n]!;
    for (let k = 0; k < length; k++) if (this.bytes[start + k] !== bytes[from + k]) return false;
    return true;
  }

  private store(lsoa: number, bytes: Uint8Array, from: number, to: number, hash: number, crimeType: number): number {
    const length = to - from;
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.used + length, 2 * this.bytes.length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    for (let k = 0; k < length; k++) this.bytes[this.used + k] = bytes[from + k]!;
    this.starts.push(this.used);
    this.lengths.push(length);
    this.used += length;
    this.lsoas.push(lsoa);
    this.hashes.push(hash);
    this.firstEntries.push(this.entry(crimeType));
    return this.starts.length - 1;
  }

  private entry(crimeType: number): number {
    this.entryTypes.push(crimeType);
    this.entryCrimes.push(1);
    this.entryNext.push(-1);
    return this.entryTypes.length - 1;
  }

  private countAt(n: number, crimeType: number): void {
    let e = this.firstEntries[n]!;
    for (;;) {
      if (this.entryTypes[e] === crimeType) {
        this.entryCrimes[e]!++;
        return;
      }
      const next = this.entryNext[e]!;
      if (next < 0) break;
      e = next;
    }
    this.entryNext[e] = this.entry(crimeType);
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 1;
    for (let n = 0; n < this.size; n++) {
      let slot = this.hashes[n]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = n + 1;
    }
  }

  /**
   * Writes the three location arrays of an LSOA's row: its locations (numbered as add() gave them, in
   * that order) with each of their crime types in the order first seen, their crime types by
   * crimeTypeNumber(), and their crimes.
   */
  write(out: BinaryCopyWriter, locations: readonly number[]): void {
    let elements = 0;
    for (const n of locations) for (let e = this.firstEntries[n]!; e >= 0; e = this.entryNext[e]!) elements++;
    const names = out.beginArray(elements, false, 'text');
    for (const n of locations) {
      for (let e = this.firstEntries[n]!; e >= 0; e = this.entryNext[e]!)
        out.textBytes(this.bytes, this.starts[n]!, this.starts[n]! + this.lengths[n]!);
    }
    out.endArray(names);
    const types = out.beginArray(elements, false, 'int2');
    for (const n of locations)
      for (let e = this.firstEntries[n]!; e >= 0; e = this.entryNext[e]!) out.int2(crimeTypeNumber(this.entryTypes[e]!));
    out.endArray(types);
    const crimes = out.beginArray(elements, false, 'int4');
    for (const n of locations) for (let e = this.firstEntries[n]!; e >= 0; e = this.entryNext[e]!) out.int4(this.entryCrimes[e]!);
    out.endArray(crimes);
  }
}
