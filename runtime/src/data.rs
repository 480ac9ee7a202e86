//! The run's memory budget: how much data a program may hold, measured without Rhai's own size
//! checks.
//!
//! Rhai can bound the size of each value, but it does so by counting a whole list again (nested
//! lists included) after every call of a function that may change it, so a program that pushes
//! 100,000 numbers one by one does 5·10⁹ steps of counting. Those checks are off
//! (`Engine::set_max_array_size(0)` and friends), and this module measures instead, in *data
//! units* of about 16 bytes (see [`Size`]), at points that cost no more than the work the engine
//! has already done there:
//!
//! - every access to a variable (Rhai's `on_var` callback) looks at its value's top-level size
//!   (list length, string bytes, object keys), which costs one comparison; a value that grew is
//!   measured from where it was (the new tail of a list), a value that was replaced by another
//!   (seen by its [tag](Dynamic::tag), which the measure sets on every list, object and string it
//!   measured, and which a newly made value does not have) is measured whole, and a variable
//!   that appeared since the last access (`let`, a function's parameters) is measured whole;
//! - `push`, `append`, `pad` and `replace` measure what they add, before adding it when it can
//!   be large (`pad` and `replace` can ask for gigabytes in one call);
//! - when the units counted since the last census pass a threshold, a census measures everything
//!   the program holds (every variable of every call, `this`, the event handlers), sharing
//!   counted once, and the run stops with `value-too-large` when that is over
//!   [`Limits::max_data`]. The threshold is at least as large as the data found, so censuses cost
//!   at most one unit of measuring per unit counted.
//!
//! The same measures charge copying to the operation budget (four operations per list or object
//! and one per 64 values copied, see [`Size::copy_operations`]): Rhai copies lists and objects
//! whenever a variable is read, and a program that copies a large list in a loop does real work
//! that Rhai counts as one operation.
//!
//! Everything here depends on the program's values only, never on addresses or timing: the same
//! program stops at the same operation natively and in wasm. Tags are hidden from programs
//! (`tag` reads 0 and cannot be set), so a program cannot forge them.
//!
//! Known gap, open: a list or object stored into an element of another one (`b[i] = a`,
//! `m.k = a`) is not seen until something measures the container (a census, a copy of it, a new
//! variable); a program that does this with a large value in a loop can hold far more than the
//! budget, as it could before this module (Rhai checked only the element stored). Rhai's index and
//! property assignment on lists and objects are built in (a registered indexer is never asked),
//! and `on_var` cannot tell a read that copies (`b[i] = a`) from one that does not (`a[i]`), so
//! measuring there would make every `a[i]` cost the size of `a`. Closing it needs the program's
//! syntax tree rewritten so that a value stored into an element passes through a measuring
//! function, or a hook in Rhai after index and property assignment.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::{Rc, Weak};

use rhai::{Array, Dynamic, EvalAltResult, EvalContext, FnPtr, ImmutableString, Position, INT};

use crate::api::ApiError;
use crate::diagnostic::{Code, Diagnostic};
use crate::host::{Host, Operations};
use crate::Limits;

/// The meter's tags. Rhai's tag (`rhai::dynamic::Tag`, not exported) has 32 bits natively and
/// 16 in wasm; the meter's fit in 16, so that they wrap around at the same point everywhere.
type Tag = i16;

/// The meter's tag of `value` (0, never given, for a tag the meter did not set).
// Natively this narrows Rhai's 32-bit tag; in wasm the types are the same.
#[allow(clippy::unnecessary_fallible_conversions)]
fn read_tag(value: &Dynamic) -> Tag {
    Tag::try_from(value.tag()).unwrap_or(0)
}

// Natively this widens to Rhai's 32-bit tag; in wasm the types are the same.
#[allow(clippy::useless_conversion)]
fn write_tag(value: &mut Dynamic, tag: Tag) {
    value.set_tag(tag.into());
}

