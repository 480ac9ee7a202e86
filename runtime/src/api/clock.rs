//! The virtual clock and events: `sleep`, `millis`, `every` and `on_button`.
//!
//! Time never passes for real. `sleep(ms)` moves the clock forward and, on the way, runs the
//! handlers whose moment has come (a timer from `every`, a button press from the scenario), like
//! the cooperative scheduling of a micro:bit. A handler that sleeps itself only moves the clock:
//! events due meanwhile run after it returns, in order, so handlers never nest.

use rhai::{Dynamic, Engine, FnPtr, NativeCallContext, INT};

use super::board::button_name;
use super::{mistake, number, stop_time_up, text_argument, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};
use crate::scenario::{ButtonPress, Scenario};

/// The longest single `sleep` or timer interval, so that arithmetic on the clock cannot overflow.
const MAX_DURATION_MS: INT = 1_000_000_000;

struct Timer {
    interval_ms: u64,
    next_due_ms: u64,
    handler: FnPtr,
}

/// Handlers registered by the program, and the scenario's presses still to deliver.
pub(crate) struct EventHandlers {
    timers: Vec<Timer>,
    buttons: Vec<(String, FnPtr)>,
    presses: Vec<ButtonPress>,
    next_press: usize,
    dispatching: bool,
}

impl EventHandlers {
    /// Handlers for a run with `scenario` (presses are delivered in time order).
    pub fn new(scenario: &Scenario) -> Self {
        let mut presses = scenario.presses.clone();
        presses.sort_by_key(|press| press.at_ms);
        EventHandlers { timers: Vec::new(), buttons: Vec::new(), presses, next_press: 0, dispatching: false }
    }

    /// Removes and returns the earliest event due at or before `until` that has a handler.
    /// Presses come before timers due at the same moment; a timer is rescheduled.
    fn take_next(&mut self, until: u64) -> Option<(u64, FnPtr)> {
        // A press that comes while its button has no handler is simply missed, as on a real board.
        while let Some(press) = self.presses.get(self.next_press) {
            if press.at_ms > until || self.buttons.iter().any(|(button, _)| *button == press.button) {
                break;
            }
            self.next_press += 1;
        }
        let press = self.presses.get(self.next_press).filter(|press| press.at_ms <= until);
        let timer =
            self.timers.iter_mut().filter(|timer| timer.next_due_ms <= until).min_by_key(|timer| timer.next_due_ms);
        match (press, timer) {
            (Some(press), timer) if timer.as_ref().is_none_or(|timer| press.at_ms <= timer.next_due_ms) => {
                let (at_ms, button) = (press.at_ms, press.button.clone());
                self.next_press += 1;
                let handler =
                    self.buttons.iter().find(|(name, _)| *name == button).map(|(_, handler)| handler.clone())?;
                Some((at_ms, handler))
            }
            (_, Some(timer)) => {
                let due = timer.next_due_ms;
                timer.next_due_ms = due + timer.interval_ms;
                Some((due, timer.handler.clone()))
            }
            _ => None,
        }
    }

    /// Removes every registered handler (to take them apart at the end of a run).
    pub fn take_all(&mut self) -> Vec<FnPtr> {
        let timers = std::mem::take(&mut self.timers).into_iter().map(|timer| timer.handler);
        let buttons = std::mem::take(&mut self.buttons).into_iter().map(|(_, handler)| handler);
        timers.chain(buttons).collect()
    }

    /// Every handler registered, for the memory census (see [`crate::data`]).
    pub fn iter(&self) -> impl Iterator<Item = &FnPtr> {
        self.timers.iter().map(|timer| &timer.handler).chain(self.buttons.iter().map(|(_, handler)| handler))
    }

    /// Whether any event could still happen if the clock ran on forever.
    pub fn may_fire_later(&self) -> bool {
        !self.timers.is_empty()
            || self.presses[self.next_press.min(self.presses.len())..]
                .iter()
                .any(|press| self.buttons.iter().any(|(button, _)| *button == press.button))
    }
}

