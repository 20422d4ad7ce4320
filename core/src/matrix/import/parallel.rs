//! The CSV import on several threads, with the serial import's result, byte for byte.
//!
//! The stream is cut into blocks at line breaks. The first block is read here, by the
//! serial loop (it holds the title rows and the header). The others are read on worker
//! threads, each into an importer of its own with rows numbered from the block's start, and
//! merged back in file order (`merge`): interned ids are mapped, row numbers shifted, and
//! the findings made once per import (an unknown institution, the encoding fallback) kept
//! at their first occurrence only. What needs every row (percentages, duplicate ids) is
//! decided afterwards by `finish`, as for a serial import.
//!
//! A block's line break may fall inside a quoted cell. Each block is read followed by a
//! sentinel cell (`csv::SENTINEL`): it comes out as a record of its own exactly when the
//! block ended between records. When it does not, the block and the next are read again
//! together (the next block's reading, which started inside a cell, is discarded).

use super::Importer;
use super::csv::{BlockEnd, LoopState, SENTINEL, read_serial};
use super::limits::Limits;
use crate::matrix::store::Store;
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::sync::Mutex;
use std::sync::mpsc;

/// Sizes of the first block (read before the workers start: the header and a few rows) and
/// of the blocks handed to the workers: large enough that a block's fixed costs (a fresh
/// importer, its caches, the merge) are small, small enough to keep every core busy and the
/// bytes in flight few.
pub(crate) const BLOCKS: (usize, usize) = (256 << 10, 4 << 20);

/// Reads the rest of a CSV stream (after the BOM) into `imp` on `threads` threads, in blocks
/// of the sizes given (`(first, others)`; tiny in tests, so that blocks end everywhere).
pub(super) fn read(
    stream: impl Read,
    imp: &mut Importer,
    delim: u8,
    limits: &Limits,
    threads: usize,
    (first_size, block_size): (usize, usize),
) -> Result<()> {
    let mut blocks = Blocks::new(stream);
    let fresh = imp.clone();
    let mut state = LoopState::new(delim, true);
    let Some(first) = blocks.next(first_size)? else {
        return state.finish(imp);
    };
    if first.last {
        state.records(Cursor::new(&first.bytes), imp, limits, None)?;
        return state.finish(imp);
    }
    let end = state.records(
        Cursor::new(&first.bytes).chain(SENTINEL),
        imp,
        limits,
        Some(first.bytes.len() as u64),
    )?;
    if end == BlockEnd::Open || !state.header_found() {
        // A quoted cell across the first block's end, or no header yet: read it all serially.
        *imp = fresh;
        return read_serial(
            Cursor::new(first.bytes).chain(blocks.rest()),
            imp,
            delim,
            limits,
        );
    }
    let rows_before = rows_of(&first.bytes, state.embedded);
    let template = imp.shard();
    let spare = Spare::default();
    let mut merger = Merger {
        template: &template,
        spare: &spare,
        delim,
        limits,
        rows_before,
        latin1: false,
        open: None,
    };
    let workers = threads.max(1);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(workers);
    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let mut started = 0;
        for _ in 0..workers {
            let (job_rx, done_tx, template, spare) = (&job_rx, done_tx.clone(), &template, &spare);
            #[cfg(test)]
            if tests::REFUSE_THREADS.with(std::cell::Cell::get) {
                continue;
            }
            // A thread the system refuses to start is one worker fewer, not a panic.
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let shard = read_block(template, &job.block, delim, limits, spare);
                    if done_tx.send(Done { job, shard }).is_err() {
                        return;
                    }
                }
            });
            started += usize::from(spawned.is_ok());
        }
        drop(done_tx);
        let result = if started == 0 {
            merge_inline(&mut blocks, block_size, &template, &spare, &mut merger, imp)
        } else {
            feed_and_merge(
                &mut blocks,
                block_size,
                started,
                &job_tx,
                &done_rx,
                &mut merger,
                imp,
            )
        };
        drop(job_tx);
        result
    })?;
    if merger.latin1 {
        state.saw_latin1();
    }
    state.finish(imp)
}

