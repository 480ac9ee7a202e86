//! `sprout check` for one lesson: beyond parsing, the reference solution must pass every test and
//! the starter code must fail at least one, so that a lesson handed to students can be done and is
//! not done already. A lesson of a course needs a hint too; a contest's problem does not, since a
//! contest never shows hints (its packs leave them out), so it is checked without that rule.

use crate::grade::{grade_revealing, resolve_with, FeedbackCode, Runner, Selection, Verdict, Watchdog};
use crate::model::Lesson;
use crate::problem::{Problem, ProblemCode};

/// Resolves `lesson`'s expected answers and checks it as a lesson of a course: at least one hint
/// (a student who is stuck gets them one at a time), then everything [`check_contest_problem`]
/// checks. Returns every problem.
pub fn check_lesson(lesson: &mut Lesson, file: &str) -> Vec<Problem> {
    check_lesson_watched(lesson, file, None)
}

/// [`check_lesson`] with every run under `watchdog`, when there is one (see [`Watchdog`]).
pub fn check_lesson_watched(lesson: &mut Lesson, file: &str, watchdog: Option<Watchdog>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if lesson.hints.is_empty() {
        problems.push(Problem::new(file, ProblemCode::MissingHint).at(1));
    }
    problems.extend(check_contest_problem_watched(lesson, file, watchdog));
    problems
}

/// Resolves `lesson`'s expected answers and checks it as a contest's problem: its reference
/// solution passes every test and its starter fails one. Hints are not asked for: a contest shows
/// none. Returns every problem.
pub fn check_contest_problem(lesson: &mut Lesson, file: &str) -> Vec<Problem> {
    check_contest_problem_watched(lesson, file, None)
}

/// [`check_contest_problem`] with every run under `watchdog`, when there is one (see [`Watchdog`]).
pub fn check_contest_problem_watched(lesson: &mut Lesson, file: &str, watchdog: Option<Watchdog>) -> Vec<Problem> {
    let runner = Runner::new(watchdog);
    if let Err(problems) = resolve_with(lesson, file, runner) {
        return problems.0;
    }
    let mut problems = Vec::new();
    let solution = lesson.solution.clone().unwrap_or_default();
    for test in grade_revealing(lesson, &solution, Selection::All, true, runner).tests {
        if test.verdict == Verdict::Passed {
            continue;
        }
        let feedback = test.feedback.unwrap_or_else(|| crate::grade::Feedback {
            code: FeedbackCode::NotResolved,
            args: Default::default(),
            diagnostic: None,
        });
        let detail = feedback
            .diagnostic
            .as_ref()
            .map_or_else(|| feedback.code.id(), |diagnostic| diagnostic.code.id().to_string());
        let problem = if feedback.code == FeedbackCode::CheckerFailed {
            let detail = feedback.args.get("detail").cloned().unwrap_or(detail);
            Problem::new(file, ProblemCode::CheckerBroken).with("test", &test.test_id).with("detail", detail)
        } else {
            Problem::new(file, ProblemCode::SolutionFails)
                .with("test", &test.test_id)
                .with("verdict", test.verdict.short())
                .with("detail", detail)
        };
        problems.push(problem);
    }
    if grade_revealing(lesson, &lesson.starter, Selection::All, false, runner).passed {
        problems.push(Problem::new(file, ProblemCode::StarterPasses));
    }
    problems
}
