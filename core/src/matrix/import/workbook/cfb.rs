//! Just enough of the Compound File Binary format ([MS-CFB]) to read one stream of an
//! `.xls` file, so that the workbook can be measured before calamine reads it (see
//! `biff.rs`). Every sector number and size is checked against the file: a chain that
//! leaves the file or loops is an error, never a panic
//! or an allocation the file's size does not justify.

/// "No next sector" in a chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector numbers at or above this are markers, not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
const HEADER_DIFAT: usize = 109;
const MINI_CUTOFF: u64 = 4096;

/// A compound file held in memory.
pub(crate) struct Cfb<'a> {
    bytes: &'a [u8],
    sector_shift: u32,
    mini_shift: u32,
    fat: Vec<u32>,
    entries: Vec<DirEntry>,
    first_mini_fat: u32,
}

/// One directory entry: a stream or storage name, where it starts and how long it is.
#[derive(Debug, Clone)]
pub(crate) struct DirEntry {
    pub name: String,
    kind: u8,
    start: u32,
    size: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl<'a> Cfb<'a> {
    /// Reads the header, the sector allocation table and the directory.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Cfb<'a>, String> {
        let bad = |what: &str| format!("the compound file is damaged ({what})");
        if bytes.get(..8) != Some(super::detect::CFB_MAGIC.as_slice()) || bytes.len() < 512 {
            return Err(bad("header"));
        }
        let sector_shift = u32::from(u16_at(bytes, 0x1E).ok_or_else(|| bad("header"))?);
        let mini_shift = u32::from(u16_at(bytes, 0x20).ok_or_else(|| bad("header"))?);
        // Version 3 files use 512-byte sectors, version 4 4096-byte ones; mini sectors are
        // 64 bytes in both.
        if !(sector_shift == 9 || sector_shift == 12) || mini_shift != 6 {
            return Err(bad("sector size"));
        }
        let field = |at| u32_at(bytes, at).ok_or_else(|| bad("header"));
        let first_dir = field(0x30)?;
        let first_mini_fat = field(0x3C)?;
        let mini_fat_sectors = field(0x40)?;
        let first_difat = field(0x44)?;
        let mut cfb = Cfb {
            bytes,
            sector_shift,
            mini_shift,
            fat: Vec::new(),
            entries: Vec::new(),
            first_mini_fat,
        };
        // The sectors that hold the FAT: 109 in the header, the rest in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..HEADER_DIFAT)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|s| *s < MAX_REGULAR)
            .collect();
        let per_sector = (1usize << sector_shift) / 4;
        let mut next = first_difat;
        let mut hops = 0;
        while next < MAX_REGULAR {
            let sector = cfb.sector(next).ok_or_else(|| bad("DIFAT"))?;
            hops += 1;
            if hops > cfb.sector_count() {
                return Err(bad("DIFAT loop"));
            }
            fat_sectors.extend(
                (0..per_sector - 1)
                    .filter_map(|i| u32_at(sector, 4 * i))
                    .filter(|s| *s < MAX_REGULAR),
            );
            next = u32_at(sector, 4 * (per_sector - 1)).ok_or_else(|| bad("DIFAT"))?;
        }
        if fat_sectors.len() > cfb.sector_count() {
            return Err(bad("FAT larger than the file"));
        }
        for s in fat_sectors {
            let sector = cfb.sector(s).ok_or_else(|| bad("FAT"))?;
            cfb.fat
                .extend(sector.chunks_exact(4).filter_map(|c| u32_at(c, 0)));
        }
        let dir = cfb.chain_bytes(first_dir, None)?;
        for raw in dir.chunks_exact(128) {
            let name_len = usize::from(u16_at(raw, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = raw
                .get(..name_len.saturating_sub(2))
                .unwrap_or_default()
                .chunks_exact(2)
                .filter_map(|c| u16_at(c, 0))
                .collect();
            cfb.entries.push(DirEntry {
                name: String::from_utf16_lossy(&units),
                kind: raw.get(0x42).copied().unwrap_or(0),
                start: u32_at(raw, 0x74).unwrap_or(END_OF_CHAIN),
                // Version 3 files may leave garbage in the high half.
                size: u64_at(raw, 0x78).map_or(0, |s| {
                    if sector_shift == 9 {
                        s & 0xFFFF_FFFF
                    } else {
                        s
                    }
                }),
            });
        }
        // What calamine reads next, with no bound of its own: the mini stream (the first
        // entry's chain) and the mini FAT, followed until they end. A chain that loops or
        // leaves the file is refused here (calamine would index past its buffer, or grow a
        // looping chain up to the size the header declares).
        if mini_fat_sectors > 0 {
            let root = cfb.entries.first().map_or(END_OF_CHAIN, |e| e.start);
            cfb.chain_bytes(root, None)?;
            cfb.chain_bytes(cfb.first_mini_fat, None)?;
        }
        // calamine converts each entry's size to `usize` without a check (a panic on a
        // 32-bit target such as WebAssembly).
        if cfb.entries.iter().any(|e| usize::try_from(e.size).is_err()) {
            return Err(bad("a stream size beyond this platform's memory"));
        }
        Ok(cfb)
    }

    /// The directory's entries (streams, storages, the root).
    pub(crate) fn entries(&self) -> &[DirEntry] {
        &self.entries
    }

    fn sector_count(&self) -> usize {
        let size = 1usize << self.sector_shift;
        self.bytes.len().div_ceil(size).saturating_sub(1)
    }

    /// Sector `id`; the file's last sector may be cut short (calamine reads what is there).
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.sector_shift;
        let at = (id as usize).checked_add(1)?.checked_mul(size)?;
        if at >= self.bytes.len() {
            return None;
        }
        self.bytes
            .get(at..at.checked_add(size)?.min(self.bytes.len()))
    }

    /// The bytes of the chain starting at `start` in `fat` (the FAT when `None`), cut to
    /// `len` when given.
    fn chain_bytes(&self, start: u32, len: Option<u64>) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut next = start;
        let mut hops = 0usize;
        while next != END_OF_CHAIN {
            if len.is_some_and(|l| out.len() as u64 >= l) {
                break;
            }
            let sector = self
                .sector(next)
                .ok_or("the compound file is damaged (a chain leaves the file)")?;
            hops += 1;
            if hops > self.sector_count() {
                return Err("the compound file is damaged (a chain loops)".into());
            }
            out.extend_from_slice(sector);
            next = *self
                .fat
                .get(next as usize)
                .ok_or("the compound file is damaged (a chain leaves the FAT)")?;
        }
        // A chain that ends before its stream's size gives what it holds, as in calamine.
        if let Some(l) = len {
            out.truncate(usize::try_from(l).unwrap_or(usize::MAX));
        }
        Ok(out)
    }

