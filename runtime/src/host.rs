//! The state of one run that lives outside the Rhai engine: the virtual clock, the trace being
//! recorded, the input still to read, the seeded random generator and the simulated devices.
//!
//! Every API function reaches it through one `Rc<RefCell<Host>>`; nothing here is global, so runs
//! never influence each other (the grader runs many in a row).

use std::collections::VecDeque;

use crate::api::{Board, EventHandlers, SeededRandom, Turtle};
use crate::diagnostic::{Code, Diagnostic};
use crate::trace::{Event, TraceEvent};
use crate::{Limits, RunInput, Scenario};

/// Units of native work that cost as much as one Rhai operation: a Rhai operation takes about as
/// long as 64 multiply-adds in native code (fib(25): 2.67 M operations in 139 ms natively).
pub(crate) const WORK_PER_OPERATION: u64 = 64;

/// Everything a run records and simulates besides the program's own variables.
pub(crate) struct Host {
    /// Virtual time in milliseconds since the start of the run.
    pub clock_ms: u64,
    /// When the run must end: the lower of the limit and the scenario's `stop at`.
    pub end_ms: u64,
    /// Events recorded so far.
    pub trace: Vec<TraceEvent>,
    /// Bytes of console output so far.
    pub output_bytes: usize,
    /// Input lines not read yet.
    pub input: VecDeque<String>,
    /// How many input lines the run was given.
    pub input_count: usize,
    /// The run's seeded random numbers.
    pub random: SeededRandom,
    /// The turtle.
    pub turtle: Turtle,
    /// The LED matrix.
    pub board: Board,
    /// Button presses and sensor values over time.
    pub scenario: Scenario,
    /// Handlers registered with `every` and `on_button`.
    pub handlers: EventHandlers,
    /// The run's budgets.
    pub limits: Limits,
    /// Set when output or trace budgets are exhausted; the next operation stops the run with it.
    pub pending_stop: Option<Diagnostic>,
    /// Rhai operations counted so far (the engine's progress callback keeps this current).
    pub operations: u64,
    /// Operations charged for native work (model inference, training, vector arithmetic): Rhai
    /// counts one operation per call of a native function however much work it does, so the
    /// functions that do a lot charge it here ([`Host::charge`]) and the budget covers both.
    pub native_operations: u64,
    /// The model lab's classifier for `my_model()`.
    #[cfg(feature = "ai-script")]
    pub lab_model: Option<std::rc::Rc<crate::ai::LabModel>>,
}

impl Host {
    /// A fresh host for a run with `input`.
    pub fn new(input: &RunInput) -> Self {
        let end_ms = input
            .scenario
            .stop_at_ms
            .map_or(input.limits.max_virtual_time_ms, |stop_at| stop_at.min(input.limits.max_virtual_time_ms));
        Host {
            clock_ms: 0,
            end_ms,
            trace: Vec::new(),
            output_bytes: 0,
            input: input.lines.iter().cloned().collect(),
            input_count: input.lines.len(),
            random: SeededRandom::new(input.seed),
            turtle: Turtle::default(),
            board: Board::default(),
            scenario: input.scenario.clone(),
            handlers: EventHandlers::new(&input.scenario),
            limits: input.limits.clone(),
            pending_stop: None,
            operations: 0,
            native_operations: 0,
            #[cfg(feature = "ai-script")]
            lab_model: input.lab_model.clone().map(std::rc::Rc::new),
        }
    }

    /// Charges `work` (multiply-adds, or values read or copied) done natively to the operation
    /// budget, before it is done: one operation per [`WORK_PER_OPERATION`] units and one for the
    /// call. Gives the budget's diagnostic when the run may not do it, so that how far a program
    /// gets never depends on the speed of the machine.
    pub fn charge(&mut self, work: u64) -> Result<(), Diagnostic> {
        self.native_operations = self.native_operations.saturating_add(1 + work / WORK_PER_OPERATION);
        let limit = self.limits.max_operations;
        match self.operations.saturating_add(self.native_operations) > limit {
            true => Err(Diagnostic::new(Code::TooManyOperations).with("limit", limit)),
            false => Ok(()),
        }
    }

    /// Records an event at the current virtual time, unless the trace budget is used up.
    pub fn record(&mut self, event: Event) {
        if self.pending_stop.is_some() {
            return;
        }
        if self.trace.len() >= self.limits.max_trace_events {
            self.pending_stop = Some(Diagnostic::new(Code::OutputTooLarge).with("limit", self.limits.max_trace_events));
            return;
        }
        self.trace.push(TraceEvent { time_ms: self.clock_ms, event });
    }

    /// Writes text to the console, unless the output budget is used up.
    pub fn write(&mut self, text: &str) {
        if self.output_bytes + text.len() > self.limits.max_output_bytes {
            if self.pending_stop.is_none() {
                self.pending_stop =
                    Some(Diagnostic::new(Code::OutputTooLarge).with("limit", self.limits.max_output_bytes));
            }
            return;
        }
        self.output_bytes += text.len();
        self.record(Event::Output { text: text.to_string() });
    }
}