/// Sends blocks to the workers (at most two per worker in flight) and merges their results
/// in file order. A read error comes after the blocks before it are merged, so that an
/// error in an earlier row wins, as in a serial import.
fn feed_and_merge(
    blocks: &mut Blocks<impl Read>,
    block_size: usize,
    workers: usize,
    jobs: &mpsc::SyncSender<Job>,
    done: &mpsc::Receiver<Done>,
    merger: &mut Merger<'_>,
    imp: &mut Importer,
) -> Result<()> {
    let mut sent = 0u64;
    let mut merged = 0u64;
    let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
    let mut read_error = None;
    let mut reading = true;
    loop {
        while reading && sent - merged < 2 * workers as u64 {
            match blocks.next(block_size) {
                Ok(Some(block)) => {
                    reading = !block.last;
                    let job = Job { seq: sent, block };
                    if jobs.send(job).is_err() {
                        return Err(worker_stopped());
                    }
                    sent += 1;
                }
                Ok(None) => reading = false,
                Err(e) => {
                    read_error = Some(e);
                    reading = false;
                }
            }
        }
        if merged == sent {
            break;
        }
        let d = done.recv().map_err(|_| worker_stopped())?;
        waiting.insert(d.job.seq, d);
        while let Some(d) = waiting.remove(&merged) {
            merged += 1;
            if let Some(spent) = merger.merge(d, imp)? {
                blocks.recycle(spent);
            }
        }
    }
    if let Some(e) = read_error {
        return Err(e);
    }
    merger.end(imp)
}

/// The blocks read one after the other in the calling thread, when no worker thread could
/// be started: the same blocks and merges, so the same result.
fn merge_inline(
    blocks: &mut Blocks<impl Read>,
    block_size: usize,
    template: &Importer,
    spare: &Spare,
    merger: &mut Merger<'_>,
    imp: &mut Importer,
) -> Result<()> {
    let mut seq = 0;
    while let Some(block) = blocks.next(block_size)? {
        let last = block.last;
        let shard = read_block(template, &block, merger.delim, merger.limits, spare);
        if let Some(spent) = merger.merge(
            Done {
                job: Job { seq, block },
                shard,
            },
            imp,
        )? {
            blocks.recycle(spent);
        }
        seq += 1;
        if last {
            break;
        }
    }
    merger.end(imp)
}

fn worker_stopped() -> Error {
    Error::Io {
        message: "a CSV import thread stopped".into(),
    }
}

/// A block of the stream: whole lines, except perhaps at the end of the stream.
struct Block {
    bytes: Vec<u8>,
    /// The stream ends with this block.
    last: bool,
}

struct Job {
    seq: u64,
    block: Block,
}

struct Done {
    job: Job,
    shard: Shard,
}

/// A block, read by itself.
struct Shard {
    imp: Importer,
    end: Result<BlockEnd>,
    latin1: bool,
    /// Spreadsheet rows the block spans (its line breaks not inside cells).
    rows: u64,
}

/// Reads one block into a fresh importer made from `template` (rows numbered from 0 at
/// the block's start).
fn read_block(
    template: &Importer,
    block: &Block,
    delim: u8,
    limits: &Limits,
    spare: &Spare,
) -> Shard {
    let mut imp = template.clone();
    if let Some(columns) = spare.take() {
        imp.store = std::mem::take(&mut imp.store).with_columns_of(columns);
    }
    let mut state = LoopState::new(delim, false);
    let bytes = block.bytes.as_slice();
    let end = if block.last {
        state.records(bytes, &mut imp, limits, None)
    } else {
        state.records(
            bytes.chain(SENTINEL),
            &mut imp,
            limits,
            Some(bytes.len() as u64),
        )
    };
    Shard {
        imp,
        end,
        latin1: state.latin1(),
        rows: rows_of(bytes, state.embedded),
    }
}

/// Rows spanned by `bytes`: its line breaks less those inside cells.
fn rows_of(bytes: &[u8], embedded: u64) -> u64 {
    super::csv::line_breaks(bytes).saturating_sub(embedded)
}

/// Merges the blocks in file order.
struct Merger<'t> {
    template: &'t Importer,
    spare: &'t Spare,
    delim: u8,
    limits: &'t Limits,
    /// Spreadsheet rows before the next block.
    rows_before: u64,
    latin1: bool,
    /// A block that ended inside a quoted cell, to be read again with the next.
    open: Option<Vec<u8>>,
}

