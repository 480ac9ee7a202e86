//! The classroom module's own words, in Chinese (the default) and English: the teachers' pages live
//! in that module, so their words do too, and the first screen does not carry them. Like
//! `crate::i18n`, whose look-up, placeholder filling and table check it uses: one table per
//! language.

use sprout_runtime::messages::Language;

use crate::i18n::{fill, words, Table};

/// A piece of the teachers' pages' text, by its stable id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassText {
    /// Heading of the place where files are dropped.
    FilesHeading,
    /// What to drop there, and that nothing is uploaded.
    FilesIntro,
    /// The button that picks result files.
    PickFiles,
    /// The button that picks a whole folder.
    PickFolder,
    /// Forget every file dropped in.
    Clear,
    /// Which course the files are read against: the app's own. Placeholders: `{course}`,
    /// `{version}`.
    ReadAgainst,
    /// Which course the files are read against: a dropped pack's. Placeholders: `{file}`,
    /// `{course}`, `{version}`.
    ReadAgainstPack,
    /// Files, counted students, flagged and unreadable files. Placeholders: `{files}`,
    /// `{students}`, `{flagged}`, `{unreadable}`.
    Summary,
    /// Files of a folder left out for not being `.json`, `.zip` or `.pack`. Placeholder: `{count}`.
    SkippedFiles,
    /// Heading of the files that are not result files.
    UnreadableHeading,
    /// Heading of the students × lessons table.
    TableHeading,
    /// Label of the class filter.
    ClassFilter,
    /// The class filter's choice for every class.
    AllClasses,
    /// Label of the search box (name or student id).
    Search,
    /// Column: name.
    Name,
    /// Column: class.
    Class,
    /// Column: total score.
    Total,
    /// Column: why a file does not count.
    Flags,
    /// Column and button: a student's report.
    Report,
    /// A cell's details. Placeholders: `{attempts}`, `{minutes}`.
    CellDetails,
    /// A cell's details in a few characters, under its score. Placeholders: `{attempts}`,
    /// `{minutes}`.
    CellShort,
    /// The file was edited after export.
    FlagTampered,
    /// Another file of the same student counts instead.
    FlagDuplicate,
    /// The file is from another course pack.
    FlagOtherPack,
    /// The button that downloads the table.
    DownloadCsv,
    /// The downloaded table's file name.
    CsvFileName,
    /// Heading of the per-lesson figures.
    LessonsHeading,
    /// Column: lesson.
    Lesson,
    /// Column: students who checked the lesson.
    Checked,
    /// Column: pass rate.
    PassRate,
    /// Column: mean number of checks.
    MeanAttempts,
    /// Heading of the most-failed tests.
    MostFailedHeading,
    /// When no counted student failed a test.
    NothingFailed,
    /// One of the most-failed tests. Placeholders: `{lesson}`, `{test}`, `{failed}`, `{checked}`.
    FailedTest,
    /// Heading of the histogram.
    HistogramHeading,
    /// What the histogram's percentages are of. Placeholder: `{points}`.
    HistogramIntro,
    /// Column: a range of scores.
    ScoreRange,
    /// Column: number of students.
    Students,
    /// Heading of a student's report, and the label of the button that opens it. Placeholder:
    /// `{name}`.
    ReportOf,
    /// Who the report is about. Placeholders: `{class}`, `{school}`, `{id}`, `{total}`, `{exported}`.
    ReportWho,
    /// Column: score.
    Score,
    /// Column: attempts and time.
    Details,
    /// Open the reports of every student the table shows.
    AllReports,
    /// Print the open reports.
    Print,
    /// Close the report.
    CloseReport,
    /// What the lesson editor is for.
    AuthorIntro,
    /// Heading of the lesson's pieces.
    AuthorLesson,
    /// Opens a lesson file into the editor.
    OpenLesson,
    /// Label of the front matter.
    FrontMatter,
    /// Label of the lesson text.
    LessonTextLabel,
    /// Label of the starter code.
    StarterLabel,
    /// Label of the reference solution.
    SolutionLabel,
    /// Label of a hint. Placeholder: `{number}`.
    HintLabel,
    /// Adds a hint.
    AddHint,
    /// Removes the last hint.
    RemoveHint,
    /// Label of the tests.
    TestsLabel,
    /// Verifies the lesson.
    Verify,
    /// Said while the worker verifies.
    Verifying,
    /// The lesson has no problem.
    VerifyPassed,
    /// Before the list of problems. Placeholder: `{count}`.
    VerifyProblems,
    /// The worker failed.
    VerifyFailed,
    /// The lesson changed since the shown verification.
    VerifyStale,
    /// Downloads the lesson file.
    SaveLesson,
    /// Heading of the preview.
    Preview,
    /// Heading of the course being put together.
    CourseHeading,
    /// What the course pack is for.
    CourseIntro,
    /// Label of the course id.
    CourseId,
    /// Label of the course title.
    CourseTitle,
    /// Adds the verified lesson to the course.
    AddToCourse,
    /// Why adding may be off.
    AddNeedsVerify,
    /// The course has no lesson yet.
    NoLessonsYet,
    /// Removes a lesson from the course. Placeholder: `{title}`.
    RemoveLesson,
    /// Downloads the students' copy.
    DownloadStudentPack,
    /// Downloads the full copy.
    DownloadFullPack,
    /// Opens a course's full copy to go on with it.
    OpenPack,
    /// A students' copy opened in the editor.
    PackNotFull,
    /// Browser storage refused the editor's work.
    EditorNotKept,
}

