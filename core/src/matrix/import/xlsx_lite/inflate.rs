//! Raw DEFLATE decompression (RFC 1951), written for size: canonical Huffman codes decoded a
//! bit at a time (as zlib's `puff`), no lookup tables. The output never grows past `cap`
//! bytes (the part's declared size, itself held to the import's limits before anything is
//! decompressed).

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    bits: u32,
    count: u32,
}

impl Bits<'_> {
    /// The next `n` bits (n <= 16), least significant first.
    fn get(&mut self, n: u32) -> Option<u32> {
        while self.count < n {
            let b = *self.data.get(self.pos)?;
            self.pos += 1;
            self.bits |= u32::from(b) << self.count;
            self.count += 8;
        }
        let v = self.bits & ((1u32 << n) - 1);
        self.bits >>= n;
        self.count -= n;
        Some(v)
    }
}

/// A canonical Huffman code: how many codes of each length, the symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Option<Huffman> {
        let mut counts = [0u16; 16];
        for &l in lengths {
            *counts.get_mut(usize::from(l))? += 1;
        }
        // Over-subscribed codes are refused (incomplete ones are allowed, as in `puff`).
        let mut left: i32 = 1;
        for &c in counts.iter().skip(1) {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return None;
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            let next = offsets.get(len)?.checked_add(*counts.get(len)?)?;
            *offsets.get_mut(len + 1)? = next;
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let o = offsets.get_mut(usize::from(l))?;
                *symbols.get_mut(usize::from(*o))? = sym as u16;
                *o += 1;
            }
        }
        Some(Huffman { counts, symbols })
    }

    fn decode(&self, bits: &mut Bits<'_>) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in self.counts.iter().skip(1) {
            code |= bits.get(1)? as i32;
            let count = i32::from(count);
            if code - count < first {
                return self.symbols.get((index + code - first) as usize).copied();
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        None
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order in which code length code lengths are stored.
const ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Why decompression stopped early.
enum Stop {
    /// The stream is broken (or ends early).
    Broken,
    /// The output would pass `cap`.
    Full,
}

/// Inflates `data` into at most `cap` bytes. Returns the bytes and whether the stream was
/// complete and within `cap`; when it was not, the bytes are what could be decompressed
/// before the problem (the XML reader fails if it needs more).
pub(super) fn inflate(data: &[u8], cap: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(cap.min(1 << 24));
    let ok = run(data, cap, &mut out).is_ok();
    (out, ok)
}

fn run(data: &[u8], cap: usize, out: &mut Vec<u8>) -> Result<(), Stop> {
    let mut bits = Bits {
        data,
        pos: 0,
        bits: 0,
        count: 0,
    };
    let b = &mut bits;
    loop {
        let last = b.get(1).ok_or(Stop::Broken)?;
        match b.get(2).ok_or(Stop::Broken)? {
            0 => {
                // Stored: the rest of the current byte is dropped.
                b.bits = 0;
                b.count = 0;
                let head = data.get(b.pos..b.pos + 4).ok_or(Stop::Broken)?;
                let [l0, l1, n0, n1] = <[u8; 4]>::try_from(head).map_err(|_| Stop::Broken)?;
                let len = u16::from_le_bytes([l0, l1]);
                let nlen = u16::from_le_bytes([n0, n1]);
                if len != !nlen {
                    return Err(Stop::Broken);
                }
                b.pos += 4;
                let len = usize::from(len);
                let block = data.get(b.pos..b.pos + len).ok_or(Stop::Broken)?;
                if out.len() + len > cap {
                    return Err(Stop::Full);
                }
                out.extend_from_slice(block);
                b.pos += len;
            }
            1 => {
                let mut lengths = [0u8; 288 + 30];
                for (i, l) in lengths.iter_mut().enumerate() {
                    *l = match i {
                        0..=143 => 8,
                        144..=255 => 9,
                        256..=279 => 7,
                        280..=287 => 8,
                        _ => 5,
                    };
                }
                let (lit, dist) = lengths.split_at(288);
                codes(b, out, cap, &tables(lit, dist)?)?;
            }
            2 => {
                let nlen = b.get(5).ok_or(Stop::Broken)? as usize + 257;
                let ndist = b.get(5).ok_or(Stop::Broken)? as usize + 1;
                let ncode = b.get(4).ok_or(Stop::Broken)? as usize + 4;
                if nlen > 286 || ndist > 30 {
                    return Err(Stop::Broken);
                }
                let mut lengths = [0u8; 320];
                for &i in ORDER.iter().take(ncode) {
                    *lengths.get_mut(i).ok_or(Stop::Broken)? = b.get(3).ok_or(Stop::Broken)? as u8;
                }
                let lencode =
                    Huffman::new(lengths.get(..19).ok_or(Stop::Broken)?).ok_or(Stop::Broken)?;
                let mut index = 0;
                while index < nlen + ndist {
                    let sym = lencode.decode(b).ok_or(Stop::Broken)?;
                    let (value, repeat) = match sym {
                        0..=15 => (sym as u8, 1),
                        16 => {
                            let prev = index
                                .checked_sub(1)
                                .and_then(|i| lengths.get(i))
                                .copied()
                                .ok_or(Stop::Broken)?;
                            (prev, 3 + b.get(2).ok_or(Stop::Broken)?)
                        }
                        17 => (0, 3 + b.get(3).ok_or(Stop::Broken)?),
                        _ => (0, 11 + b.get(7).ok_or(Stop::Broken)?),
                    };
                    for _ in 0..repeat {
                        if index >= nlen + ndist {
                            return Err(Stop::Broken);
                        }
                        *lengths.get_mut(index).ok_or(Stop::Broken)? = value;
                        index += 1;
                    }
                }
                if lengths.get(256) == Some(&0) {
                    return Err(Stop::Broken);
                }
                let (lit, dist) = lengths.split_at(nlen);
                codes(
                    b,
                    out,
                    cap,
                    &tables(lit, dist.get(..ndist).ok_or(Stop::Broken)?)?,
                )?;
            }
            _ => return Err(Stop::Broken),
        }
        if last == 1 {
            return Ok(());
        }
    }
}

fn tables(lit: &[u8], dist: &[u8]) -> Result<(Huffman, Huffman), Stop> {
    Ok((
        Huffman::new(lit).ok_or(Stop::Broken)?,
        Huffman::new(dist).ok_or(Stop::Broken)?,
    ))
}

/// Decodes one compressed block's literals and back-references.
fn codes(
    b: &mut Bits<'_>,
    out: &mut Vec<u8>,
    cap: usize,
    (lit, dist): &(Huffman, Huffman),
) -> Result<(), Stop> {
    loop {
        let sym = lit.decode(b).ok_or(Stop::Broken)?;
        if sym < 256 {
            if out.len() >= cap {
                return Err(Stop::Full);
            }
            out.push(sym as u8);
            continue;
        }
        if sym == 256 {
            return Ok(());
        }
        let i = usize::from(sym - 257);
        let len = usize::from(*LEN_BASE.get(i).ok_or(Stop::Broken)?)
            + b.get(u32::from(*LEN_EXTRA.get(i).ok_or(Stop::Broken)?))
                .ok_or(Stop::Broken)? as usize;
        let d = usize::from(dist.decode(b).ok_or(Stop::Broken)?);
        let back = usize::from(*DIST_BASE.get(d).ok_or(Stop::Broken)?)
            + b.get(u32::from(*DIST_EXTRA.get(d).ok_or(Stop::Broken)?))
                .ok_or(Stop::Broken)? as usize;
        let from = out.len().checked_sub(back).ok_or(Stop::Broken)?;
        if out.len() + len > cap {
            return Err(Stop::Full);
        }
        for k in from..from + len {
            let byte = *out.get(k).ok_or(Stop::Broken)?;
            out.push(byte);
        }
    }
}
