//! The class dashboard (学情分析, issue #6): a teacher drops in the result files collected from the
//! students (single files or a whole folder) and sees where the class stands: a table of students
//! × lessons, each lesson's pass rate, the tests most students fail, a histogram of the scores, and
//! a printable report per student; the table downloads as CSV for a spreadsheet. The files are read
//! against the course, or against a lesson pack dropped in with them (a contest's, a teacher's own
//! course). The figures are `sprout_lessons::Overview`'s; the files are read in the page and never
//! leave it.
//!
//! The table holds a whole course (44 lessons and more) for a class of 40 (issue #21): the names
//! stay in view when it scrolls sideways, and the lessons are grouped by unit, each unit one column
//! of how many of its lessons a student passed, which its button opens into the lessons' columns.

use std::collections::BTreeSet;
use std::rc::Rc;

use sprout_lessons::messages::describe_problem;
use sprout_lessons::{Cell, FileFlag, Overview, Pack, Row, HISTOGRAM_BINS};
use sprout_runtime::messages::Language;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileList, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::i18n::{class_tr, class_tr_with, ClassText};
use super::server::ServerPart;
use crate::shell::context::use_language;
use crate::storage;

/// The files dropped in so far, in the order given, and how many files of picked folders were
/// left out for not being result files or packs.
#[derive(Default, PartialEq)]
struct Files {
    read: Vec<(String, Vec<u8>)>,
    skipped: usize,
}

/// What the teacher did with the files.
enum FilesAction {
    /// More files (a second USB stick's): added after the others, with the number left out.
    Add(Vec<(String, Vec<u8>)>, usize),
    /// Start again.
    Clear,
}

impl Reducible for Files {
    type Action = FilesAction;

    fn reduce(self: Rc<Self>, action: FilesAction) -> Rc<Self> {
        match action {
            FilesAction::Add(more, skipped) => {
                let mut read = self.read.clone();
                read.extend(more);
                Rc::new(Files { read, skipped: self.skipped + skipped })
            }
            FilesAction::Clear => Rc::new(Files::default()),
        }
    }
}

/// The column the table is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortKey {
    /// The order the files were given in.
    Given,
    Name,
    Class,
    Total,
    /// A lesson's score, by its column.
    Lesson(usize),
}

/// Which students' reports are open, to read and print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reports {
    /// One student's: a row of the overview.
    One(usize),
    /// Every student the table shows (with its filters), in its order: one page each when printed.
    Shown,
}

/// The width of the histogram's longest bar, in rem.
const HISTOGRAM_BAR_REM: f64 = 12.0;

/// Props of [`Dashboard`].
#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    /// The pack the class worked from.
    pub pack: Rc<Pack>,
}

/// The files of `list`, taken out of it at once: an input's list empties when the input is reset.
fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|index| list.get(index)).collect()
}

/// Reads `list`'s files: their names and bytes. With `json_only` (a folder was chosen), files that
/// end neither in `.json` nor `.zip` (result files, alone or in the ZIP of "export this work") nor
/// `.pack` (lesson packs) are left out, and their number is returned too.
async fn read_files(list: Vec<File>, json_only: bool) -> (Vec<(String, Vec<u8>)>, usize) {
    let mut files = Vec::new();
    let mut skipped = 0;
    for file in list {
        let name = file.name();
        let lower = name.to_lowercase();
        if json_only && ![".json", ".zip", ".pack"].iter().any(|ending| lower.ends_with(ending)) {
            skipped += 1;
            continue;
        }
        // A file the browser cannot read (removed meanwhile) becomes an unreadable entry.
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        files.push((name, bytes));
    }
    (files, skipped)
}

fn flag_text(flag: FileFlag) -> ClassText {
    match flag {
        FileFlag::Tampered => ClassText::FlagTampered,
        FileFlag::Duplicate => ClassText::FlagDuplicate,
        FileFlag::OtherPack => ClassText::FlagOtherPack,
        FileFlag::NoName => ClassText::FlagNoName,
        FileFlag::SharedId => ClassText::FlagSharedId,
    }
}

/// The summary line's words for `count` files carrying `flag`.
fn flag_count_text(flag: FileFlag) -> ClassText {
    match flag {
        FileFlag::Tampered => ClassText::CountTampered,
        FileFlag::Duplicate => ClassText::CountDuplicate,
        FileFlag::OtherPack => ClassText::CountOtherPack,
        FileFlag::NoName => ClassText::CountNoName,
        FileFlag::SharedId => ClassText::CountSharedId,
    }
}

