//! Dropping a run's values without deep recursion.
//!
//! A program can build very deep values within its budgets: a chain of 100,000 closures, each
//! calling the one before. Rust drops such a value recursively, one stack frame per level, which
//! overflows the stack (fatal in the browser's worker and in the CLI alike). At the end of a run
//! the values are therefore taken apart level by level with an explicit work list.

use rhai::{Dynamic, FnPtr, Map};

/// Drops `values` and everything they hold, using a heap-allocated work list instead of the stack.
pub(crate) fn dismantle(values: impl IntoIterator<Item = Dynamic>) {
    let mut pending: Vec<Dynamic> = values.into_iter().collect();
    while let Some(mut value) = pending.pop() {
        if value.is_shared() {
            if let Some(mut inner) = value.write_lock::<Dynamic>() {
                pending.push(std::mem::take(&mut *inner));
            }
        } else if value.is_array() {
            pending.extend(value.into_array().unwrap_or_default());
        } else if value.is_map() {
            pending.extend(value.cast::<Map>().into_values());
        } else if let Some(mut function) = value.try_cast::<FnPtr>() {
            pending.extend(function.curry().to_vec());
            function.set_curry([]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dismantle;
    use rhai::{Array, Dynamic};

    #[test]
    fn a_million_levels_of_nesting_drop_without_overflowing_the_stack() {
        let mut value = Dynamic::from_array(Array::new());
        for _ in 0..1_000_000 {
            value = Dynamic::from_array(vec![value]);
        }
        dismantle([value]);
    }
}