fn table(language: Language) -> Table<ClassText> {
    match language {
        Language::ZhCn => ZH_CN,
        Language::En => EN,
    }
}

/// `text` in `language` (Chinese when missing).
pub fn class_tr(language: Language, text: ClassText) -> &'static str {
    words(table, language, text)
}

/// `text` in `language` with each `{name}` placeholder replaced by its value.
pub fn class_tr_with(language: Language, text: ClassText, values: &[(&str, String)]) -> String {
    fill(class_tr(language, text), values)
}

const ZH_CN: &[(ClassText, &str)] = &[
    (ClassText::FilesHeading, "成绩文件"),
    (ClassText::FilesIntro, "把学生导出的成绩文件（.json，或“导出这次的作品”得到的 .zip）拖到这里，或者选择文件、选择整个文件夹。文件只在这个页面里读取，不会上传到任何地方。"),
    (ClassText::PickFiles, "选择成绩文件"),
    (ClassText::PickFolder, "选择文件夹"),
    (ClassText::Clear, "清空"),
    (ClassText::ReadAgainstPack, "按课程包 {file} 里的“{course}”（版本 {version}）统计。"),
    (ClassText::ReadAgainst, "按课程“{course}”（版本 {version}）统计。比赛或自编课程的成绩，请把它的课程包文件（.pack）一起拖进来。"),
    (ClassText::Summary, "共 {files} 个文件：{students} 名学生计入统计，{flagged} 个文件有标记（不计入），{unreadable} 个文件无法读取。"),
    (ClassText::SkippedFiles, "文件夹里另有 {count} 个不是 .json、.zip 或 .pack 的文件，已跳过。"),
    (ClassText::UnreadableHeading, "无法读取的文件"),
    (ClassText::TableHeading, "学生 × 课"),
    (ClassText::ClassFilter, "班级"),
    (ClassText::AllClasses, "全部班级"),
    (ClassText::Search, "查找姓名或学号"),
    (ClassText::Name, "姓名"),
    (ClassText::Class, "班级"),
    (ClassText::Total, "总分"),
    (ClassText::Flags, "标记"),
    (ClassText::Report, "报告"),
    (ClassText::CellDetails, "检查 {attempts} 次，用时 {minutes} 分钟"),
    (ClassText::CellShort, "{attempts} 次 · {minutes} 分"),
    (ClassText::FlagTampered, "导出后被改动"),
    (ClassText::FlagDuplicate, "重复（以较晚的文件为准）"),
    (ClassText::FlagOtherPack, "来自其他课程包"),
    (ClassText::DownloadCsv, "下载表格（CSV，可用 Excel 打开）"),
    (ClassText::CsvFileName, "学情分析.csv"),
    (ClassText::LessonsHeading, "每课通过率"),
    (ClassText::Lesson, "课"),
    (ClassText::Checked, "检查过的人数"),
    (ClassText::PassRate, "通过率"),
    (ClassText::MeanAttempts, "平均检查次数"),
    (ClassText::MostFailedHeading, "卡住最多的测试"),
    (ClassText::NothingFailed, "没有学生没通过的测试。"),
    (ClassText::FailedTest, "{lesson}：{test}（{failed} 人没通过，共 {checked} 人检查过）"),
    (ClassText::HistogramHeading, "分数分布"),
    (ClassText::HistogramIntro, "按学生得分占已做课程满分（{points} 分）的比例分段。"),
    (ClassText::ScoreRange, "得分率"),
    (ClassText::Students, "人数"),
    (ClassText::ReportOf, "{name} 的学习报告"),
    (ClassText::ReportWho, "班级：{class}　学校：{school}　学号：{id}　总分：{total}　导出时间：{exported}"),
    (ClassText::Score, "得分"),
    (ClassText::Details, "检查次数与用时"),
    (ClassText::AllReports, "表格中每个学生的报告（打印时每人一页）"),
    (ClassText::Print, "打印报告"),
    (ClassText::CloseReport, "关闭报告"),
    (ClassText::AuthorIntro, "在这里写一课：文件头、课文、起始代码、参考答案、提示和测试，写法和课程文件一样（docs/lesson-format.md）。“检查这一课”在后台运行参考答案和起始代码，和 sprout check 报告一样的问题。"),
    (ClassText::AuthorLesson, "这一课"),
    (ClassText::OpenLesson, "打开课程文件（.md）"),
    (ClassText::FrontMatter, "文件头（TOML：id、title 等）"),
    (ClassText::LessonTextLabel, "课文（Markdown）"),
    (ClassText::StarterLabel, "起始代码（可以空着）"),
    (ClassText::SolutionLabel, "参考答案"),
    (ClassText::HintLabel, "提示 {number}"),
    (ClassText::AddHint, "再加一条提示"),
    (ClassText::RemoveHint, "删掉最后一条提示"),
    (ClassText::TestsLabel, "测试（TOML）"),
    (ClassText::Verify, "检查这一课"),
    (ClassText::Verifying, "正在运行参考答案和起始代码……"),
    (ClassText::VerifyPassed, "没有问题：参考答案通过了全部测试，起始代码没有全部通过。"),
    (ClassText::VerifyProblems, "发现 {count} 个问题："),
    (ClassText::VerifyFailed, "检查工具出错了。请再按一次“检查这一课”，或刷新页面。"),
    (ClassText::VerifyStale, "（这是修改之前的检查结果，请重新检查。）"),
    (ClassText::SaveLesson, "保存课程文件（.md）"),
    (ClassText::Preview, "预览"),
    (ClassText::CourseHeading, "课程包"),
    (ClassText::CourseIntro, "检查通过的课可以加入课程包。下载学生版发给学生，学生在首页用“打开老师发的课程或比赛文件”打开；完整版留给自己，用 sprout grade 评分。"),
    (ClassText::CourseId, "课程编号（小写字母、数字和 -）"),
    (ClassText::CourseTitle, "课程名称"),
    (ClassText::AddToCourse, "加入课程包"),
    (ClassText::AddNeedsVerify, "先检查这一课，没有问题才能加入。"),
    (ClassText::NoLessonsYet, "课程包里还没有课。"),
    (ClassText::RemoveLesson, "移出《{title}》"),
    (ClassText::DownloadStudentPack, "下载学生版课程包"),
    (ClassText::DownloadFullPack, "下载完整版课程包（评分用）"),
    (ClassText::OpenPack, "打开课程包（完整版，接着编辑）"),
    (ClassText::PackNotFull, "这是学生版，没有参考答案和隐藏测试。请打开完整版课程包。"),
    (ClassText::EditorNotKept, "浏览器不让保存（可能是存储满了或被禁止）：关掉页面前请先“保存课程文件”，并下载课程包。"),
];