    /// The content of the stream named `name` (compared without case), if there is one.
    pub(crate) fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(entry) = self
            .entries
            .iter()
            // As calamine finds it: the first entry of that name, whatever its kind.
            .find(|e| e.name.eq_ignore_ascii_case(name))
        else {
            return Ok(None);
        };
        // No stream is longer than the file holding it.
        if entry.size > self.bytes.len() as u64 {
            return Err("the compound file is damaged (a stream is larger than the file)".into());
        }
        // calamine takes a stream from the mini stream below 4,096 bytes (the standard
        // cutoff), whatever the header says.
        if entry.size >= MINI_CUTOFF {
            return self.chain_bytes(entry.start, Some(entry.size)).map(Some);
        }
        // A small stream lives in the mini stream (the root entry's chain), in 64-byte
        // sectors chained by the mini FAT.
        let root = self
            .entries
            .iter()
            .find(|e| e.kind == 5)
            .ok_or("the compound file is damaged (no root entry)")?;
        let mini_stream = self.chain_bytes(root.start, None)?;
        let mini_fat: Vec<u32> = self
            .chain_bytes(self.first_mini_fat, None)?
            .chunks_exact(4)
            .filter_map(|c| u32_at(c, 0))
            .collect();
        let size = 1usize << self.mini_shift;
        let mut out = Vec::new();
        let mut next = entry.start;
        let mut hops = 0usize;
        while (out.len() as u64) < entry.size && next != END_OF_CHAIN {
            let at = (next as usize).saturating_mul(size);
            let sector = mini_stream
                .get(at..at.saturating_add(size))
                .ok_or("the compound file is damaged (a mini chain leaves the mini stream)")?;
            hops += 1;
            if hops > mini_fat.len() {
                return Err("the compound file is damaged (a mini chain loops)".into());
            }
            out.extend_from_slice(sector);
            next = *mini_fat
                .get(next as usize)
                .ok_or("the compound file is damaged (a mini chain leaves the mini FAT)")?;
        }
        if (out.len() as u64) < entry.size {
            return Err("the compound file is damaged (a stream is cut short)".into());
        }
        out.truncate(entry.size as usize);
        Ok(Some(out))
    }
}