/// Units of a list's or an object's own allocation (its header and spare capacity, roughly).
const UNITS_PER_CONTAINER: u64 = 2;
/// Units of an object's entry besides its value: the key and its share of the tree's nodes.
const UNITS_PER_ENTRY: u64 = 2;
/// Units of a string's own allocation (Rhai's strings are shared between copies).
const UNITS_PER_STRING: u64 = 3;
/// Bytes of text per unit.
const STRING_BYTES_PER_UNIT: u64 = 16;
/// About how many bytes of memory a unit stands for (a Rhai value takes 16), to tell a student
/// the memory budget in bytes.
pub(crate) const BYTES_PER_UNIT: u64 = 16;
/// Values copied per operation charged (the same rate as other native work, see
/// [`crate::host::WORK_PER_OPERATION`]).
const VALUES_PER_OPERATION: u64 = crate::host::WORK_PER_OPERATION;
/// Operations charged per list or object copied: each copy is an allocation, which takes about
/// as long as four operations (a nested list of depth 2,000 copied at every step reaches the
/// default budget in about a second).
const OPERATIONS_PER_CONTAINER: u64 = 4;
/// Nesting beyond which a value is not measured further and counts as too large: Rhai copies
/// and drops values recursively, so much deeper data would overflow the stack anyway.
const MAX_NESTING: u32 = 20_000;

/// The size of some data: what it occupies and what copying it costs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Size {
    /// Data units, about 16 bytes each: a value (in a variable, a list or an object) counts 1, a
    /// list or an object 2 more, an object's entry 2 more, a string 3 more and 1 per 16 bytes of
    /// text.
    pub units: u64,
    /// Lists and objects.
    containers: u64,
    /// Values inside lists and objects.
    values: u64,
}

impl Size {
    /// Operations a copy of this data costs: four per list or object, one per 64 values.
    fn copy_operations(self) -> u64 {
        self.containers.saturating_mul(OPERATIONS_PER_CONTAINER) + self.values / VALUES_PER_OPERATION
    }
}

/// One measuring pass: remembers shared cells (closures' captured variables) so that each is
/// counted once and cycles end, and, in a census, strings, which copies share.
struct Measure {
    shared: HashSet<usize>,
    strings: Option<HashSet<usize>>,
    /// Shared cells still to measure: they are measured from this list rather than recursively,
    /// because closures can chain 100,000 deep.
    pending: Vec<Dynamic>,
    size: Size,
    too_deep: bool,
}

impl Measure {
    fn new(census: bool) -> Self {
        Measure {
            shared: HashSet::new(),
            strings: census.then(HashSet::new),
            pending: Vec::new(),
            size: Size::default(),
            too_deep: false,
        }
    }

    /// Adds what `value` holds besides its own slot (which its holder counts).
    fn add(&mut self, value: &Dynamic, depth: u32) {
        if depth > MAX_NESTING {
            self.too_deep = true;
            return;
        }
        if value.is_shared() {
            // Outside a census, a shared cell (a variable a closure captured) counts as itself:
            // its value lives in the variable that shares it, which is measured there. Walking a
            // chain of closures at every access would cost time quadratic in its length.
            if let Some(inner) = value.read_lock::<Dynamic>() {
                if self.shared.insert(&*inner as *const Dynamic as usize) {
                    self.size.units += UNITS_PER_CONTAINER + 1;
                    if self.strings.is_some() {
                        self.pending.push(value.clone());
                    }
                }
            }
        } else if let Ok(array) = value.as_array_ref() {
            self.size.units += UNITS_PER_CONTAINER + array.len() as u64;
            self.size.containers += 1;
            self.size.values += array.len() as u64;
            for element in array.iter() {
                self.add(element, depth + 1);
            }
        } else if let Ok(map) = value.as_map_ref() {
            self.size.units += UNITS_PER_CONTAINER + map.len() as u64 * (UNITS_PER_ENTRY + 1);
            self.size.containers += 1;
            self.size.values += map.len() as u64;
            for element in map.values() {
                self.add(element, depth + 1);
            }
        } else if let Ok(text) = value.as_immutable_string_ref() {
            let first_copy = match &mut self.strings {
                Some(seen) => seen.insert(text.as_str().as_ptr() as usize),
                None => true,
            };
            if first_copy {
                self.size.units += string_units(text.len());
            }
        } else if let Some(function) = value.read_lock::<FnPtr>() {
            self.size.units += UNITS_PER_CONTAINER + function.curry().len() as u64;
            for curried in function.iter_curry() {
                self.add(curried, depth + 1);
            }
        }
    }