/// Who a row is, in the table and on its report: the student's name, or the file's when the file
/// has none.
fn row_name(language: Language, row: &Row) -> String {
    if row.student.name.trim().is_empty() {
        class_tr_with(language, ClassText::NoName, &[("file", row.file.clone())])
    } else {
        row.student.name.clone()
    }
}

/// A time written in a result file (RFC 3339, in UTC) in the teacher's own time zone and words:
/// `2026年12月7日 09:30`, or `December 7, 2026 at 09:30`. A time the browser cannot read is shown
/// as written.
fn local_time(language: Language, written: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(written));
    if date.get_time().is_nan() {
        return written.to_string();
    }
    let options = js_sys::Object::new();
    for (key, value) in
        [("year", "numeric"), ("month", "long"), ("day", "numeric"), ("hour", "2-digit"), ("minute", "2-digit")]
    {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let _ = js_sys::Reflect::set(&options, &"hour12".into(), &false.into());
    date.to_locale_string(language.tag(), &options).into()
}

/// A unit of the pack: its title and its lessons' columns (contiguous, in course order).
struct UnitColumns {
    title: String,
    columns: std::ops::Range<usize>,
}

/// The pack's units with their lessons' columns in the overview.
fn unit_columns(language: Language, pack: &Pack) -> Vec<UnitColumns> {
    let mut start = 0;
    pack.course
        .units
        .iter()
        .map(|unit| {
            let end = start + unit.lessons.len();
            let title = match (language, &unit.title.en) {
                (Language::En, Some(english)) => english.clone(),
                _ => unit.title.zh.clone(),
            };
            let columns = start..end;
            start = end;
            UnitColumns { title, columns }
        })
        .collect()
}

/// Whether unit `index` shows its lessons: a pack of one unit (a contest, a teacher's short
/// course) shows them from the start, a course of many starts folded; the teacher's presses flip it.
fn unit_open(units: usize, toggled: &BTreeSet<usize>, index: usize) -> bool {
    (units == 1) != toggled.contains(&index)
}

/// A lesson's title in `language`, or its id when the pack gave it none.
pub(super) fn lesson_title(language: Language, overview: &Overview, column: usize) -> String {
    let lesson = &overview.lessons[column];
    match (language, &lesson.title.en) {
        (Language::En, Some(english)) => english.clone(),
        _ if lesson.title.zh.is_empty() => lesson.id.clone(),
        _ => lesson.title.zh.clone(),
    }
}

fn percent_text(rate: f64) -> String {
    format!("{}%", (rate * 100.0).round())
}

/// A cell's checks and minutes in `words`: [`ClassText::CellShort`] under its score in the table,
/// [`ClassText::CellDetails`] in a student's report. Minutes unknown (unreadable times) are "—".
fn cell_details(language: Language, words: ClassText, cell: &Cell) -> String {
    let minutes = cell.minutes.map_or_else(|| "—".to_string(), |minutes| minutes.to_string());
    class_tr_with(language, words, &[("attempts", cell.attempts.to_string()), ("minutes", minutes)])
}

/// A score with its unit: `80 分`, `80 pts`.
fn points_text(language: Language, points: u32) -> String {
    class_tr_with(language, ClassText::Points, &[("points", points.to_string())])
}

