//! Two independent pieces of work side by side: `a` on another thread, `b` in the calling
//! thread (the shape of `rayon::join`, without the dependency). Used where a large call has
//! two halves that share nothing mutable (`Catalog::merge_plans`). The results are the
//! same as one after the other, which is what runs in WebAssembly, for small inputs, and when
//! the system refuses a thread.

/// `(a(), b())`, side by side when `worth_a_thread` (the caller knows when the work is large
/// enough to pay for starting a thread).
pub(crate) fn join<A, B>(
    worth_a_thread: bool,
    a: impl FnOnce() -> A + Send + Copy,
    b: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    if worth_a_thread {
        return std::thread::scope(|scope| {
            match std::thread::Builder::new().spawn_scoped(scope, a) {
                Ok(handle) => {
                    let rb = b();
                    // `a` cannot panic (no code of the crate does); should its thread fail
                    // anyway, its work is done again here.
                    (handle.join().unwrap_or_else(|_| a()), rb)
                }
                Err(_) => (a(), b()),
            }
        });
    }
    #[cfg(target_arch = "wasm32")]
    let _ = worth_a_thread;
    (a(), b())
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn both_results_come_back_in_place_with_or_without_a_thread() {
        let xs: Vec<u64> = (1..=1000).collect();
        for threaded in [false, true] {
            let (a, b) = join(threaded, || xs.iter().sum::<u64>(), || xs.len() * 2);
            assert_eq!((a, b), (500_500, 2000));
            let (main, other) = join(
                threaded,
                || std::thread::current().id(),
                || std::thread::current().id(),
            );
            assert_eq!(main != other, threaded);
        }
    }
}
