import { open } from 'node:fs/promises';

// Legacy Office files (.doc, .xls, .ppt) are Compound File Binary containers (MS-CFB), as are
// Windows installers and Outlook messages. The container's directory says which one a file is:
// Word keeps a "WordDocument" stream, Excel a "Workbook" (or "Book"), PowerPoint a "PowerPoint
// Document". Only the directory is read, sector by sector, with every count checked against the
// file's size, so a malformed file costs a few reads at most.

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Sector numbers above this are markers (end of chain, free, FAT, DIFAT). */
const MAX_SECTOR = 0xfffffffa;
const ENTRY = 128;

export type LegacyOffice = 'doc' | 'xls' | 'ppt';
export type CfbVerdict = { type: LegacyOffice; macros: boolean } | null;

/** What a CFB file holds: a Word, Excel or PowerPoint document (and whether it has macros), or null. */
export async function legacyOffice(path: string): Promise<CfbVerdict> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      if (bytesRead < length) throw new Error('truncated compound file');
      return buffer;
    };
    const header = await read(0, 512);
    if (!header.subarray(0, 8).equals(SIGNATURE)) return null;
    const shift = header.readUInt16LE(0x1e);
    if (shift !== 9 && shift !== 12) return null;
    const sectorSize = 1 << shift;
    const perSector = sectorSize / 4;
    const sectors = Math.floor(size / sectorSize);
    const at = (sector: number) => (sector + 1) * sectorSize;

    // Where the FAT's own sectors are: 109 in the header, any others in the DIFAT chain.
    const fatCount = header.readUInt32LE(0x2c);
    if (fatCount > sectors) return null;
    const fatSectors: number[] = [];
    for (let i = 0; i < Math.min(109, fatCount); i++) fatSectors.push(header.readUInt32LE(0x4c + i * 4));
    let difat = header.readUInt32LE(0x44);
    for (let guard = 0; fatSectors.length < fatCount && difat <= MAX_SECTOR && guard < sectors; guard++) {
      const block = await read(at(difat), sectorSize);
      for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(block.readUInt32LE(i * 4));
      difat = block.readUInt32LE(sectorSize - 4);
    }
    const fatBlocks = new Map<number, Buffer>();
    const next = async (sector: number): Promise<number> => {
      const index = Math.floor(sector / perSector);
      const fatSector = fatSectors[index];
      if (fatSector === undefined || fatSector > MAX_SECTOR) throw new Error('sector outside the FAT');
      let block = fatBlocks.get(index);
      if (!block) {
        block = await read(at(fatSector), sectorSize);
        fatBlocks.set(index, block);
      }
      return block.readUInt32LE((sector % perSector) * 4);
    };

    // The directory: a chain of sectors of 128-byte entries; storages are 1, streams 2.
    const names = new Set<string>();
    let sector = header.readUInt32LE(0x30);
    for (let guard = 0; sector <= MAX_SECTOR && guard < sectors; guard++) {
      const block = await read(at(sector), sectorSize);
      for (let offset = 0; offset < sectorSize; offset += ENTRY) {
        const type = block[offset + 0x42];
        const length = block.readUInt16LE(offset + 0x40);
        if ((type === 1 || type === 2) && length >= 2 && length <= 64) names.add(block.toString('utf16le', offset, offset + length - 2).toLowerCase());
      }
      sector = await next(sector);
    }

    if (names.has('worddocument')) return { type: 'doc', macros: names.has('macros') };
    if (names.has('workbook') || names.has('book')) return { type: 'xls', macros: names.has('_vba_project_cur') };
    if (names.has('powerpoint document')) return { type: 'ppt', macros: false };
    return null;
  } catch {
    return null;
  } finally {
    await file.close();
  }
}