    /// Measures the shared cells found so far, and those they lead to.
    fn finish(mut self) -> (Size, bool) {
        while let Some(cell) = self.pending.pop() {
            if let Some(inner) = cell.read_lock::<Dynamic>() {
                self.add(&inner, 0);
            }
        }
        (self.size, self.too_deep)
    }
}

fn string_units(bytes: usize) -> u64 {
    UNITS_PER_STRING + (bytes as u64).div_ceil(STRING_BYTES_PER_UNIT)
}

/// The size of `values` (each counting its own slot too), or `None` when one is nested too
/// deeply to measure.
fn measure<'a>(values: impl IntoIterator<Item = &'a Dynamic>, census: bool) -> Option<Size> {
    let mut measure = Measure::new(census);
    for value in values {
        measure.size.units += 1;
        measure.add(value, 0);
    }
    let (size, too_deep) = measure.finish();
    (!too_deep).then_some(size)
}

/// Variables a call may have for the meter to look at all of them at each access (see
/// [`Meter::on_variable`]).
const FEW_VARIABLES: usize = 8;

/// Whether `value` holds no data of its own (a number, a boolean, a character, `()`).
fn holds_no_data(value: &Dynamic) -> bool {
    value.is_int() || value.is_float() || value.is_bool() || value.is_char() || value.is_unit()
}

/// The top-level size of a value: list length, object keys, string bytes; `None` for values that
/// hold no data of their own (numbers, booleans, ...).
fn top_level(value: &Dynamic) -> Option<(Kind, usize)> {
    // The `is_` tests only look at the value's kind; `as_..._ref` would describe a mismatch.
    if value.is_shared() {
        value.read_lock::<Dynamic>().and_then(|inner| top_level(&inner))
    } else if value.is_array() {
        value.as_array_ref().ok().map(|array| (Kind::Array, array.len()))
    } else if value.is_string() {
        value.as_immutable_string_ref().ok().map(|text| (Kind::String, text.len()))
    } else if value.is_map() {
        value.as_map_ref().ok().map(|map| (Kind::Map, map.len()))
    } else {
        value.is_fnptr().then_some((Kind::Function, 0))
    }
}

/// A value's tag; for a variable a closure captured, the tag of the value it shares.
fn tag_of(value: &Dynamic) -> Tag {
    match value.is_shared() {
        true => value.read_lock::<Dynamic>().map_or(0, |inner| read_tag(&inner)),
        false => read_tag(value),
    }
}

/// The kinds of values with data of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Array,
    Map,
    String,
    Function,
}

/// What the meter knows about one variable: its value's tag when it was measured, its
/// top-level size then, and its size in units (an upper bound once the value has shrunk).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    tag: Tag,
    length: usize,
    units: u64,
}

/// The variables of one call level, as the meter last saw them. Rhai gives each call of a
/// function (and each closure a native function calls) a scope of its own, so the variables of
/// the levels below cannot change while a call runs (but through `this`, which a census counts
/// again, and shared captured variables).
#[derive(Debug, Default)]
struct Frame {
    slots: Vec<Slot>,
}

/// The run's memory meter, shared by the engine's callbacks and the functions that add data.
pub(crate) struct Meter {
    limits: Limits,
    operations: Rc<Operations>,
    /// The host, for the event handlers a census counts (weak: the host does not outlive the run).
    host: Weak<RefCell<Host>>,
    /// The data of the program's own variables while its event handlers run: handlers cannot see
    /// them, and they live on until the run ends.
    baseline: Cell<u64>,
    /// Units counted since the last census.
    counted: Cell<u64>,
    /// When `counted` reaches this, a census is due.
    census_at: Cell<u64>,
    /// The last tag given to a measured value.
    last_tag: Cell<Tag>,
    /// Copies measured but not yet charged as operations (less than one operation's worth).
    uncharged_values: Cell<u64>,
    frames: RefCell<Vec<Frame>>,
    /// The call level of the last access.
    level: Cell<usize>,
    /// How many variables the scope of the last access had.
    known_variables: Cell<usize>,
}

