//! "Prepare in parallel, consume in order": the one loop behind `build`/`ingest` (sink: the
//! store), `ingest --server` (sink: a SPARQL endpoint) and `extract` (sink: standard output).
//!
//! Items are prepared a chunk at a time on every core (rayon), by a producer thread that stays
//! one chunk ahead of the consumer, so neither the cores nor the sink wait for the other, and
//! memory holds at most three chunks whatever the input's size.

use rayon::prelude::*;

/// Prepares one chunk on every core, keeping the input order.
pub fn prepare_chunk<I: Sync, T: Send>(items: &[I], prepare: &(impl Fn(&I) -> T + Sync)) -> Vec<T> {
    items.par_iter().map(prepare).collect()
}

/// Runs `prepare` over `items`, `chunk` at a time, and hands each chunk's results, in input
/// order, to `sink`. An error from the sink stops the producer and is returned.
pub fn in_order<I, T, E>(
    items: &[I],
    chunk: usize,
    prepare: impl Fn(&I) -> T + Sync,
    sink: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    T: Send,
{
    in_order_iter(items.iter(), chunk, |i: &I| prepare(i), sink)
}

/// [`in_order`] over items read as they come (the pages of a web archive): the producer
/// pulls `chunk` items at a time, so memory holds a few chunks whatever the input's size.
pub fn in_order_iter<I, T, E>(
    items: impl Iterator<Item = I> + Send,
    chunk: usize,
    prepare: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    T: Send,
{
    let prepare = &prepare;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
        scope.spawn(move || {
            let mut items = items;
            loop {
                let part: Vec<I> = items.by_ref().take(chunk.max(1)).collect();
                if part.is_empty() {
                    break;
                }
                // the consumer stopped (an error): nothing more to prepare
                if tx
                    .send(part.into_par_iter().map(prepare).collect())
                    .is_err()
                {
                    break;
                }
            }
        });
        for prepared in rx {
            sink(prepared)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_chunk_by_chunk() {
        let items: Vec<u32> = (0..1000).collect();
        let mut seen = Vec::new();
        let mut chunks = 0;
        in_order(
            &items,
            64,
            |x| x * 2,
            |c: Vec<u32>| -> Result<(), ()> {
                assert!(c.len() <= 64);
                chunks += 1;
                seen.extend(c);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert_eq!(chunks, 16);
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let items: Vec<u32> = (0..1000).collect();
        let mut calls = 0;
        let r = in_order(
            &items,
            10,
            |x| *x,
            |_| {
                calls += 1;
                if calls == 3 {
                    Err("disk full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("disk full"));
        assert_eq!(calls, 3);
    }
}