impl Merger<'_> {
    /// Merges the next block; returns its bytes once they are no longer needed.
    fn merge(&mut self, done: Done, imp: &mut Importer) -> Result<Option<Vec<u8>>> {
        let Done { job, shard } = done;
        let (bytes, shard) = match self.open.take() {
            Some(mut joined) => {
                // The worker started inside a quoted cell: read both blocks together.
                joined.extend_from_slice(&job.block.bytes);
                let block = Block {
                    bytes: joined,
                    last: job.block.last,
                };
                let shard = read_block(self.template, &block, self.delim, self.limits, self.spare);
                (block.bytes, shard)
            }
            None => (job.block.bytes, shard),
        };
        if let Ok(BlockEnd::Open) = shard.end {
            self.open = Some(bytes);
            return Ok(None);
        }
        self.absorb(shard, imp)?;
        Ok(Some(bytes))
    }

    fn absorb(&mut self, shard: Shard, imp: &mut Importer) -> Result<()> {
        // Too many rows before this block's error is the row limit's error, as serially.
        imp.check_rows(shard.imp.rows_read())?;
        shard.end?;
        let spent = imp.absorb(shard.imp, self.rows_before)?;
        self.spare.put(spent);
        self.rows_before += shard.rows;
        self.latin1 |= shard.latin1;
        Ok(())
    }

    /// The stream ended inside a quoted cell after a line break: the last open block is
    /// read to the end.
    fn end(&mut self, imp: &mut Importer) -> Result<()> {
        let Some(bytes) = self.open.take() else {
            return Ok(());
        };
        let block = Block { bytes, last: true };
        let shard = read_block(self.template, &block, self.delim, self.limits, self.spare);
        self.absorb(shard, imp)
    }
}

/// The emptied stores of merged blocks: their allocations, reused by the next blocks, spare
/// the allocator and the kernel a fresh set of columns (and their page faults) per block.
#[derive(Default)]
struct Spare(Mutex<Vec<Store>>);

impl Spare {
    fn take(&self) -> Option<Store> {
        self.0.lock().ok().and_then(|mut v| v.pop())
    }

    fn put(&self, store: Store) {
        if let Ok(mut v) = self.0.lock() {
            v.push(store);
        }
    }
}

/// The stream, cut at line breaks.
struct Blocks<R> {
    src: R,
    /// Bytes read past the last block's final line break.
    carry: Vec<u8>,
    eof: bool,
    /// Buffers of merged blocks, reused for the next ones.
    spent: Vec<Vec<u8>>,
}

impl<R: Read> Blocks<R> {
    fn new(src: R) -> Self {
        Blocks {
            src,
            carry: Vec::new(),
            eof: false,
            spent: Vec::new(),
        }
    }

    /// The next block of about `size` bytes, up to and including a line break (the rest of
    /// the stream when it has none); `None` at the end.
    fn next(&mut self, size: usize) -> Result<Option<Block>> {
        let mut buf = self.spent.pop().unwrap_or_default();
        buf.clear();
        buf.append(&mut self.carry);
        let missing = size.saturating_sub(buf.len());
        if missing > 0 {
            self.fill(&mut buf, missing)?;
        }
        loop {
            if self.eof {
                return Ok((!buf.is_empty()).then_some(Block {
                    bytes: buf,
                    last: true,
                }));
            }
            if let Some(p) = buf.iter().rposition(|b| *b == b'\n') {
                self.carry
                    .extend_from_slice(buf.get(p + 1..).unwrap_or(&[]));
                buf.truncate(p + 1);
                return Ok(Some(Block {
                    bytes: buf,
                    last: false,
                }));
            }
            self.fill(&mut buf, 64 << 10)?;
        }
    }

    /// Appends up to `want` bytes; notes the end of the stream.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> Result<()> {
        let n = (&mut self.src).take(want as u64).read_to_end(buf)?;
        if n < want {
            self.eof = true;
        }
        Ok(())
    }

    /// Takes back the buffer of a block that was merged.
    fn recycle(&mut self, buf: Vec<u8>) {
        self.spent.push(buf);
    }

    /// What is left of the stream, from the first byte not yet in a block.
    fn rest(self) -> impl Read {
        Cursor::new(self.carry).chain(self.src)
    }
}

#[cfg(test)]
mod tests;