impl Meter {
    /// A meter for a run with these `limits`, charging copies to `operations`.
    pub fn new(limits: &Limits, operations: Rc<Operations>, host: Weak<RefCell<Host>>) -> Rc<Self> {
        Rc::new(Meter {
            limits: limits.clone(),
            operations,
            host,
            baseline: Cell::new(0),
            counted: Cell::new(0),
            census_at: Cell::new(limits.max_data / 2),
            last_tag: Cell::new(0),
            uncharged_values: Cell::new(0),
            frames: RefCell::new(Vec::new()),
            level: Cell::new(0),
            known_variables: Cell::new(0),
        })
    }

    /// Counts `size` of new data, and charges the operations copying it cost.
    fn count(&self, size: Size) -> Result<(), Diagnostic> {
        self.counted.set(self.counted.get().saturating_add(size.units));
        let values = self.uncharged_values.get() + size.values;
        self.uncharged_values.set(values % VALUES_PER_OPERATION);
        let copy = Size { units: 0, containers: size.containers, values: values - values % VALUES_PER_OPERATION };
        let operations = copy.copy_operations();
        if operations == 0 {
            return Ok(());
        }
        // A run that cannot afford the copy stops at the first operation over the budget, like
        // any other run (the copy itself is already made: Rhai made it).
        let limit = self.limits.max_operations;
        let affordable = (limit + 1).saturating_sub(self.operations.used());
        self.operations.add_native(operations.min(affordable), limit);
        match operations >= affordable {
            true => Err(Diagnostic::new(Code::TooManyOperations).with("limit", limit)),
            false => Ok(()),
        }
    }

