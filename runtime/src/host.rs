//! The state of one run that lives outside the Rhai engine: the virtual clock, the trace being
//! recorded, the input still to read, the seeded random generator and the simulated devices.
//!
//! Every API function reaches it through one `Rc<RefCell<Host>>`; nothing here is global, so runs
//! never influence each other (the grader runs many in a row).

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::api::{Board, EventHandlers, SeededRandom, Turtle};
use crate::diagnostic::{Code, Diagnostic};
use crate::trace::{Event, TraceEvent};
use crate::{Limits, RunInput, Scenario};

/// Units of native work that cost as much as one Rhai operation: a Rhai operation takes about as
/// long as 64 multiply-adds in native code (fib(25): 2.67 M operations in 139 ms natively).
pub(crate) const WORK_PER_OPERATION: u64 = 64;

/// The run's operation counts, shared by the host and the engine's progress callback.
///
/// Rhai calls the progress callback on every operation, so its common path must be a sum and a
/// comparison: everything that can stop a run at a given operation (the budget, the host's
/// interrupt, a pending stop) lowers [`Operations::next_check`] to that operation, and only there
/// does the callback look further. Cells, not the host's `RefCell`, so that native functions that
/// hold the host can still charge work.
#[derive(Default)]
pub(crate) struct Operations {
    /// Rhai operations counted before the current call into the engine (each event handler call
    /// starts Rhai's own counter at zero again).
    pub before_this_call: Cell<u64>,
    /// Rhai operations so far, across the program and its event handlers.
    pub rhai: Cell<u64>,
    /// Operations charged for native work (model inference, training, vector arithmetic): Rhai
    /// counts one operation per call of a native function however much work it does, so the
    /// functions that do a lot charge it here ([`Host::charge`]) and the budget covers both.
    pub native: Cell<u64>,
    /// The Rhai count at which the progress callback must look beyond counting: the next
    /// interrupt check, the first count over the budget, or at once when a stop is pending.
    pub next_check: Cell<u64>,
    /// Set when the host's interrupt stopped the run.
    pub interrupted: Cell<bool>,
}

impl Operations {
    /// Rhai's operations and the native work charged, together.
    pub fn used(&self) -> u64 {
        self.rhai.get().saturating_add(self.native.get())
    }

    /// Makes the progress callback look at the next operation (a stop is pending).
    pub fn check_now(&self) {
        self.next_check.set(0);
    }

    /// Charges `operations` of native work, and makes the progress callback stop the run at the
    /// first Rhai operation over `max_operations` with it.
    pub fn add_native(&self, operations: u64, max_operations: u64) {
        self.native.set(self.native.get().saturating_add(operations));
        let over_budget = max_operations.saturating_sub(self.native.get()).saturating_add(1);
        self.next_check.set(self.next_check.get().min(over_budget));
    }
}

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
    /// The run's operation counts (the engine's progress callback keeps them current).
    pub operations: Rc<Operations>,
    /// The virtual time the maker board was last used (an LED set, a button or sensor read), and
    /// how many times it was used at that moment: a program that touches the board again and
    /// again while no time passes is a maker loop without `sleep`.
    pub board_use: Option<(u64, u64)>,
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
            operations: Rc::new(Operations::default()),
            board_use: None,
            #[cfg(feature = "ai-script")]
            lab_model: input.lab_model.clone().map(std::rc::Rc::new),
        }
    }

    /// Charges `work` (multiply-adds, or values read or copied) done natively to the operation
    /// budget, before it is done: one operation per [`WORK_PER_OPERATION`] units and one for the
    /// call. Gives the budget's diagnostic when the run may not do it, so that how far a program
    /// gets never depends on the speed of the machine.
    pub fn charge(&mut self, work: u64) -> Result<(), Diagnostic> {
        let limit = self.limits.max_operations;
        self.operations.add_native(1 + work / WORK_PER_OPERATION, limit);
        match self.operations.used() > limit {
            true => Err(Diagnostic::new(Code::TooManyOperations).with("limit", limit)),
            false => Ok(()),
        }
    }

    /// Notes a use of the maker board at the current virtual time.
    pub fn use_board(&mut self) {
        self.board_use = match self.board_use {
            Some((time_ms, uses)) if time_ms == self.clock_ms => Some((time_ms, uses.saturating_add(1))),
            _ => Some((self.clock_ms, 1)),
        };
    }

    /// Whether the board was used more than once at the current virtual time: the program is
    /// driving the board with no time passing, as a maker loop without `sleep` does.
    pub fn board_used_without_time_passing(&self) -> bool {
        self.board_use.is_some_and(|(time_ms, uses)| time_ms == self.clock_ms && uses > 1)
    }

    /// Records an event at the current virtual time, unless the trace budget is used up.
    pub fn record(&mut self, event: Event) {
        if self.pending_stop.is_some() {
            return;
        }
        if self.trace.len() >= self.limits.max_trace_events {
            self.pending_stop = Some(
                Diagnostic::new(Code::OutputTooLarge)
                    .with("what", "events")
                    .with("limit", self.limits.max_trace_events),
            );
            self.operations.check_now();
            return;
        }
        self.trace.push(TraceEvent { time_ms: self.clock_ms, event });
    }

    /// Writes text to the console, unless the output budget is used up.
    pub fn write(&mut self, text: &str) {
        if self.output_bytes + text.len() > self.limits.max_output_bytes {
            if self.pending_stop.is_none() {
                self.pending_stop = Some(
                    Diagnostic::new(Code::OutputTooLarge)
                        .with("what", "bytes")
                        .with("limit", self.limits.max_output_bytes),
                );
                self.operations.check_now();
            }
            return;
        }
        self.output_bytes += text.len();
        self.record(Event::Output { text: text.to_string() });
    }
}
