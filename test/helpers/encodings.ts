import { closeSync, openSync, readSync } from 'node:fs';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

// Text in the encodings leakgate must read, and real binaries it must not mistake for text: all
// built at run time, so no fixture file can drift from what it claims to be.

/** `text` as UTF-16, little endian unless told, with a BOM if told. */
export function utf16(text: string, { bigEndian = false, bom = false } = {}): Buffer {
  const bytes = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return bigEndian ? bytes.swap16() : bytes;
}

/** `text` as UTF-32, little endian unless told, with a BOM if told. */
export function utf32(text: string, { bigEndian = false, bom = false } = {}): Buffer {
  const points = [...((bom ? '\ufeff' : '') + text)].map((char) => char.codePointAt(0)!);
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((point, index) => {
    if (bigEndian) bytes.writeUInt32BE(point, index * 4);
    else bytes.writeUInt32LE(point, index * 4);
  });
  return bytes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/** CRC-32 as PNG and ZIP use it (zlib.crc32 is newer than Node 20). */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const u16le = (value: number) => Buffer.from([value & 0xff, value >>> 8]);
const u32le = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0);
  return bytes;
};
const u32be = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
};

/** Pseudo-random bytes from a seed (a xorshift stream): noise a test can reproduce. */
export function noise(seed: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed | 1;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

/** A 64×64 RGBA PNG of noise, with a tEXt chunk: signature, IHDR, tEXt, IDAT, IEND. */
export function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32be(data.length), body, u32be(crc32(body))]);
  };
  const rows = Array.from({ length: 64 }, (_, row) => Buffer.concat([Buffer.from([0]), noise(row + 1, 64 * 4)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32be(64), u32be(64), Buffer.from([8, 6, 0, 0, 0])])),
    chunk('tEXt', Buffer.from('Software\0leakgate test\0', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive holding one deflated text file: local header, data, central directory, end record. */
export function zip(name = 'notes.txt', content = 'lorem ipsum dolor sit amet\n'.repeat(400)): Buffer {
  const data = deflateRawSync(Buffer.from(content));
  const fileName = Buffer.from(name);
  const crc = crc32(Buffer.from(content));
  const common = Buffer.concat([u16le(20), u16le(0), u16le(8), u16le(0x6000), u16le(0x5a21), u32le(crc)]);
  const sizes = Buffer.concat([u32le(data.length), u32le(content.length), u16le(fileName.length), u16le(0)]);
  const local = Buffer.concat([u32le(0x04034b50), common, sizes, fileName]);
  const central = Buffer.concat([u32le(0x02014b50), u16le(20), common, sizes, u16le(0), u16le(0), u16le(0), u32le(0), u32le(0), fileName]);
  const end = Buffer.concat([
    u32le(0x06054b50),
    u16le(0),
    u16le(0),
    u16le(1),
    u16le(1),
    u32le(central.length),
    u32le(local.length + data.length),
    u16le(0),
  ]);
  return Buffer.concat([local, data, central, end]);
}

/** A gzip stream of text. */
export function gzip(): Buffer {
  return gzipSync(Buffer.from('lorem ipsum dolor sit amet\n'.repeat(2000)));
}

/** The first `length` bytes of the running node executable (an ELF, Mach-O or PE file). */
export function executableHead(length = 64 * 1024): Buffer {
  const fd = openSync(process.execPath, 'r');
  try {
    const bytes = Buffer.alloc(length);
    return bytes.subarray(0, readSync(fd, bytes, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** A Java .class file's head: magic, version 52, a constant pool of UTF-8 names and a class. */
export function javaClass(): Buffer {
  const utf8 = (text: string) => Buffer.concat([Buffer.from([1]), Buffer.from([0, text.length]), Buffer.from(text)]);
  const classRef = (index: number) => Buffer.from([7, 0, index]);
  return Buffer.concat([
    Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, 0, 8]),
    utf8('Hello'),
    classRef(1),
    utf8('java/lang/Object'),
    classRef(3),
    utf8('<init>'),
    utf8('()V'),
    utf8('Code'),
    Buffer.from([0, 0x21, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0]), // flags, this, super, no interfaces, fields, methods, attributes
  ]);
}

/** An SQLite database's first page: the 100-byte header, a leaf table b-tree page, one schema row. */
export function sqlite(): Buffer {
  const page = Buffer.alloc(4096);
  page.write('SQLite format 3\0', 0, 'latin1');
  page.writeUInt16BE(4096, 16);
  page.set([1, 1, 0, 64, 32, 32], 18);
  page.writeUInt32BE(1, 24); // file change counter
  page.writeUInt32BE(1, 28); // pages in the database
  page.writeUInt32BE(4, 44); // schema format
  page.writeUInt32BE(1, 56); // text encoding: UTF-8
  page.writeUInt32BE(3045001, 96); // SQLite version number
  const sql = 'CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT, password TEXT)';
  // A varint of up to 14 bits, as SQLite writes them.
  const varint = (value: number) => Buffer.from(value < 0x80 ? [value] : [0x80 | (value >>> 7), value & 0x7f]);
  const text = (value: string) => varint(13 + 2 * value.length);
  const types = Buffer.concat([text('table'), text('users'), text('users'), varint(1), text(sql)]);
  const record = Buffer.concat([varint(types.length + 1), types, Buffer.from('tableusersusers\x02', 'latin1'), Buffer.from(sql)]);
  const cell = Buffer.concat([varint(record.length), varint(1), record]);
  const start = 4096 - cell.length;
  cell.copy(page, start);
  page.set([0x0d, 0, 0, 0, 1, start >>> 8, start & 0xff, 0, start >>> 8, start & 0xff], 100);
  return page;
}

/** A PDF with a compressed content stream and an uncompressed 8-bit image stream (NUL bytes in it). */
export function pdf(): Buffer {
  const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 712 Td (Hello) Tj ET\n'.repeat(50)));
  const image = Buffer.from(Array.from({ length: 32 * 32 }, (_, index) => (index * 7) % 256));
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    Buffer.from('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'),
    Buffer.from(`4 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`),
    content,
    Buffer.from('\nendstream\nendobj\n'),
    Buffer.from(
      `5 0 obj\n<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /BitsPerComponent 8 /ColorSpace /DeviceGray /Length ${image.length} >>\nstream\n`,
    ),
    image,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

/** Real binaries by name, each holding a NUL in its first 8000 bytes. */
export function realBinaries(): Record<string, Buffer> {
  return { png: png(), zip: zip(), gzip: gzip(), executable: executableHead(), class: javaClass(), sqlite: sqlite(), pdf: pdf() };
}