    /// Measures `values` as new data: counts it, or gives the diagnostic when it alone is over
    /// the budget.
    fn count_new<'a>(&self, values: impl IntoIterator<Item = &'a Dynamic>) -> Result<(), Diagnostic> {
        match measure(values, false) {
            Some(size) if size.units <= self.limits.max_data => self.count(size),
            _ => Err(self.too_much_data()),
        }
    }

    fn too_much_data(&self) -> Diagnostic {
        Diagnostic::new(Code::ValueTooLarge).with("what", "data").with("limit", self.limits.max_data)
    }

    /// The diagnostic for a value whose top-level size is over its limit.
    fn check_top_level(&self, kind: Kind, length: usize) -> Result<(), Diagnostic> {
        let (what, limit) = match kind {
            Kind::Array => ("array", self.limits.max_array_length),
            Kind::Map => ("map", self.limits.max_map_size),
            Kind::String => ("string", self.limits.max_string_length),
            Kind::Function => return Ok(()),
        };
        match length > limit {
            true => Err(Diagnostic::new(Code::ValueTooLarge).with("what", what).with("limit", limit)),
            false => Ok(()),
        }
    }

    fn next_tag(&self) -> Tag {
        // Newly made values have tag 0, so a measured value never does.
        let tag = match self.last_tag.get().wrapping_add(1) {
            0 => 1,
            tag => tag,
        };
        self.last_tag.set(tag);
        tag
    }

    /// The `on_var` callback: looks at the variable `name` being accessed and at the variables
    /// that appeared since the last access. Never resolves the variable itself.
    pub fn on_variable(&self, name: &str, index: usize, mut context: EvalContext) -> Result<(), Diagnostic> {
        let level = context.call_level();
        let length = context.scope().len();
        // The common case, on every access to a variable: the same call as the last access, no
        // new variables, and a value with no data of its own (a number, a boolean). The variable's
        // record may still describe a list it held before: it then only overstates what a census
        // of a later call counts for this one, and the next list it holds is measured anew, its
        // tag being new.
        if index > 0 && level == self.level.get() && length == self.known_variables.get() {
            if let Some((_, _, value)) = context.scope().iter_raw().nth(index - 1) {
                if holds_no_data(value) || self.is_as_measured(value, level, length - index) {
                    return Ok(());
                }
            }
        }
        // The other common case, in recursive functions on numbers (fib): another call than the
        // last access, whose few variables all hold no data. There is nothing to measure, and the
        // meter's records stay as they were: a later access that finds data still sees the call
        // as new to it and measures all its variables.
        if length <= FEW_VARIABLES && context.scope().iter_raw().all(|(_, _, value)| holds_no_data(value)) {
            return Ok(());
        }
        let mut frames = self.frames.borrow_mut();
        // A deeper call than the last access: its levels start afresh (their frames may still
        // describe calls that returned).
        if frames.len() <= level {
            frames.resize_with(level + 1, Frame::default);
        }
        for entered in (self.level.get() + 1).min(level + 1)..=level {
            frames[entered].slots.clear();
        }
        self.level.set(level);
        let frame = &mut frames[level];
        frame.slots.truncate(length);
        if frame.slots.len() < length {
            self.sync_new_variables(frame, &mut context)?;
        }
        let position = match index {
            0 => context
                .scope()
                .iter_raw()
                .position(|(variable, ..)| variable == name)
                .map(|from_end| length - 1 - from_end),
            from_end => length.checked_sub(from_end),
        };
        if let Some(position) = position {
            self.look_at(frame, position, name, &mut context)?;
        }
        self.known_variables.set(frame.slots.len());
        drop(frames);
        if self.counted.get() >= self.census_at.get() {
            self.census(&context, level)?;
        }
        Ok(())
    }

    /// Whether `value`, the variable at `position` of the scope of call `level`, is the value the
    /// meter measured there (same tag) and has the same top-level size: then there is nothing to
    /// measure (reading `a[i]` in a loop, for example).
    fn is_as_measured(&self, value: &Dynamic, level: usize, position: usize) -> bool {
        let frames = self.frames.borrow();
        let Some(known) = frames.get(level).and_then(|frame| frame.slots.get(position)) else {
            return false;
        };
        known.tag != 0 && tag_of(value) == known.tag && top_level(value).is_some_and(|(_, size)| size == known.length)
    }

    /// Measures the variables the scope gained since the meter last saw it, and tags them.
    fn sync_new_variables(&self, frame: &mut Frame, context: &mut EvalContext) -> Result<(), Diagnostic> {
        let known = frame.slots.len();
        let mut to_tag = Vec::new();
        // Newest first: the scope is read from its end.
        for (name, _, value) in context.scope().iter_raw().take(context.scope().len() - known) {
            let mut slot = Slot::default();
            if let Some((kind, length)) = top_level(value) {
                self.check_top_level(kind, length)?;
                slot.length = length;
                slot.units = self.count_variable(value)?;
                to_tag.push((frame.slots.len(), ImmutableString::from(name)));
            }
            frame.slots.push(slot);
        }
        frame.slots[known..].reverse();
        let added = frame.slots.len() - known;
        for (newest_first, name) in to_tag {
            let slot = known + added - 1 - (newest_first - known);
            frame.slots[slot].tag = self.tag_variable(context, &name);
        }
        Ok(())
    }

    /// Looks at the accessed variable at `position` of the scope: measures its value again when it
    /// was replaced, or its new part when it grew.
    fn look_at(
        &self,
        frame: &mut Frame,
        position: usize,
        name: &str,
        context: &mut EvalContext,
    ) -> Result<(), Diagnostic> {
        let length = context.scope().len();
        let (Some(known), Some((_, _, value))) =
            (frame.slots.get(position).copied(), context.scope().iter_raw().nth(length - 1 - position))
        else {
            return Ok(());
        };
        let Some((kind, size)) = top_level(value) else {
            frame.slots[position] = Slot::default();
            return Ok(());
        };
        if tag_of(value) != known.tag || known.tag == 0 {
            self.check_top_level(kind, size)?;
            let units = self.count_variable(value)?;
            let tag = self.tag_variable(context, name);
            frame.slots[position] = Slot { tag, length: size, units };
            return Ok(());
        }
        if size > known.length {
            self.check_top_level(kind, size)?;
            let grown = self.count_growth(value, kind, known.length, size)?;
            frame.slots[position].units = known.units.saturating_add(grown);
        }
        frame.slots[position].length = size;
        Ok(())
    }

    /// Counts what a value of `kind` gained in growing from `from` to `to` (top-level size).
    fn count_growth(&self, value: &Dynamic, kind: Kind, from: usize, to: usize) -> Result<u64, Diagnostic> {
        let size = match kind {
            Kind::Array => match value.read_lock::<Dynamic>() {
                Some(inner) => match inner.as_array_ref() {
                    Ok(array) => measure(array.iter().skip(from), false).ok_or_else(|| self.too_much_data())?,
                    Err(_) => Size::default(),
                },
                None => Size::default(),
            },
            // An object's new keys are not where its old ones ended: count the entries, whose
            // values were counted where they were made.
            Kind::Map => Size { units: (to - from) as u64 * (UNITS_PER_ENTRY + 1), containers: 0, values: 0 },
            Kind::String => Size { units: string_units(to) - string_units(from), containers: 0, values: 0 },
            Kind::Function => Size::default(),
        };
        self.count(size)?;
        Ok(size.units)
    }

    /// Gives the variable `name`'s value a new tag and returns it.
    fn tag_variable(&self, context: &mut EvalContext, name: &str) -> Tag {
        let tag = self.next_tag();
        let Some(value) = context.scope_mut().get_mut(name) else {
            return 0;
        };
        match value.is_shared() {
            true => match value.write_lock::<Dynamic>() {
                Some(mut inner) => {
                    write_tag(&mut inner, tag);
                    tag
                }
                None => 0,
            },
            false => {
                write_tag(value, tag);
                tag
            }
        }
    }

    /// Counts a variable's value as new data (for a variable a closure captured, the value it
    /// shares) and gives its size in units.
    fn count_variable(&self, value: &Dynamic) -> Result<u64, Diagnostic> {
        let size = match value.is_shared() {
            true => match value.read_lock::<Dynamic>() {
                Some(inner) => measure([&*inner], false),
                None => Some(Size::default()),
            },
            false => measure([value], false),
        };
        match size {
            Some(size) if size.units <= self.limits.max_data => {
                self.count(size)?;
                Ok(size.units)
            }
            _ => Err(self.too_much_data()),
        }
    }

    /// Measures everything the program holds, and stops the run when it is over the budget.
    fn census(&self, context: &EvalContext, level: usize) -> Result<(), Diagnostic> {
        let handlers: Vec<Dynamic> = match self.host.upgrade() {
            Some(host) => host
                .try_borrow()
                .map(|host| host.handlers.iter().map(|handler| Dynamic::from(handler.clone())).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let everything =
            context.scope().iter_raw().map(|(_, _, value)| value).chain(context.this_ptr()).chain(handlers.iter());
        let Some(size) = measure(everything, true) else {
            return Err(self.too_much_data());
        };
        // A call sees only its own variables: its callers' are as the meter last measured them.
        let frames = self.frames.borrow();
        let callers = frames.iter().take(level).flat_map(|frame| frame.slots.iter()).map(|slot| slot.units);
        let live = callers.fold(size.units.saturating_add(self.baseline.get()), u64::saturating_add);
        if live > self.limits.max_data {
            return Err(self.too_much_data());
        }
        self.counted.set(0);
        self.census_at.set(live.max(self.limits.max_data / 2));
        Ok(())
    }
}

/// Registers the meter with `engine`: the variable callback, the functions that add data
/// measured before they add it, and tags hidden from programs.
pub(crate) fn register(engine: &mut rhai::Engine, meter: &Rc<Meter>) {
    let variables = meter.clone();
    // Rhai marks `on_var` as a volatile interface (deprecated in name only); the version is pinned.
    #[allow(deprecated)]
    engine.on_var(move |name, index, context| {
        variables
            .on_variable(name, index, context)
            .map(|()| None)
            .map_err(|diagnostic| stop(diagnostic, Position::NONE))
    });

    let push = meter.clone();
    engine.register_fn("push", move |array: &mut Array, item: Dynamic| -> Result<(), Box<EvalAltResult>> {
        push.before_adding(array.len() + 1, [&item])?;
        array.push(item);
        Ok(())
    });
    let insert = meter.clone();
    engine.register_fn(
        "insert",
        move |array: &mut Array, index: INT, item: Dynamic| -> Result<(), Box<EvalAltResult>> {
            insert.before_adding(array.len() + 1, [&item])?;
            // Where Rhai's `insert` puts it: a negative index counts from the end, and an index past
            // the end appends.
            let length = array.len();
            let at = match usize::try_from(index.unsigned_abs()) {
                Ok(distance) if index < 0 => length - distance.min(length),
                Ok(position) => position.min(length),
                Err(_) if index < 0 => 0,
                Err(_) => length,
            };
            array.insert(at, item);
            Ok(())
        },
    );
    let append = meter.clone();
    engine.register_fn("append", move |array: &mut Array, new: Array| -> Result<(), Box<EvalAltResult>> {
        append.before_adding(array.len() + new.len(), new.iter())?;
        if new.is_empty() {
            return Ok(());
        }
        if array.is_empty() {
            *array = new;
        } else {
            array.extend(new);
        }
        Ok(())
    });
    let pad = meter.clone();
    engine.register_fn("pad", move |array: &mut Array, length: INT, item: Dynamic| -> Result<(), Box<EvalAltResult>> {
        let Ok(length) = usize::try_from(length) else {
            return Ok(());
        };
        if length <= array.len() {
            return Ok(());
        }
        pad.before_padding(length, length - array.len(), &item)?;
        array.resize(length, item);
        Ok(())
    });
    let pad_char = meter.clone();
    engine.register_fn(
        "pad",
        move |text: &mut ImmutableString, length: INT, character: char| -> Result<(), Box<EvalAltResult>> {
            pad_text(&pad_char, text, length, &character.to_string())
        },
    );
    let pad_text_with = meter.clone();
    engine.register_fn(
        "pad",
        move |text: &mut ImmutableString, length: INT, padding: ImmutableString| -> Result<(), Box<EvalAltResult>> {
            pad_text(&pad_text_with, text, length, &padding)
        },
    );
    for (find_is_char, with_is_char) in [(false, false), (false, true), (true, false), (true, true)] {
        let replace = meter.clone();
        let replace = move |text: &mut ImmutableString, find: &str, with: &str| replace.replace(text, find, with);
        match (find_is_char, with_is_char) {
            (false, false) => engine.register_fn(
                "replace",
                move |text: &mut ImmutableString, find: ImmutableString, with: ImmutableString| {
                    replace(text, &find, &with)
                },
            ),
            (false, true) => {
                engine.register_fn("replace", move |text: &mut ImmutableString, find: ImmutableString, with: char| {
                    replace(text, &find, &with.to_string())
                })
            }
            (true, false) => {
                engine.register_fn("replace", move |text: &mut ImmutableString, find: char, with: ImmutableString| {
                    replace(text, &find.to_string(), &with)
                })
            }
            (true, true) => engine.register_fn("replace", move |text: &mut ImmutableString, find: char, with: char| {
                replace(text, &find.to_string(), &with.to_string())
            }),
        };
    }

    // The meter tags the values it measured; a program that could read or set tags could make
    // a replaced value look measured.
    engine.register_fn("tag", |_: &mut Dynamic| 0 as INT);
    engine.register_get("tag", |_: &mut Dynamic| 0 as INT);
    engine.register_fn("set_tag", |_: &mut Dynamic, _: INT| ());
    engine.register_set("tag", |_: &mut Dynamic, _: INT| ());
}

impl Meter {
    /// Checks a list growing to `length` elements with `added`, and counts what is added.
    fn before_adding<'a>(
        &self,
        length: usize,
        added: impl IntoIterator<Item = &'a Dynamic>,
    ) -> Result<(), Box<EvalAltResult>> {
        self.check_top_level(Kind::Array, length)
            .and_then(|()| self.count_new(added))
            .map_err(|diagnostic| stop(diagnostic, Position::NONE))
    }

    /// Checks a list padded to `length` with `count` copies of `item` before it is padded.
    fn before_padding(&self, length: usize, count: usize, item: &Dynamic) -> Result<(), Box<EvalAltResult>> {
        self.check_top_level(Kind::Array, length).map_err(|diagnostic| stop(diagnostic, Position::NONE))?;
        let Some(one) = measure([item], false) else {
            return Err(stop(self.too_much_data(), Position::NONE));
        };
        let count = count as u64;
        let all = Size {
            units: one.units.saturating_mul(count),
            containers: one.containers.saturating_mul(count),
            values: one.values.saturating_mul(count),
        };
        if all.units > self.limits.max_data {
            return Err(stop(self.too_much_data(), Position::NONE));
        }
        self.count(all).map_err(|diagnostic| stop(diagnostic, Position::NONE))
    }

    /// Replaces every `find` in `text` by `with`, after checking the result's length.
    fn replace(&self, text: &mut ImmutableString, find: &str, with: &str) -> Result<(), Box<EvalAltResult>> {
        if text.is_empty() {
            return Ok(());
        }
        if with.len() > find.len() {
            let found = text.matches(find).count();
            let length = text.len().saturating_add(found.saturating_mul(with.len() - find.len()));
            self.check_top_level(Kind::String, length).map_err(|diagnostic| stop(diagnostic, Position::NONE))?;
        }
        *text = text.replace(find, with).into();
        Ok(())
    }
}