/// The dashboard.
#[component]
pub fn Dashboard(props: &DashboardProps) -> Html {
    let language = use_language();
    let files = use_reducer(Files::default);
    let dragging = use_state(|| false);
    // The results, and the pack they are read against: a dropped pack file's, or the course's.
    let read = {
        let course = props.pack.clone();
        use_memo(files.clone(), move |files| {
            let (overview, dropped) =
                Overview::of_dropped(&course, files.read.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())));
            let (pack, pack_file) = match dropped {
                Some((file, pack)) => (Rc::new(pack), Some(file)),
                None => (course, None),
            };
            (Rc::new(overview), pack, pack_file)
        })
    };
    let (overview, pack) = (read.0.clone(), read.1.clone());

    let add_list = {
        let files = files.dispatcher();
        Callback::from(move |(list, json_only): (Vec<File>, bool)| {
            let files = files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (read, left_out) = read_files(list, json_only).await;
                files.dispatch(FilesAction::Add(read, left_out));
            });
        })
    };
    let on_pick = |json_only: bool| {
        let add_list = add_list.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            if let Some(list) = input.files() {
                add_list.emit((files_of(&list), json_only));
            }
            // The same files may be picked again after Clear.
            input.set_value("");
        })
    };
    let on_drop = {
        let (add_list, dragging) = (add_list.clone(), dragging.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(list) = event.data_transfer().and_then(|transfer| transfer.files()) {
                add_list.emit((files_of(&list), false));
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_clear = {
        let files = files.dispatcher();
        Callback::from(move |_: MouseEvent| files.dispatch(FilesAction::Clear))
    };

    let drop_zone = html! {
        <section class={classes!("drop-zone", dragging.then_some("dragging"))} aria-labelledby="class-files-heading"
            ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
            <h3 id="class-files-heading">{ class_tr(language, ClassText::FilesHeading) }</h3>
            <p>{ class_tr(language, ClassText::FilesIntro) }</p>
            <div class="drop-actions">
                <label class="file-button">
                    { class_tr(language, ClassText::PickFiles) }
                    <input type="file" class="visually-hidden" multiple=true accept=".json,.zip,.pack,application/json,application/zip"
                        onchange={on_pick(false)} />
                </label>
                <label class="file-button">
                    { class_tr(language, ClassText::PickFolder) }
                    <input type="file" class="visually-hidden" webkitdirectory=true multiple=true onchange={on_pick(true)} />
                </label>
                if !files.read.is_empty() {
                    <button type="button" onclick={on_clear}>{ class_tr(language, ClassText::Clear) }</button>
                }
            </div>
        </section>
    };
    // Above the file import, the classroom server's part (nothing when no Sprout server served the page).
    let server = html! { <ServerPart pack={props.pack.clone()} /> };
    if files.read.is_empty() {
        return html! { <div class="dashboard">{ server }{ drop_zone }</div> };
    }

    let counted = overview.rows.iter().filter(|row| row.counts()).count();
    let flagged = overview.rows.len() - counted;
    let course_title = match (language, &pack.course.title.en) {
        (Language::En, Some(english)) => english.clone(),
        _ => pack.course.title.zh.clone(),
    };
    let read_against = match &read.2 {
        Some(file) => class_tr_with(
            language,
            ClassText::ReadAgainstPack,
            &[("file", file.clone()), ("course", course_title), ("version", pack.course.version.clone())],
        ),
        None => class_tr_with(
            language,
            ClassText::ReadAgainst,
            &[("course", course_title), ("version", pack.course.version.clone())],
        ),
    };
    let flag_counts: Vec<String> = overview
        .flag_counts()
        .into_iter()
        .map(|(flag, count)| class_tr_with(language, flag_count_text(flag), &[("count", count.to_string())]))
        .collect();
    let summary = class_tr_with(
        language,
        ClassText::Summary,
        &[
            ("files", (overview.rows.len() + overview.unreadable.len()).to_string()),
            ("students", counted.to_string()),
            ("flagged", flagged.to_string()),
            ("unreadable", overview.unreadable.len().to_string()),
        ],
    );

    html! {
        <div class="dashboard">
            { server }
            { drop_zone }
            <p class="read-against">{ read_against }</p>
            <p class="class-summary" role="status">{ summary }
                if files.skipped > 0 {
                    { " " }{ class_tr_with(language, ClassText::SkippedFiles, &[("count", files.skipped.to_string())]) }
                }
            </p>
            if !flag_counts.is_empty() {
                <p class="flag-summary">
                    { class_tr_with(language, ClassText::FlagSummary, &[("flags", flag_counts.join(if language == Language::En { "; " } else { "；" }))]) }
                </p>
            }
            if !overview.unreadable.is_empty() {
                <section class="unreadable" aria-labelledby="unreadable-heading">
                    <h3 id="unreadable-heading">{ class_tr(language, ClassText::UnreadableHeading) }</h3>
                    <ul>
                        { for overview.unreadable.iter().map(|file| html! {
                            <li>{ for file.problems.0.iter().map(|problem| describe_problem(problem, language)) }</li>
                        }) }
                    </ul>
                </section>
            }
            <ClassOverview {overview} pack={Some(pack)} csv=true />
        </div>
    }
}

/// Props of [`ClassOverview`].
#[derive(Properties, PartialEq)]
pub struct ClassOverviewProps {
    /// The class's figures.
    pub overview: Rc<Overview>,
    /// The pack the figures are of, for its units' columns: none (or one of other lessons) puts
    /// every lesson in one group.
    pub pack: Option<Rc<Pack>>,
    /// Whether the table downloads as CSV from the page (the file dashboard); the classroom
    /// server exports its own.
    #[prop_or_default]
    pub csv: bool,
    /// Opens a student's page, by their row: their names become buttons (the classroom server's
    /// view).
    #[prop_or_default]
    pub on_student: Option<Callback<usize>>,
}

/// The figures of a class, from dropped files or from the classroom server: the students ×
/// lessons table with its filters, each lesson's pass rate, the tests most failed, the histogram,
/// and the printable reports.
#[component]
pub fn ClassOverview(props: &ClassOverviewProps) -> Html {
    let language = use_language();
    let sort = use_state(|| (SortKey::Given, false));
    let class_filter = use_state(String::new);
    let search = use_state(String::new);
    let report = use_state(|| None::<Reports>);
    let toggled_units = use_state(BTreeSet::<usize>::new);
    // A report that opens is brought into view, its heading focused (a keyboard or screen-reader
    // user lands on it; the button that opened it may be far down a table of 40).
    use_effect_with(*report, |open| {
        if open.is_some() {
            let heading = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.query_selector(".reports .student-report h3").ok().flatten())
                .and_then(|heading| heading.dyn_into::<HtmlElement>().ok());
            if let Some(heading) = heading {
                heading.scroll_into_view();
                let _ = heading.focus();
            }
        }
    });
    let overview = &props.overview;
    let lessons = overview.lessons.len();
    let units = match &props.pack {
        Some(pack) if pack.course.lesson_ids().count() == lessons => unit_columns(language, pack),
        _ => vec![UnitColumns { title: class_tr(language, ClassText::AllLessons).to_string(), columns: 0..lessons }],
    };
    let on_all_reports = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| report.set(Some(Reports::Shown)))
    };
    let on_csv = {
        let overview = overview.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = overview.to_csv(language);
            let _ =
                storage::download(class_tr(language, ClassText::CsvFileName), "text/csv;charset=utf-8", csv.as_bytes());
        })
    };
    let view = TableView {
        on_student: props.on_student.as_ref(),
        sort: &sort,
        class_filter: &class_filter,
        search: &search,
        toggled_units: &toggled_units,
    };
    html! {
        <>
            { students_table(language, &units, overview, &view, &report) }
            <div class="table-actions">
                if props.csv {
                    <button type="button" class="primary" onclick={on_csv}>{ class_tr(language, ClassText::DownloadCsv) }</button>
                }
                <button type="button" onclick={on_all_reports}>{ class_tr(language, ClassText::AllReports) }</button>
            </div>
            { lesson_figures(language, overview) }
            { most_failed(language, overview) }
            { histogram(language, overview) }
            if let Some(open) = *report {
                { reports(language, overview, &open_rows(open, overview, &sort, &class_filter, &search), &report) }
            }
        </>
    }
}