const EN: &[(ClassText, &str)] = &[
    (ClassText::FilesHeading, "Result files"),
    (ClassText::FilesIntro, "Drop the result files your students exported (.json, or the .zip of “Export this work”) here, or pick files or a whole folder. The files are read in this page only and are never uploaded."),
    (ClassText::PickFiles, "Pick result files"),
    (ClassText::PickFolder, "Pick a folder"),
    (ClassText::Clear, "Clear"),
    (ClassText::ReadAgainstPack, "Read against the pack {file}: “{course}” (version {version})."),
    (ClassText::ReadAgainst, "Read against the course “{course}” (version {version}). For a contest or a course of your own, drop its pack file (.pack) in too."),
    (ClassText::Summary, "{files} files: {students} students counted, {flagged} files flagged (not counted), {unreadable} files unreadable."),
    (ClassText::SkippedFiles, "{count} files of the folder are not .json, .zip or .pack and were skipped."),
    (ClassText::UnreadableHeading, "Files that could not be read"),
    (ClassText::TableHeading, "Students × lessons"),
    (ClassText::ClassFilter, "Class"),
    (ClassText::AllClasses, "All classes"),
    (ClassText::Search, "Find a name or student id"),
    (ClassText::Name, "Name"),
    (ClassText::Class, "Class"),
    (ClassText::Total, "Total"),
    (ClassText::Flags, "Flags"),
    (ClassText::Report, "Report"),
    (ClassText::CellDetails, "checked {attempts} times, {minutes} minutes"),
    (ClassText::CellShort, "{attempts}× · {minutes} min"),
    (ClassText::FlagTampered, "edited after export"),
    (ClassText::FlagDuplicate, "duplicate (the later file counts)"),
    (ClassText::FlagOtherPack, "from another course pack"),
    (ClassText::DownloadCsv, "Download the table (CSV, opens in Excel)"),
    (ClassText::CsvFileName, "class-overview.csv"),
    (ClassText::LessonsHeading, "Pass rate per lesson"),
    (ClassText::Lesson, "Lesson"),
    (ClassText::Checked, "Students who checked"),
    (ClassText::PassRate, "Pass rate"),
    (ClassText::MeanAttempts, "Mean checks"),
    (ClassText::MostFailedHeading, "Where the class is stuck: the most-failed tests"),
    (ClassText::NothingFailed, "No student failed a test."),
    (ClassText::FailedTest, "{lesson}: {test} ({failed} of {checked} students failed it)"),
    (ClassText::HistogramHeading, "Score distribution"),
    (ClassText::HistogramIntro, "Students by the share they scored of the full points of the lessons done ({points} points)."),
    (ClassText::ScoreRange, "Share scored"),
    (ClassText::Students, "Students"),
    (ClassText::ReportOf, "Report of {name}"),
    (ClassText::ReportWho, "Class: {class}  School: {school}  Student id: {id}  Total: {total}  Exported: {exported}"),
    (ClassText::Score, "Score"),
    (ClassText::Details, "Checks and time"),
    (ClassText::AllReports, "Reports of every student in the table (one page each when printed)"),
    (ClassText::Print, "Print the reports"),
    (ClassText::CloseReport, "Close the reports"),
    (ClassText::AuthorIntro, "Write a lesson here: front matter, text, starter, solution, hints and tests, as in a lesson file (docs/lesson-format.md). Verify runs the solution and the starter in the background and reports the same problems as sprout check."),
    (ClassText::AuthorLesson, "This lesson"),
    (ClassText::OpenLesson, "Open a lesson file (.md)"),
    (ClassText::FrontMatter, "Front matter (TOML: id, title, …)"),
    (ClassText::LessonTextLabel, "Text (Markdown)"),
    (ClassText::StarterLabel, "Starter code (may be empty)"),
    (ClassText::SolutionLabel, "Reference solution"),
    (ClassText::HintLabel, "Hint {number}"),
    (ClassText::AddHint, "Add a hint"),
    (ClassText::RemoveHint, "Remove the last hint"),
    (ClassText::TestsLabel, "Tests (TOML)"),
    (ClassText::Verify, "Verify this lesson"),
    (ClassText::Verifying, "Running the solution and the starter…"),
    (ClassText::VerifyPassed, "No problems: the solution passes every test and the starter does not."),
    (ClassText::VerifyProblems, "{count} problem(s):"),
    (ClassText::VerifyFailed, "The verifier failed. Press Verify again, or reload the page."),
    (ClassText::VerifyStale, "(This was before your last edit: verify again.)"),
    (ClassText::SaveLesson, "Save the lesson file (.md)"),
    (ClassText::Preview, "Preview"),
    (ClassText::CourseHeading, "Course pack"),
    (ClassText::CourseIntro, "Verified lessons can go into the course pack. Hand the students' copy out: students open it on the home page with “open a course or contest file”. Keep the full copy for sprout grade."),
    (ClassText::CourseId, "Course id (lowercase letters, digits and -)"),
    (ClassText::CourseTitle, "Course title"),
    (ClassText::AddToCourse, "Add to the course pack"),
    (ClassText::AddNeedsVerify, "Verify this lesson first; only a lesson without problems can be added."),
    (ClassText::NoLessonsYet, "The course pack has no lessons yet."),
    (ClassText::RemoveLesson, "Remove “{title}”"),
    (ClassText::DownloadStudentPack, "Download the students' copy"),
    (ClassText::DownloadFullPack, "Download the full copy (for grading)"),
    (ClassText::OpenPack, "Open a course pack (full copy, to go on with it)"),
    (ClassText::PackNotFull, "This is a students' copy, without solutions and hidden tests: open the full copy."),
    (ClassText::EditorNotKept, "The browser refuses to keep your work (storage full or blocked): save the lesson file and download the course pack before closing the page."),
];

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [ClassText; 77] = [
        ClassText::FilesHeading,
        ClassText::FilesIntro,
        ClassText::PickFiles,
        ClassText::PickFolder,
        ClassText::Clear,
        ClassText::ReadAgainst,
        ClassText::ReadAgainstPack,
        ClassText::Summary,
        ClassText::SkippedFiles,
        ClassText::UnreadableHeading,
        ClassText::TableHeading,
        ClassText::ClassFilter,
        ClassText::AllClasses,
        ClassText::Search,
        ClassText::Name,
        ClassText::Class,
        ClassText::Total,
        ClassText::Flags,
        ClassText::Report,
        ClassText::CellDetails,
        ClassText::CellShort,
        ClassText::FlagTampered,
        ClassText::FlagDuplicate,
        ClassText::FlagOtherPack,
        ClassText::DownloadCsv,
        ClassText::CsvFileName,
        ClassText::LessonsHeading,
        ClassText::Lesson,
        ClassText::Checked,
        ClassText::PassRate,
        ClassText::MeanAttempts,
        ClassText::MostFailedHeading,
        ClassText::NothingFailed,
        ClassText::FailedTest,
        ClassText::HistogramHeading,
        ClassText::HistogramIntro,
        ClassText::ScoreRange,
        ClassText::Students,
        ClassText::ReportOf,
        ClassText::ReportWho,
        ClassText::Score,
        ClassText::Details,
        ClassText::AllReports,
        ClassText::Print,
        ClassText::CloseReport,
        ClassText::AuthorIntro,
        ClassText::AuthorLesson,
        ClassText::OpenLesson,
        ClassText::FrontMatter,
        ClassText::LessonTextLabel,
        ClassText::StarterLabel,
        ClassText::SolutionLabel,
        ClassText::HintLabel,
        ClassText::AddHint,
        ClassText::RemoveHint,
        ClassText::TestsLabel,
        ClassText::Verify,
        ClassText::Verifying,
        ClassText::VerifyPassed,
        ClassText::VerifyProblems,
        ClassText::VerifyFailed,
        ClassText::VerifyStale,
        ClassText::SaveLesson,
        ClassText::Preview,
        ClassText::CourseHeading,
        ClassText::CourseIntro,
        ClassText::CourseId,
        ClassText::CourseTitle,
        ClassText::AddToCourse,
        ClassText::AddNeedsVerify,
        ClassText::NoLessonsYet,
        ClassText::RemoveLesson,
        ClassText::DownloadStudentPack,
        ClassText::DownloadFullPack,
        ClassText::OpenPack,
        ClassText::PackNotFull,
        ClassText::EditorNotKept,
    ];

    #[test]
    fn every_language_has_every_id_once_with_the_same_placeholders() {
        crate::i18n::check_tables(table, &ALL);
    }
}