/// Pads `text` to `length` characters with `padding`, as Rhai's `pad` does, after checking the
/// result's length.
fn pad_text(meter: &Meter, text: &mut ImmutableString, length: INT, padding: &str) -> Result<(), Box<EvalAltResult>> {
    if length <= 0 || padding.is_empty() {
        return Ok(());
    }
    let too_long = || {
        stop(
            Diagnostic::new(Code::ValueTooLarge).with("what", "string").with("limit", meter.limits.max_string_length),
            Position::NONE,
        )
    };
    let length = usize::try_from(length).map_err(|_| too_long())?;
    let mut characters = text.chars().count();
    if length <= characters {
        return Ok(());
    }
    let widest = padding.chars().map(char::len_utf8).max().unwrap_or(1);
    if text.len().saturating_add((length - characters).saturating_mul(widest)) > meter.limits.max_string_length {
        return Err(too_long());
    }
    let padded = text.make_mut();
    let padding_characters = padding.chars().count();
    while characters < length {
        if characters + padding_characters <= length {
            padded.push_str(padding);
            characters += padding_characters;
        } else {
            padded.extend(padding.chars().take(length - characters));
            characters = length;
        }
    }
    Ok(())
}

/// Stops the run with `diagnostic`: `try`/`catch` cannot catch it, as it could not catch Rhai's
/// own size errors.
fn stop(diagnostic: Diagnostic, position: Position) -> Box<EvalAltResult> {
    EvalAltResult::ErrorTerminated(Dynamic::from(ApiError(diagnostic)), position).into()
}

impl Meter {
    /// Measures the program's own variables before its event handlers run (see
    /// [`Meter::baseline`]), and forgets the frames the program's run left.
    pub fn enter_handlers<'a>(&self, program_variables: impl IntoIterator<Item = &'a Dynamic>) {
        self.baseline.set(measure(program_variables, true).map_or(self.limits.max_data, |size| size.units));
        self.frames.borrow_mut().clear();
        self.level.set(0);
        self.known_variables.set(0);
    }
}