/// The rows the table shows, in its order: those of the chosen class whose name or student id
/// contains the search text, sorted by the chosen column.
fn shown_rows(overview: &Overview, sort: (SortKey, bool), class_filter: &str, search: &str) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    let mut shown: Vec<(usize, &Row)> = overview
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| class_filter.is_empty() || row.student.class == class_filter)
        .filter(|(_, row)| {
            needle.is_empty()
                || row.student.name.to_lowercase().contains(&needle)
                || row.student.student_id.to_lowercase().contains(&needle)
        })
        .collect();
    let (key, descending) = sort;
    shown.sort_by(|(a_index, a), (b_index, b)| {
        let order = match key {
            SortKey::Given => a_index.cmp(b_index),
            SortKey::Name => a.student.name.cmp(&b.student.name),
            SortKey::Class => a.student.class.cmp(&b.student.class),
            SortKey::Total => a.total.cmp(&b.total),
            SortKey::Lesson(column) => {
                let score = |row: &Row| row.cells[column].as_ref().map(|cell| cell.score);
                score(a).cmp(&score(b))
            }
        };
        if descending {
            order.reverse()
        } else {
            order
        }
    });
    shown.into_iter().map(|(index, _)| index).collect()
}

/// What the table shows: its sort column, filters and the units the teacher opened or closed.
struct TableView<'a> {
    /// Opens a student's own page (the classroom server's), by their row; none in the file dashboard.
    on_student: Option<&'a Callback<usize>>,
    sort: &'a UseStateHandle<(SortKey, bool)>,
    class_filter: &'a UseStateHandle<String>,
    search: &'a UseStateHandle<String>,
    toggled_units: &'a UseStateHandle<BTreeSet<usize>>,
}

