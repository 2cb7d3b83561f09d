/**
 * Reads the files of a zip archive (an XLSX or DOCX download) with Node's zlib alone, from the
 * central directory, so entries written with data descriptors read as well as any other.
 */
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** True when the bytes start as a zip archive does ("PK\x03\x04"). */
export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_FILE_HEADER;
}

/** Every file in the archive by its path, uncompressed. */
export function unzip(bytes: Buffer): Map<string, Buffer> {
  assert.ok(isZip(bytes), 'the file should be a zip archive, starting with PK');
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, 'the zip archive has no end of central directory record');
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    assert.equal(bytes.readUInt32LE(offset), CENTRAL_FILE_HEADER, 'a central directory entry');
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    assert.equal(bytes.readUInt32LE(localOffset), LOCAL_FILE_HEADER, `the local header of ${name}`);
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    assert.ok(method === 0 || method === 8, `${name} is stored or deflated, not compression method ${method}`);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