/// Runs every handler due up to virtual time `until`, in order, calling each with `call`.
/// Does nothing while a handler is already running (handlers never nest).
pub(crate) fn dispatch_events_until(
    host: &SharedHost,
    until: u64,
    call: &mut dyn FnMut(&FnPtr) -> ApiResult<()>,
) -> ApiResult<()> {
    if host.borrow().handlers.dispatching {
        return Ok(());
    }
    loop {
        let next = host.borrow_mut().handlers.take_next(until);
        let Some((time_ms, handler)) = next else {
            return Ok(());
        };
        {
            let mut host = host.borrow_mut();
            host.clock_ms = host.clock_ms.max(time_ms);
            host.handlers.dispatching = true;
        }
        let result = call(&handler);
        host.borrow_mut().handlers.dispatching = false;
        result?;
    }
}

/// Moves the clock forward by `duration_ms`, running due handlers on the way. Past the run's end
/// the run stops as "time up".
pub(super) fn advance(context: &NativeCallContext, host: &SharedHost, duration_ms: u64) -> ApiResult<()> {
    let (target, end) = {
        let host = host.borrow();
        (host.clock_ms.saturating_add(duration_ms), host.end_ms)
    };
    dispatch_events_until(host, target.min(end), &mut |handler| {
        handler.call_within_context::<Dynamic>(context, ()).map(|_| ())
    })?;
    let mut host = host.borrow_mut();
    host.clock_ms = host.clock_ms.max(target.min(end));
    if target > end {
        return Err(stop_time_up());
    }
    Ok(())
}

fn duration(name: &str, value: &Dynamic) -> ApiResult<u64> {
    let milliseconds = number(name, value)?.round();
    if (0.0..=MAX_DURATION_MS as rhai::FLOAT).contains(&milliseconds) {
        Ok(milliseconds as u64)
    } else {
        Err(mistake(
            Diagnostic::new(Code::BadDuration)
                .with("name", name)
                .with("value", milliseconds)
                .with("limit", MAX_DURATION_MS),
        ))
    }
}

fn handler_argument(name: &str, value: &Dynamic) -> ApiResult<FnPtr> {
    value.clone().try_cast::<FnPtr>().ok_or_else(|| super::wrong_type(name, value))
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    // Rhai's core package has a `sleep(seconds)` that blocks the thread for real. Functions with
    // exact argument types win over `Dynamic` ones, so the virtual sleep is registered for each
    // type a student may pass, on the engine itself (searched before any package).
    let state = host.clone();
    engine.register_fn("sleep", move |context: NativeCallContext, milliseconds: INT| -> ApiResult<()> {
        advance(&context, &state, duration("sleep", &Dynamic::from_int(milliseconds))?)
    });
    let state = host.clone();
    engine.register_fn("sleep", move |context: NativeCallContext, milliseconds: rhai::FLOAT| -> ApiResult<()> {
        advance(&context, &state, duration("sleep", &Dynamic::from_float(milliseconds))?)
    });
    let state = host.clone();
    engine.register_fn("sleep", move |context: NativeCallContext, milliseconds: Dynamic| -> ApiResult<()> {
        advance(&context, &state, duration("sleep", &milliseconds)?)
    });
    let state = host.clone();
    engine.register_fn("millis", move || state.borrow().clock_ms as INT);
    let state = host.clone();
    engine.register_fn("every", move |interval: Dynamic, handler: Dynamic| -> ApiResult<()> {
        let interval_ms = duration("every", &interval)?;
        if interval_ms == 0 {
            return Err(mistake(
                Diagnostic::new(Code::BadDuration)
                    .with("name", "every")
                    .with("value", 0)
                    .with("limit", MAX_DURATION_MS),
            ));
        }
        let handler = handler_argument("every", &handler)?;
        let mut host = state.borrow_mut();
        let next_due_ms = host.clock_ms + interval_ms;
        host.handlers.timers.push(Timer { interval_ms, next_due_ms, handler });
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("on_button", move |button: Dynamic, handler: Dynamic| -> ApiResult<()> {
        let button = button_name(&text_argument("on_button", &button)?)?;
        let handler = handler_argument("on_button", &handler)?;
        let mut host = state.borrow_mut();
        host.handlers.buttons.retain(|(name, _)| *name != button);
        host.handlers.buttons.push((button, handler));
        Ok(())
    });
}