/// The students × lessons table, with its sort buttons and filters: a sticky name column, then the
/// class, the total, the flags, and per unit a column of lessons passed that opens into the unit's
/// lessons.
fn students_table(
    language: Language,
    units: &[UnitColumns],
    overview: &Overview,
    view: &TableView,
    report: &UseStateHandle<Option<Reports>>,
) -> Html {
    let TableView { sort, class_filter, search, toggled_units, .. } = *view;
    let mut classes: Vec<&str> = overview.rows.iter().map(|row| row.student.class.as_str()).collect();
    classes.sort_unstable();
    classes.dedup();
    let shown = shown_rows(overview, **sort, class_filter, search);
    let open: Vec<bool> = (0..units.len()).map(|index| unit_open(units.len(), toggled_units, index)).collect();
    let header = |label: String, column: SortKey, class: Option<&'static str>| {
        let sort_state = sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (current, descending) = *sort_state;
            // A new column sorts scores best first and names A to Z; the same column flips.
            let descending =
                if current == column { !descending } else { matches!(column, SortKey::Total | SortKey::Lesson(_)) };
            sort_state.set((column, descending));
        });
        let aria_sort = match **sort {
            (current, true) if current == column => "descending",
            (current, false) if current == column => "ascending",
            _ => "none",
        };
        html! {
            <th scope="col" class={classes!(class)} aria-sort={aria_sort}>
                <button type="button" class="sort" {onclick}>{ label }</button>
            </th>
        }
    };
    let unit_header = |index: usize, unit: &UnitColumns| {
        let toggled = toggled_units.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut changed = (*toggled).clone();
            if !changed.remove(&index) {
                changed.insert(index);
            }
            toggled.set(changed);
        });
        let label = class_tr_with(
            language,
            ClassText::UnitColumn,
            &[("unit", unit.title.clone()), ("lessons", unit.columns.len().to_string())],
        );
        html! {
            <th scope="col" class="unit">
                <button type="button" class="unit-toggle" aria-expanded={open[index].to_string()} {onclick}>
                    <span aria-hidden="true">{ if open[index] { "▾ " } else { "▸ " } }</span>{ label }
                </button>
            </th>
        }
    };
    let on_class = {
        let class_filter = class_filter.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                class_filter.set(select.value());
            }
        })
    };
    let on_search = {
        let search = search.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                search.set(input.value());
            }
        })
    };
    let lesson_cell = |cell: &Option<Cell>| match cell {
        Some(cell) => html! {
            <td class={classes!("number", cell.passed.then_some("passed"))}>
                { points_text(language, cell.score) }
                <span class="cell-details">{ cell_details(language, ClassText::CellShort, cell) }</span>
            </td>
        },
        None => html! { <td class="number empty">{ "—" }</td> },
    };
    html! {
        <section class="class-table" aria-labelledby="class-table-heading">
            <h3 id="class-table-heading">{ class_tr(language, ClassText::TableHeading) }</h3>
            <div class="table-filters">
                <label>{ class_tr(language, ClassText::ClassFilter) }
                    <select onchange={on_class}>
                        <option value="" selected={class_filter.is_empty()}>{ class_tr(language, ClassText::AllClasses) }</option>
                        { for classes.iter().map(|class| html! {
                            <option value={class.to_string()} selected={**class_filter == *class}>{ *class }</option>
                        }) }
                    </select>
                </label>
                <label>{ class_tr(language, ClassText::Search) }
                    <input type="search" value={(**search).clone()} oninput={on_search} />
                </label>
            </div>
            <div class="table-scroll">
                <table class="students">
                    <thead>
                        <tr>
                            { header(class_tr(language, ClassText::Name).to_string(), SortKey::Name, Some("name")) }
                            { header(class_tr(language, ClassText::Class).to_string(), SortKey::Class, Some("class")) }
                            { header(class_tr(language, ClassText::Total).to_string(), SortKey::Total, None) }
                            <th scope="col">{ class_tr(language, ClassText::Flags) }</th>
                            { for units.iter().enumerate().map(|(index, unit)| html! {
                                <>
                                    { unit_header(index, unit) }
                                    if open[index] {
                                        { for unit.columns.clone().map(|column| header(lesson_title(language, overview, column), SortKey::Lesson(column), None)) }
                                    }
                                </>
                            }) }
                            <th scope="col">{ class_tr(language, ClassText::Report) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for shown.iter().map(|&index| {
                            let row = &overview.rows[index];
                            let open_report = {
                                let report = report.clone();
                                Callback::from(move |_: MouseEvent| report.set(Some(Reports::One(index))))
                            };
                            let name = row_name(language, row);
                            html! {
                                <tr class={classes!((!row.counts()).then_some("flagged"))}>
                                    <th scope="row" class={classes!("name", row.student.name.trim().is_empty().then_some("nameless"))}>
                                        if let Some(on_student) = view.on_student {
                                            <button type="button" class="link" onclick={on_student.reform(move |_: MouseEvent| index)}>{ name.clone() }</button>
                                        } else {
                                            { name.clone() }
                                        }
                                    </th>
                                    <td class="class">{ &row.student.class }</td>
                                    <td class="number">{ points_text(language, row.total) }</td>
                                    <td class="flags">{ for row.flags.iter().map(|flag| html! {
                                        <span class="flag">{ class_tr(language, flag_text(*flag)) }</span>
                                    }) }</td>
                                    { for units.iter().enumerate().map(|(unit_index, unit)| {
                                        let passed = unit.columns.clone()
                                            .filter(|&column| row.cells.get(column).and_then(Option::as_ref).is_some_and(|cell| cell.passed))
                                            .count();
                                        let summary = class_tr_with(language, ClassText::UnitPassed, &[
                                            ("passed", passed.to_string()),
                                            ("lessons", unit.columns.len().to_string()),
                                        ]);
                                        html! {
                                            <>
                                                <td class={classes!("number", "unit-summary", (passed > 0 && passed == unit.columns.len()).then_some("passed"))}>{ summary }</td>
                                                if open[unit_index] {
                                                    { for unit.columns.clone().map(|column| lesson_cell(row.cells.get(column).unwrap_or(&None))) }
                                                }
                                            </>
                                        }
                                    }) }
                                    <td>
                                        <button type="button" onclick={open_report}
                                            aria-label={class_tr_with(language, ClassText::ReportOf, &[("name", name)])}>
                                            { class_tr(language, ClassText::Report) }
                                        </button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Each lesson's pass rate and mean attempts over the counted students.
fn lesson_figures(language: Language, overview: &Overview) -> Html {
    html! {
        <section class="lesson-figures" aria-labelledby="lesson-figures-heading">
            <h3 id="lesson-figures-heading">{ class_tr(language, ClassText::LessonsHeading) }</h3>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ class_tr(language, ClassText::Lesson) }</th>
                        <th scope="col">{ class_tr(language, ClassText::Checked) }</th>
                        <th scope="col">{ class_tr(language, ClassText::PassRate) }</th>
                        <th scope="col">{ class_tr(language, ClassText::MeanAttempts) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for overview.lessons.iter().enumerate().filter(|(_, column)| column.checked > 0).map(|(index, column)| html! {
                        <tr>
                            <th scope="row">{ lesson_title(language, overview, index) }</th>
                            <td class="number">{ column.checked }</td>
                            <td class="number">{ percent_text(column.pass_rate()) }</td>
                            <td class="number">{ format!("{:.1}", column.mean_attempts) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// Where the class is stuck: the tests most counted students failed.
fn most_failed(language: Language, overview: &Overview) -> Html {
    html! {
        <section class="most-failed" aria-labelledby="most-failed-heading">
            <h3 id="most-failed-heading">{ class_tr(language, ClassText::MostFailedHeading) }</h3>
            if overview.most_failed.is_empty() {
                <p>{ class_tr(language, ClassText::NothingFailed) }</p>
            } else {
                <ol>
                    { for overview.most_failed.iter().map(|test| html! {
                        <li>{ class_tr_with(language, ClassText::FailedTest, &[
                            ("lesson", lesson_title(language, overview, test.lesson)),
                            ("test", test.name.clone().unwrap_or_else(|| test.test_id.clone())),
                            ("failed", test.failed.to_string()),
                            ("checked", test.checked.to_string()),
                        ]) }</li>
                    }) }
                </ol>
            }
        </section>
    }
}

/// The counted students by tenth of the attempted points, as a table of bars that screen readers
/// read as numbers.
fn histogram(language: Language, overview: &Overview) -> Html {
    let most = overview.histogram.iter().copied().max().unwrap_or(0).max(1);
    let step = 100 / HISTOGRAM_BINS;
    html! {
        <section class="histogram" aria-labelledby="histogram-heading">
            <h3 id="histogram-heading">{ class_tr(language, ClassText::HistogramHeading) }</h3>
            <p>{ class_tr_with(language, ClassText::HistogramIntro, &[
                ("points", overview.assigned_points().to_string()),
                ("lessons", overview.lessons.len().to_string()),
            ]) }</p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ class_tr(language, ClassText::ScoreRange) }</th>
                        <th scope="col">{ class_tr(language, ClassText::Students) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for overview.histogram.iter().enumerate().map(|(bin, &count)| {
                        let low = bin * step;
                        let range = if bin + 1 == HISTOGRAM_BINS { format!("{low}–100%") } else { format!("{low}–{}%", low + step - 1) };
                        let width = format!("width: {:.1}rem", count as f64 * HISTOGRAM_BAR_REM / most as f64);
                        html! {
                            <tr>
                                <th scope="row">{ range }</th>
                                <td><span class="bar" style={width}></span>{ count }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// The rows whose reports are open.
fn open_rows(
    open: Reports,
    overview: &Overview,
    sort: &UseStateHandle<(SortKey, bool)>,
    class_filter: &UseStateHandle<String>,
    search: &UseStateHandle<String>,
) -> Vec<usize> {
    match open {
        Reports::One(index) => (index < overview.rows.len()).then_some(index).into_iter().collect(),
        Reports::Shown => shown_rows(overview, **sort, class_filter, search),
    }
}

/// The open reports, with a button that prints them (one page each) and one that closes them.
fn reports(language: Language, overview: &Overview, rows: &[usize], report: &UseStateHandle<Option<Reports>>) -> Html {
    let close = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| report.set(None))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <div class="reports">
            <div class="report-actions">
                <button type="button" class="primary" onclick={print}>{ class_tr(language, ClassText::Print) }</button>
                <button type="button" onclick={close}>{ class_tr(language, ClassText::CloseReport) }</button>
            </div>
            { for rows.iter().map(|&index| student_report(language, overview, index)) }
        </div>
    }
}

/// One student's report, to print and hand out.
fn student_report(language: Language, overview: &Overview, index: usize) -> Html {
    let row = &overview.rows[index];
    let student = &row.student;
    let heading = format!("report-heading-{index}");
    html! {
        <section class="student-report" aria-labelledby={heading.clone()}>
            <h3 id={heading} tabindex="-1">{ class_tr_with(language, ClassText::ReportOf, &[("name", row_name(language, row))]) }</h3>
            <p>{ class_tr_with(language, ClassText::ReportWho, &[
                ("class", student.class.clone()),
                ("school", student.school.clone()),
                ("id", student.student_id.clone()),
                ("total", row.total.to_string()),
                ("exported", local_time(language, &row.exported_at)),
            ]) }</p>
            if !row.flags.is_empty() {
                <p class="flags">{ for row.flags.iter().map(|flag| html! {
                    <span class="flag">{ class_tr(language, flag_text(*flag)) }</span>
                }) }</p>
            }
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ class_tr(language, ClassText::Lesson) }</th>
                        <th scope="col">{ class_tr(language, ClassText::Score) }</th>
                        <th scope="col">{ class_tr(language, ClassText::Details) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for row.cells.iter().enumerate().filter_map(|(column, cell)| Some((column, cell.as_ref()?))).map(|(column, cell)| html! {
                        <tr>
                            <th scope="row">{ lesson_title(language, overview, column) }</th>
                            <td class="number">{ class_tr_with(language, ClassText::ScoreOf, &[
                                ("score", cell.score.to_string()),
                                ("max", cell.max_score.to_string()),
                            ]) }</td>
                            <td>{ cell_details(language, ClassText::CellDetails, cell) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
