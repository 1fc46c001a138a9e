/**
 * The Fiks IO payload container: an ASiC-E (ETSI EN 319 162-1) zip with the `mimetype` entry first and
 * uncompressed, the files, and META-INF/manifest.xml listing them. Written and read here with Node's
 * zlib (stored entries; deflated ones are read too), because no zip library is installed.
 *
 * What this does not do (see docs/integrations/fiks-arkiv.md): the real Fiks IO payload is signed
 * (META-INF/signatures.xml, XAdES, with the municipality's business certificate) and encrypted as CMS
 * to the receiving account's public key from the Fiks catalogue. Neither is built; the container is
 * sent as it is, which only the stand-in accepts (settings `payloadEncryption: 'none'`).
 */
import { crc32, inflateRawSync } from 'node:zlib';

export const ASICE_MIMETYPE = 'application/vnd.etsi.asic-e+zip';

export interface ZipFile {
  readonly name: string;
  readonly data: Buffer;
}

function manifest(files: readonly ZipFile[], mediaType: (name: string) => string): string {
  const entries = files.map((f) => `  <manifest:file-entry manifest:full-path="${f.name}" manifest:media-type="${mediaType(f.name)}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">',
    `  <manifest:file-entry manifest:full-path="/" manifest:media-type="${ASICE_MIMETYPE}"/>`,
    ...entries,
    '</manifest:manifest>',
  ].join('\n');
}

const mediaTypeOf = (name: string) => (name.endsWith('.xml') ? 'text/xml' : name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream');

/** 1980-01-01 in MS-DOS date format: entries carry no time of their own (the message has its own). */
const DOS_DATE = (1 << 5) | 1;

/** A stored zip of the files, in order. */
export function zip(files: readonly ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(f.data.length, 20);
    dir.writeUInt32LE(f.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    central.push(dir, name);
    offset += local.length + name.length + f.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The files of a zip; throws on what is not a well-formed zip. */
export function unzip(archive: Buffer): ZipFile[] {
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0 || archive.length - endAt < 22) throw new Error('not a zip archive (no end of central directory)');
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('a damaged zip central directory');
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataAt, dataAt + size);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} uses an unsupported compression method`);
    files.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + skip;
  }
  return files;
}

/** An ASiC-E container of the files (unsigned, unencrypted: see above). */
export function asice(files: readonly ZipFile[]): Buffer {
  return zip([
    { name: 'mimetype', data: Buffer.from(ASICE_MIMETYPE) },
    ...files,
    { name: 'META-INF/manifest.xml', data: Buffer.from(manifest(files, mediaTypeOf), 'utf8') },
  ]);
}

/** The payload files of an ASiC-E container (without mimetype and META-INF); throws when it is not one. */
export function readAsice(container: Buffer): ZipFile[] {
  const files = unzip(container);
  const first = files[0];
  if (!first || first.name !== 'mimetype' || first.data.toString() !== ASICE_MIMETYPE) throw new Error('not an ASiC-E container (the first entry is not its mimetype)');
  return files.filter((f) => f.name !== 'mimetype' && !f.name.startsWith('META-INF/'));
}
