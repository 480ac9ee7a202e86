//! The sandbox's budgets for one run.
//!
//! Every budget is counted, never timed: operations, call depth, nesting, sizes, output and
//! virtual time. The same program with the same limits therefore stops at the same place on a fast
//! PC, an old school PC, in the browser and in the judge's CLI.

use serde::{Deserialize, Serialize};

/// Budgets for one run. `Limits::default()` suits a student's program in a lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Rhai operations for the whole run, event handlers included.
    pub max_operations: u64,
    /// Nested function calls (recursion depth).
    pub max_call_depth: usize,
    /// Nesting of expressions and blocks at the top level of the program.
    pub max_expression_depth: usize,
    /// Nesting of expressions and blocks inside functions.
    pub max_function_expression_depth: usize,
    /// Bytes of text in one string (UTF-8: a Chinese character takes 3).
    pub max_string_length: usize,
    /// Elements in one array (its own elements; nested arrays count towards `max_data`).
    pub max_array_length: usize,
    /// Properties in one object map.
    pub max_map_size: usize,
    /// Data the program holds at once (its variables with everything in them, and its event
    /// handlers), in units of about 16 bytes: a value counts 1, a list or an object 2 more, each
    /// property 2 more, a string 3 more and 1 per 16 bytes of text (copies of a string share it).
    /// See `crate::data` for how it is measured.
    pub max_data: u64,
    /// Bytes of console output.
    pub max_output_bytes: usize,
    /// Trace events (turtle moves, LED frames, charts, output writes).
    pub max_trace_events: usize,
    /// Virtual milliseconds the run may last (`sleep`, scrolling text, timers).
    pub max_virtual_time_ms: u64,
    /// Bytes of source code.
    pub max_source_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 10_000_000,
            max_call_depth: 128,
            max_expression_depth: 64,
            max_function_expression_depth: 48,
            max_string_length: 1_000_000,
            max_array_length: 1_000_000,
            max_map_size: 1_000_000,
            max_data: 4_000_000,
            max_output_bytes: 1_000_000,
            max_trace_events: 100_000,
            max_virtual_time_ms: 60_000,
            max_source_bytes: 200_000,
        }
    }
}
