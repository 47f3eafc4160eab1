//! Many documents at once, on all cores. Plain scoped threads rather than a rayon pool:
//! unpdf parallelises inside with rayon and blocks on its own pool, so calling it from a
//! rayon worker deadlocks on small machines.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::{extract_path, Extraction};
use crate::reference::Reference;
use crate::text::TextCache;

/// `f` over `items` on up to `available_parallelism` threads, results in input order.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

/// Extracts every path (errors stay per document), sorted by source.
pub fn extract_many(
    paths: &[PathBuf],
    reference: &Reference,
    cache: Option<&TextCache>,
) -> Vec<Extraction> {
    let mut out = par_map(paths, |p| extract_path(p, reference, cache));
    out.sort_by(|a, b| a.source.cmp(&b.source));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order() {
        let v: Vec<u32> = (0..50).collect();
        assert_eq!(
            par_map(&v, |x| x * 2),
            (0..50).map(|x| x * 2).collect::<Vec<_>>()
        );
        assert!(par_map(&Vec::<u32>::new(), |x| *x).is_empty());
    }
}
