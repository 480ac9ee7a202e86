//! Contest mode (issue #6): a student opens a contest's pack, the students' copy that
//! `sprout pack --student` writes (`course::read_pack_file`), and works on its problems against
//! the clock.
//!
//! The contest replaces the course in the app's state, so its problems open in the ordinary lesson
//! page and are checked by the same worker and grader; what differs is decided here and in the
//! shell: every problem is open, there are no hints, the clock runs from `duration_minutes`, and
//! the student hands in one result file, which the judge re-grades with the full pack
//! (`sprout grade`). The clock starts when the student opens the first problem: the earliest
//! `started_at` of their progress, which is kept in browser storage per contest, so a reload
//! neither stops nor restarts it, and which is the moment the judge's `over-time` flag measures
//! from.

use std::rc::Rc;

use sprout_lessons::time::seconds_since_epoch;
use sprout_lessons::{Pack, Student};
use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::pages::home::{student_field, title};
use crate::state::SharedPack;
use crate::storage::progress::Progress;

/// When the student's contest started (seconds since 1970): when they opened its first problem.
pub fn started_at(progress: &Progress) -> Option<u64> {
    progress.lessons.values().filter_map(|lesson| seconds_since_epoch(&lesson.started_at)).min()
}

/// Seconds left at `now` (seconds since 1970), below zero once the time is up; `None` before the
/// contest started or for a pack without a time window.
pub fn seconds_left(pack: &Pack, progress: &Progress, now: f64) -> Option<f64> {
    let minutes = pack.course.duration_minutes?;
    Some(started_at(progress)? as f64 + f64::from(minutes) * 60.0 - now)
}

/// The browser's clock in seconds since 1970.
fn now_seconds() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// Whether the student filled in what a contest needs to know of them.
pub fn identified(student: &Student) -> bool {
    [&student.name, &student.school, &student.student_id].iter().all(|field| !field.trim().is_empty())
}

/// `h:mm:ss` or `mm:ss` of a number of seconds.
fn clock_text(seconds: f64) -> String {
    let seconds = seconds.max(0.0).ceil() as u64;
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

/// Props of [`ContestBar`].
#[derive(Properties, PartialEq)]
pub struct ContestBarProps {
    /// The interface language.
    pub language: Language,
    /// The contest.
    pub course: SharedPack,
    /// The student's work in it.
    pub progress: Rc<Progress>,
    /// Whether the app already knows the time is up.
    pub time_up: bool,
    /// The time ran out.
    pub on_time_up: Callback<()>,
    /// Back to the contest's page.
    pub on_home: Callback<()>,
}

/// The bar every page shows during a contest: its name, the clock and the way back to the
/// problems. It reads the clock every second and tells the app once when the time is up.
#[component]
pub fn ContestBar(props: &ContestBarProps) -> Html {
    let language = props.language;
    let now = use_state(now_seconds);
    {
        let now = now.setter();
        use_effect_with((), move |_| {
            let tick = Closure::<dyn Fn()>::new(move || now.set(now_seconds()));
            let handle = web_sys::window().and_then(|window| {
                window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000).ok()
            });
            move || {
                if let (Some(window), Some(handle)) = (web_sys::window(), handle) {
                    window.clear_interval_with_handle(handle);
                }
                drop(tick);
            }
        });
    }
    let left = seconds_left(&props.course.0, &props.progress, *now);
    {
        let (on_time_up, over) = (props.on_time_up.clone(), left.is_some_and(|left| left <= 0.0) && !props.time_up);
        use_effect_with(over, move |&over| {
            if over {
                on_time_up.emit(());
            }
        });
    }
    let clock = match left {
        None => html! { <span class="contest-clock">{ tr(language, Text::ContestNotStarted) }</span> },
        Some(left) if left <= 0.0 => html! {
            <span class="contest-clock over" role="alert">{ tr(language, Text::ContestTimeUp) }</span>
        },
        Some(left) => html! {
            <span class="contest-clock" role="timer">
                { tr(language, Text::ContestTimeLeft) }{ " " }<strong>{ clock_text(left) }</strong>
            </span>
        },
    };
    html! {
        <div class="contest-bar" role="region" aria-label={tr(language, Text::ContestHeading)}>
            <button type="button" onclick={props.on_home.reform(|_: MouseEvent| ())}>
                { "☰ " }{ title(language, &props.course.0.course.title) }
            </button>
            { clock }
        </div>
    }
}

/// Props of [`ContestHome`].
#[derive(Properties, PartialEq)]
pub struct ContestHomeProps {
    /// The interface language.
    pub language: Language,
    /// The contest.
    pub course: SharedPack,
    /// The student's work in it.
    pub progress: Rc<Progress>,
    /// Opens a problem by id (the first opening starts the clock).
    pub on_open: Callback<String>,
    /// The student changed who they are.
    pub on_student: Callback<Student>,
    /// Download the hand-in file.
    pub on_hand_in: Callback<()>,
    /// Back to the course; the contest's work stays in storage.
    pub on_leave: Callback<()>,
    /// A message about the last hand-in.
    pub notice: Option<AttrValue>,
}

/// The contest's page: its rules, who the student is, the problems with their last checks, and
/// handing in.
#[component]
pub fn ContestHome(props: &ContestHomeProps) -> Html {
    let language = props.language;
    let pack = &props.course.0;
    let progress = &props.progress;
    let student = &progress.student;
    let started = started_at(progress).is_some();
    let points: u32 = pack.lessons.iter().map(|lesson| lesson.points).sum();
    let facts = tr_with(
        language,
        Text::ContestFacts,
        &[
            ("problems", pack.lessons.len().to_string()),
            ("points", points.to_string()),
            ("minutes", pack.course.duration_minutes.unwrap_or_default().to_string()),
        ],
    );
    let field =
        |id, label, value: &str, set| student_field(language, id, label, value, student, &props.on_student, set);
    let first = pack.course.lesson_ids().next().map(str::to_string);
    let start = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(first) = &first {
                on_open.emit(first.clone());
            }
        })
    };
    let problems = pack.course.lesson_ids().filter_map(|id| pack.lesson(id)).enumerate().map(|(index, lesson)| {
        let checked = progress.lessons.get(&lesson.id).and_then(|saved| saved.checked.as_ref());
        let status = match checked {
            Some((_, claim)) => tr_with(
                language,
                Text::ContestChecked,
                &[("score", claim.score.to_string()), ("points", claim.max_score.to_string())],
            ),
            None => tr(language, Text::ContestNotChecked).to_string(),
        };
        let onclick = props.on_open.reform({
            let id = lesson.id.clone();
            move |_: MouseEvent| id.clone()
        });
        let name = format!("{}. {}", index + 1, title(language, &lesson.title));
        html! {
            <li class="lesson">
                <button type="button" {onclick} disabled={!started}>
                    <span class="name">{ name }</span>{ " " }<span class="lesson-status">{ status }</span>
                </button>
            </li>
        }
    });
    html! {
        <main class="home contest" id="main">
            <section class="course" aria-labelledby="course-heading">
                <h2 id="course-heading">{ tr(language, Text::ContestHeading) }{ "：" }{ title(language, &pack.course.title) }</h2>
                <p class="contest-facts">{ facts }</p>
                <p>{ tr(language, Text::ContestRules) }</p>
                if started {
                    <h3>{ tr(language, Text::ContestProblems) }</h3>
                    <ol class="lessons">{ for problems }</ol>
                } else {
                    <button type="button" class="continue primary" disabled={!identified(student)} onclick={start}>
                        { tr(language, Text::ContestStart) }
                    </button>
                }
            </section>
            <section class="student" aria-labelledby="student-heading">
                <h2 id="student-heading">{ tr(language, Text::ContestWhoAreYou) }</h2>
                { field("student-name", Text::StudentName, &student.name, |student: &mut Student, value| student.name = value) }
                { field("student-school", Text::StudentSchool, &student.school, |student: &mut Student, value| student.school = value) }
                { field("student-id", Text::ContestId, &student.student_id, |student: &mut Student, value| student.student_id = value) }
                <div class="file-actions">
                    <button type="button" class="primary" disabled={!started} onclick={props.on_hand_in.reform(|_: MouseEvent| ())}>
                        { tr(language, Text::ContestHandIn) }
                    </button>
                    <button type="button" onclick={props.on_leave.reform(|_: MouseEvent| ())}>{ tr(language, Text::ContestLeave) }</button>
                </div>
                <p class="notice" role="status">{ props.notice.clone().unwrap_or_default() }</p>
            </section>
        </main>
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::course::read_pack_file;
    use sprout_lessons::{build_pack, parse_course, parse_lesson, resolve};

    /// A course or contest (`kind`) of one lesson, as `sprout pack` writes it (`full`: the
    /// teachers' and judges' copy).
    pub(crate) fn contest_file(kind: &str, full: bool) -> String {
        let course = format!(
            "id = \"c\"\nversion = \"1\"\nkind = \"{kind}\"\nduration_minutes = 90\ntitle = {{ zh = \"赛\" }}\n\n[[unit]]\nid = \"u\"\ntitle = {{ zh = \"一\" }}\nlessons = [\"p\"]\n"
        );
        let course = parse_course("course.toml", course.as_bytes()).expect("a course");
        let lesson = "+++\nid = \"p\"\ntitle = { zh = \"题\" }\n+++\n\n打印 1。\n\n```rhai solution\nprint(1);\n```\n\n```hint\n用 print。\n```\n\n```tests\n[[test]]\nkind = \"output\"\npoints = 100\n```\n";
        let mut lesson = parse_lesson("p.md", lesson.as_bytes()).expect("a lesson");
        resolve(&mut lesson, "p.md").expect("the solution runs");
        serde_json::to_string(&build_pack(&course, &[lesson], full)).expect("a pack serializes")
    }

    #[test]
    fn the_clock_runs_from_the_first_problem_opened() {
        let pack = read_pack_file(&contest_file("contest", false)).expect("a contest");
        let mut progress = Progress::default();
        assert_eq!(seconds_left(&pack, &progress, 0.0), None, "not started");
        let lesson = &pack.lessons[0];
        progress.open(lesson, "2026-11-24T08:00:00Z");
        let start = seconds_since_epoch("2026-11-24T08:00:00Z").expect("a time") as f64;
        assert_eq!(seconds_left(&pack, &progress, start + 60.0), Some(89.0 * 60.0));
        assert_eq!(seconds_left(&pack, &progress, start + 90.0 * 60.0 + 1.0), Some(-1.0));
        assert_eq!(clock_text(89.0 * 60.0), "1:29:00");
        assert_eq!(clock_text(3599.2), "1:00:00", "a started second counts");
        assert_eq!(clock_text(59.0 * 60.0), "59:00");
        assert_eq!(clock_text(3600.0 + 61.5), "1:01:02");
        assert_eq!(clock_text(-5.0), "00:00");
    }

    #[test]
    fn a_contest_needs_a_name_a_school_and_an_id() {
        let mut student = Student { name: "李雷".into(), school: "一中".into(), ..Student::default() };
        assert!(!identified(&student));
        student.student_id = "  ".into();
        assert!(!identified(&student));
        student.student_id = "A-07".into();
        assert!(identified(&student));
    }
}
