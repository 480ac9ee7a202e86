//! The app's own words, in Chinese (the default) and English.
//!
//! Each piece of text has a stable id (a [`Text`]); each language has one table from id to text,
//! and a test checks that every table has every id with the same placeholders. A missing entry
//! falls back to Chinese. Diagnostics are not in here: the runtime puts them into words.

use sprout_runtime::messages::Language;

/// A piece of UI text, by its stable id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// The app's name, in the header and the window title.
    AppTitle,
    /// The name of the language itself, shown on its button in the language switch.
    LanguageName,
    /// Label of the group of language buttons.
    LanguageSwitch,
    /// Label of the program editor.
    EditorLabel,
    /// Label of the box with the lines that `input()` reads.
    InputLabel,
    /// The run button.
    RunButton,
    /// What the run button does, for screen readers.
    RunDescription,
    /// The stop button.
    StopButton,
    /// What the stop button does, for screen readers.
    StopDescription,
    /// Heading of the output console.
    ConsoleHeading,
    /// Status while a program runs.
    StatusRunning,
    /// Status after the student stopped the program.
    StatusStopped,
    /// Status after a program ended by itself.
    StatusFinished,
    /// Status after a program used up its virtual time.
    StatusTimeUp,
    /// Status after the worker itself failed.
    StatusWorkerFailed,
    /// Where a mistake is. Placeholders: `{line}`, `{column}`.
    DiagnosticPosition,
    /// Before a diagnostic's hint.
    HintPrefix,
    /// Heading of the turtle canvas.
    CanvasHeading,
    /// Description of the canvas for screen readers. Placeholder: `{count}` (lines drawn).
    CanvasDescription,
    /// Heading of the maker board (LEDs, buttons and sensors).
    BoardHeading,
    /// Description of the LED board for screen readers. Placeholder: `{count}` (LEDs on).
    LedDescription,
    /// The program the editor starts with.
    StarterProgram,
    /// How to leave the code editor with the keyboard.
    EditorDescription,
    /// Heading of the course page.
    HomeHeading,
    /// Continue with the lesson the student left. Placeholder: `{title}`.
    ContinueButton,
    /// Link to the free editor.
    PlaygroundLink,
    /// A lesson's status: passed.
    LessonDone,
    /// A lesson's status: opened, not passed yet.
    LessonStarted,
    /// A lesson's status: may be opened.
    LessonOpen,
    /// A lesson's status: locked.
    LessonLocked,
    /// Heading of a locked lesson opened by its address.
    LockedHeading,
    /// What to pass first before a locked lesson opens; `{title}` is that lesson.
    LockedExplanation,
    /// Link to the lesson to pass first; `{title}` is that lesson.
    LockedGoTo,
    /// A lesson's best score. Placeholder: `{score}`.
    BestScore,
    /// Back to the course page.
    BackHome,
    /// The check button.
    CheckButton,
    /// What the check button does, for screen readers.
    CheckDescription,
    /// The hint button.
    HintButton,
    /// What the hint button does, for screen readers.
    HintDescription,
    /// Heading of a shown hint. Placeholder: `{number}`.
    HintNumber,
    /// All hints are shown.
    NoMoreHints,
    /// The button that puts the starter code back.
    ResetButton,
    /// Question before putting the starter code back.
    ResetConfirm,
    /// Status while the program is checked.
    StatusChecking,
    /// Status after a check.
    StatusChecked,
    /// Heading of the check results.
    GradingHeading,
    /// The score of a check. Placeholders: `{score}`, `{max}`.
    GradeScore,
    /// Every test passed.
    GradePassed,
    /// Some tests failed.
    GradeNotPassed,
    /// Go to the next lesson. Placeholder: `{title}`.
    NextLesson,
    /// Name of a test without a name. Placeholder: `{number}`.
    TestNumber,
    /// Shown for a hidden test.
    HiddenTest,
    /// Verdict: passed.
    VerdictPassed,
    /// Verdict: wrong answer.
    VerdictWrongAnswer,
    /// Verdict: runtime error.
    VerdictRuntimeError,
    /// Verdict: syntax error.
    VerdictCompileError,
    /// Verdict: limit exceeded.
    VerdictLimitExceeded,
    /// Button under an example: load it into the free editor.
    TryExample,
    /// Heading of the lesson's steps list.
    StepsHeading,
    /// Heading of the student's information and results.
    ProgressHeading,
    /// Label of the name field.
    StudentName,
    /// Label of the class field.
    StudentClass,
    /// Label of the school field.
    StudentSchool,
    /// Label of the student id field.
    StudentId,
    /// Button that downloads the result file.
    ExportResults,
    /// No lesson was checked yet.
    NothingToExport,
    /// Button that downloads a backup of the progress.
    BackupButton,
    /// Label of the file picker that restores a backup.
    RestoreButton,
    /// A backup was restored.
    RestoreDone,
    /// A backup could not be restored. Placeholder: `{reason}`.
    RestoreFailed,
    /// Browser storage is blocked.
    StorageUnavailable,
    /// Browser storage is full.
    StorageFull,
    /// Stored progress was damaged.
    StorageDamaged,
    /// Label of the text size and theme controls.
    ViewSettings,
    /// Make the text smaller.
    FontSmaller,
    /// Make the text larger.
    FontLarger,
    /// Toggle the high-contrast theme.
    HighContrast,
    /// The run button's hint in a lesson: trying is free.
    RunInLesson,
    /// Button that downloads a ZIP of the lesson's code, the stage and the result file.
    ExportWork,
    /// What the export button does, for screen readers.
    ExportWorkDescription,
    /// Status while a run plays back.
    StatusPlaying,
    /// Label of the playback speed buttons.
    SpeedLabel,
    /// Name of a speed button. Placeholder: `{factor}` (0.5, 1, 2, 4).
    SpeedTimes,
    /// The speed button that shows the end of the run at once.
    SpeedInstant,
    /// Where playback is, in seconds. Placeholders: `{now}`, `{total}`.
    PlaybackTime,
    /// Name of a board button. Placeholder: `{name}` (A or B).
    BoardButton,
    /// How the board buttons work, for screen readers.
    BoardButtonDescription,
    /// Heading of the sensor sliders.
    SensorsHeading,
    /// Label of the temperature slider.
    SensorTemperature,
    /// Label of the light slider.
    SensorLight,
    /// Label of the sound slider.
    SensorSound,
    /// Label of the left–right tilt slider.
    SensorTiltX,
    /// Label of the forward–back tilt slider.
    SensorTiltY,
    /// The board while a program that reads it plays.
    BoardLive,
    /// The board at other times.
    BoardIdle,
    /// Heading of the charts.
    ChartHeading,
    /// A line chart, for screen readers. Placeholder: `{count}` (points).
    ChartLine,
    /// A scatter chart, for screen readers. Placeholder: `{count}` (points).
    ChartScatter,
    /// A bar chart, for screen readers. Placeholder: `{count}` (bars).
    ChartBar,
    /// A histogram, for screen readers. Placeholder: `{count}` (bins).
    ChartHistogram,
    /// A chart's items after its kind. Placeholder: `{items}`.
    ChartItems,
    /// A chart's ranges after its kind. Placeholders: `{xlow}`, `{xhigh}`, `{ylow}`, `{yhigh}`.
    ChartXyRange,
    /// A chart's value range after its kind. Placeholders: `{low}`, `{high}`.
    ChartValueRange,
    /// Between the items of a list in a sentence.
    ListSeparator,
    /// A histogram bin in words. Placeholders: `{low}`, `{high}`, `{count}`.
    ChartBinItem,
    /// Caption of a chart's data table. Placeholder: `{number}`.
    ChartTableCaption,
    /// Column of x values.
    ChartColumnX,
    /// Column of y values.
    ChartColumnY,
    /// Column of names.
    ChartColumnName,
    /// Column of values.
    ChartColumnValue,
    /// Column of histogram bins.
    ChartColumnRange,
    /// Column of histogram counts.
    ChartColumnCount,
    /// Rows of a data table left out. Placeholder: `{count}`.
    ChartMoreRows,
    /// Charts left out. Placeholders: `{count}` (drawn), `{shown}`.
    ChartsOmitted,
    /// Shown while the AI module downloads and starts.
    AiLoading,
    /// The AI lab page's link on the home page and its heading.
    AiLabLink,
    /// The AI module could not be loaded.
    AiLoadFailed,
    /// Label of the region holding a lesson's AI tool (drawing pad or model lab).
    AiToolLabel,
    /// The home page's link to the class dashboard, for teachers.
    ClassLink,
    /// Label of the place where the classroom module's tool is mounted.
    ClassroomLabel,
    /// Said while the classroom module downloads.
    ClassroomLoading,
    /// The classroom module could not be loaded.
    ClassroomLoadFailed,
    /// Opens a teacher's course or contest file (the label of the file picker on the home page).
    OpenPack,
    /// A file that is not a pack. Placeholder: `{detail}`.
    PackNotPack,
    /// The full copy of a pack (solutions, hidden tests) opened by a student.
    PackFullCopy,
    /// A pack without its lessons' text.
    PackNoText,
    /// Heading of the contest page, and the name of the contest bar.
    ContestHeading,
    /// What a contest is. Placeholders: `{problems}`, `{points}`, `{minutes}`.
    ContestFacts,
    /// The rules of contest mode.
    ContestRules,
    /// Heading of the contest's identity fields.
    ContestWhoAreYou,
    /// Label of the contest id field.
    ContestId,
    /// Starts the contest by opening its first problem.
    ContestStart,
    /// Heading of the contest's problem list.
    ContestProblems,
    /// A problem not checked yet.
    ContestNotChecked,
    /// A problem's last check. Placeholders: `{score}`, `{points}`.
    ContestChecked,
    /// The contest clock before the first problem is opened.
    ContestNotStarted,
    /// Before the time left.
    ContestTimeLeft,
    /// The contest's time is up.
    ContestTimeUp,
    /// Downloads the hand-in file.
    ContestHandIn,
    /// The hand-in file was downloaded. Placeholder: `{file}`.
    ContestHandedIn,
    /// Leaves contest mode; the work stays stored.
    ContestLeave,
    /// Back from a contest's problem to its page.
    ContestBack,
    /// Back from a teacher's course to the one the app carries.
    LeavePack,
    /// Opens the lesson editor (for teachers), and its page's heading.
    AuthorLink,
}

impl Text {
    /// Every id, for the completeness test.
    pub const ALL: [Text; 144] = [
        Text::AppTitle,
        Text::LanguageName,
        Text::LanguageSwitch,
        Text::EditorLabel,
        Text::InputLabel,
        Text::RunButton,
        Text::RunDescription,
        Text::StopButton,
        Text::StopDescription,
        Text::ConsoleHeading,
        Text::StatusRunning,
        Text::StatusStopped,
        Text::StatusFinished,
        Text::StatusTimeUp,
        Text::StatusWorkerFailed,
        Text::DiagnosticPosition,
        Text::HintPrefix,
        Text::CanvasHeading,
        Text::CanvasDescription,
        Text::BoardHeading,
        Text::LedDescription,
        Text::StarterProgram,
        Text::EditorDescription,
        Text::HomeHeading,
        Text::ContinueButton,
        Text::PlaygroundLink,
        Text::LessonDone,
        Text::LessonStarted,
        Text::LessonOpen,
        Text::LessonLocked,
        Text::LockedHeading,
        Text::LockedExplanation,
        Text::LockedGoTo,
        Text::BestScore,
        Text::BackHome,
        Text::CheckButton,
        Text::CheckDescription,
        Text::HintButton,
        Text::HintDescription,
        Text::HintNumber,
        Text::NoMoreHints,
        Text::ResetButton,
        Text::ResetConfirm,
        Text::StatusChecking,
        Text::StatusChecked,
        Text::GradingHeading,
        Text::GradeScore,
        Text::GradePassed,
        Text::GradeNotPassed,
        Text::NextLesson,
        Text::TestNumber,
        Text::HiddenTest,
        Text::VerdictPassed,
        Text::VerdictWrongAnswer,
        Text::VerdictRuntimeError,
        Text::VerdictCompileError,
        Text::VerdictLimitExceeded,
        Text::TryExample,
        Text::StepsHeading,
        Text::ProgressHeading,
        Text::StudentName,
        Text::StudentClass,
        Text::StudentSchool,
        Text::StudentId,
        Text::ExportResults,
        Text::NothingToExport,
        Text::BackupButton,
        Text::RestoreButton,
        Text::RestoreDone,
        Text::RestoreFailed,
        Text::StorageUnavailable,
        Text::StorageFull,
        Text::StorageDamaged,
        Text::ViewSettings,
        Text::FontSmaller,
        Text::FontLarger,
        Text::HighContrast,
        Text::RunInLesson,
        Text::ExportWork,
        Text::ExportWorkDescription,
        Text::StatusPlaying,
        Text::SpeedLabel,
        Text::SpeedTimes,
        Text::SpeedInstant,
        Text::PlaybackTime,
        Text::BoardButton,
        Text::BoardButtonDescription,
        Text::SensorsHeading,
        Text::SensorTemperature,
        Text::SensorLight,
        Text::SensorSound,
        Text::SensorTiltX,
        Text::SensorTiltY,
        Text::BoardLive,
        Text::BoardIdle,
        Text::ChartHeading,
        Text::ChartLine,
        Text::ChartScatter,
        Text::ChartBar,
        Text::ChartHistogram,
        Text::ChartItems,
        Text::ChartXyRange,
        Text::ChartValueRange,
        Text::ListSeparator,
        Text::ChartBinItem,
        Text::ChartTableCaption,
        Text::ChartColumnX,
        Text::ChartColumnY,
        Text::ChartColumnName,
        Text::ChartColumnValue,
        Text::ChartColumnRange,
        Text::ChartColumnCount,
        Text::ChartMoreRows,
        Text::ChartsOmitted,
        Text::AiLoading,
        Text::AiLabLink,
        Text::AiLoadFailed,
        Text::AiToolLabel,
        Text::ClassLink,
        Text::ClassroomLabel,
        Text::ClassroomLoading,
        Text::ClassroomLoadFailed,
        Text::OpenPack,
        Text::PackNotPack,
        Text::PackFullCopy,
        Text::PackNoText,
        Text::ContestHeading,
        Text::ContestFacts,
        Text::ContestRules,
        Text::ContestWhoAreYou,
        Text::ContestId,
        Text::ContestStart,
        Text::ContestProblems,
        Text::ContestNotChecked,
        Text::ContestChecked,
        Text::ContestNotStarted,
        Text::ContestTimeLeft,
        Text::ContestTimeUp,
        Text::ContestHandIn,
        Text::ContestHandedIn,
        Text::ContestLeave,
        Text::ContestBack,
        Text::LeavePack,
        Text::AuthorLink,
    ];
}

const ZH_CN: &[(Text, &str)] = &[
    (Text::AppTitle, "萌芽编程"),
    (Text::LanguageName, "中文"),
    (Text::LanguageSwitch, "界面语言"),
    (Text::EditorLabel, "程序"),
    (Text::InputLabel, "输入（每行给 input() 一次）"),
    (Text::RunButton, "运行"),
    (Text::RunDescription, "运行程序（Ctrl+Enter）"),
    (Text::StopButton, "停止"),
    (Text::StopDescription, "停止正在运行的程序"),
    (Text::ConsoleHeading, "输出"),
    (Text::StatusRunning, "正在运行……"),
    (Text::StatusStopped, "已停止"),
    (Text::StatusFinished, "运行结束"),
    (Text::StatusTimeUp, "时间到，程序停下来了"),
    (Text::StatusWorkerFailed, "运行器出了问题，已经重新准备好，请再运行一次"),
    (Text::DiagnosticPosition, "第 {line} 行第 {column} 列："),
    (Text::HintPrefix, "提示："),
    (Text::CanvasHeading, "海龟画布"),
    (Text::CanvasDescription, "海龟画布：画了 {count} 条线"),
    (Text::BoardHeading, "创客板"),
    (Text::LedDescription, "LED 点阵：{count} 个灯亮着"),
    (
        Text::StarterProgram,
        "// 按 Ctrl+Enter 也能运行。\n\
         print(\"你好，萌芽！\");\n\
         pen_color(\"green\");\n\
         pen_width(3);\n\
         for i in 0..5 {\n    forward(150);\n    right(144);\n}\n\
         led_plot(2, 2);\n",
    ),
    (Text::EditorDescription, "按 Esc 再按 Tab 可以离开编辑器；Tab 键在编辑器里用来缩进。"),
    (Text::HomeHeading, "课程"),
    (Text::ContinueButton, "继续学习：{title}"),
    (Text::PlaygroundLink, "自由编程"),
    (Text::LessonDone, "已完成"),
    (Text::LessonStarted, "学习中"),
    (Text::LessonOpen, "可以学了"),
    (Text::LessonLocked, "未解锁：先完成前面的课"),
    (Text::LockedHeading, "这一课还没有解锁"),
    (Text::LockedExplanation, "先通过《{title}》，这一课就会打开。"),
    (Text::LockedGoTo, "去《{title}》"),
    (Text::BestScore, "最高 {score} 分"),
    (Text::BackHome, "返回课程"),
    (Text::CheckButton, "检查"),
    (Text::CheckDescription, "用这一课的测试检查程序"),
    (Text::HintButton, "提示"),
    (Text::HintDescription, "显示下一条提示"),
    (Text::HintNumber, "提示 {number}"),
    (Text::NoMoreHints, "提示都已经显示了"),
    (Text::ResetButton, "重来"),
    (Text::ResetConfirm, "把程序换回这一课一开始的代码吗？现在的代码会被替换。"),
    (Text::StatusChecking, "正在检查……"),
    (Text::StatusChecked, "检查完了"),
    (Text::GradingHeading, "检查结果"),
    (Text::GradeScore, "得分：{score} / {max}"),
    (Text::GradePassed, "全部通过！真棒！"),
    (Text::GradeNotPassed, "还有测试没通过，看看下面的说明再改一改。"),
    (Text::NextLesson, "下一课：{title}"),
    (Text::TestNumber, "测试 {number}"),
    (Text::HiddenTest, "（隐藏的测试，不显示细节）"),
    (Text::VerdictPassed, "通过"),
    (Text::VerdictWrongAnswer, "答案错误"),
    (Text::VerdictRuntimeError, "运行出错"),
    (Text::VerdictCompileError, "语法错误"),
    (Text::VerdictLimitExceeded, "超出限制"),
    (Text::TryExample, "试一试"),
    (Text::StepsHeading, "步骤"),
    (Text::ProgressHeading, "我的信息和成绩"),
    (Text::StudentName, "姓名"),
    (Text::StudentClass, "班级"),
    (Text::StudentSchool, "学校"),
    (Text::StudentId, "学号"),
    (Text::ExportResults, "导出成绩文件"),
    (Text::NothingToExport, "还没有检查过任何一课，没有成绩可以导出。"),
    (Text::BackupButton, "备份我的进度"),
    (Text::RestoreButton, "从备份文件恢复进度"),
    (Text::RestoreDone, "进度已经从备份恢复。"),
    (Text::RestoreFailed, "这个文件不能用来恢复：{reason}"),
    (Text::StorageUnavailable, "浏览器不允许保存进度。你的代码还在，请用“备份我的进度”保存到文件。"),
    (Text::StorageFull, "浏览器的存储空间满了，进度没能保存。你的代码还在，请用“备份我的进度”保存到文件。"),
    (Text::StorageDamaged, "保存的进度损坏了，已经另外存放起来，现在从头开始。"),
    (Text::ViewSettings, "显示设置"),
    (Text::FontSmaller, "缩小字号"),
    (Text::FontLarger, "放大字号"),
    (Text::HighContrast, "高对比度"),
    (Text::RunInLesson, "运行（随便试，不计分）"),
    (Text::ExportWork, "导出这次的作品"),
    (Text::ExportWorkDescription, "下载一个压缩包：这一课的代码、画布的图片和成绩文件，可以直接交给比赛"),
    (Text::StatusPlaying, "正在播放……"),
    (Text::SpeedLabel, "播放速度"),
    (Text::SpeedTimes, "{factor} 倍速"),
    (Text::SpeedInstant, "直接看结果"),
    (Text::PlaybackTime, "{now} 秒 / {total} 秒"),
    (Text::BoardButton, "按钮 {name}"),
    (Text::BoardButtonDescription, "按住就是按下，松开就是放开；也可以按住空格键或回车键"),
    (Text::SensorsHeading, "传感器"),
    (Text::SensorTemperature, "温度（°C）"),
    (Text::SensorLight, "光线"),
    (Text::SensorSound, "声音"),
    (Text::SensorTiltX, "左右倾斜（度）"),
    (Text::SensorTiltY, "前后倾斜（度）"),
    (Text::BoardLive, "程序正在运行：按住 A 或 B、拖动滑块，程序马上就能知道。"),
    (Text::BoardIdle, "读按钮的程序播放时可以按 A 和 B；滑块的值从下一次运行的一开始就有效。"),
    (Text::ChartHeading, "图表"),
    (Text::ChartLine, "折线图，{count} 个点"),
    (Text::ChartScatter, "散点图，{count} 个点"),
    (Text::ChartBar, "柱状图，{count} 根柱子"),
    (Text::ChartHistogram, "直方图，{count} 个区间"),
    (Text::ChartItems, "：{items}"),
    (Text::ChartXyRange, "：x 从 {xlow} 到 {xhigh}，y 从 {ylow} 到 {yhigh}"),
    (Text::ChartValueRange, "：数值从 {low} 到 {high}"),
    (Text::ListSeparator, "、"),
    (Text::ChartBinItem, "{low} 到 {high}：{count}"),
    (Text::ChartTableCaption, "图表 {number} 的数据"),
    (Text::ChartColumnX, "x"),
    (Text::ChartColumnY, "y"),
    (Text::ChartColumnName, "名称"),
    (Text::ChartColumnValue, "数值"),
    (Text::ChartColumnRange, "区间"),
    (Text::ChartColumnCount, "个数"),
    (Text::ChartMoreRows, "还有 {count} 行没有列出"),
    (Text::ChartsOmitted, "一共画了 {count} 张图，这里显示最后 {shown} 张。"),
    (Text::AiLoading, "正在加载 AI 模块……"),
    (Text::AiLabLink, "AI 实验室"),
    (Text::AiLoadFailed, "AI 模块没能加载。请检查网络后刷新页面再试。"),
    (Text::AiToolLabel, "AI 工具"),
    (Text::ClassLink, "学情分析（教师）"),
    (Text::ClassroomLabel, "教师工具"),
    (Text::ClassroomLoading, "正在加载教师工具……"),
    (Text::ClassroomLoadFailed, "教师工具没能加载。请检查网络后刷新页面再试。"),
    (Text::OpenPack, "打开老师发的课程或比赛文件（.pack）"),
    (Text::PackNotPack, "这个文件不是萌芽的课程或比赛文件（.pack），打不开：{detail}"),
    (Text::PackFullCopy, "这是老师和评委用的完整版（含参考答案和隐藏测试），不能发给学生。请向老师要学生版（sprout pack --student 打的包）。"),
    (Text::PackNoText, "这个文件里没有课文，请老师用新版 sprout pack 重新打包。"),
    (Text::ContestHeading, "比赛"),
    (Text::ContestFacts, "共 {problems} 道题，满分 {points} 分，限时 {minutes} 分钟。"),
    (Text::ContestRules, "计时从你打开第一道题开始，刷新页面也不会停。比赛中没有提示。每道题以最后一次“检查”为准：交卷文件里是每道题最后一次检查的代码，评委会用全部测试（包括隐藏测试）重新评分。时间到了以后不能再检查。"),
    (Text::ContestWhoAreYou, "考生信息（姓名、学校、准考证号都要填）"),
    (Text::ContestId, "准考证号"),
    (Text::ContestStart, "开始比赛"),
    (Text::ContestProblems, "题目"),
    (Text::ContestNotChecked, "未检查"),
    (Text::ContestChecked, "最后一次检查：{score} / {points} 分（可见测试）"),
    (Text::ContestNotStarted, "未开始计时"),
    (Text::ContestTimeLeft, "剩余时间"),
    (Text::ContestTimeUp, "比赛时间到，不能再检查了。请交卷。"),
    (Text::ContestHandIn, "交卷（下载交卷文件）"),
    (Text::ContestHandedIn, "交卷文件 {file} 已下载，把它交给老师（比如复制到 U 盘）。"),
    (Text::ContestLeave, "退出比赛（作答会保留）"),
    (Text::ContestBack, "返回题目列表"),
    (Text::LeavePack, "回到萌芽自带的课程（这门课的进度会保留）"),
    (Text::AuthorLink, "写课程（教师）"),
];

const EN: &[(Text, &str)] = &[
    (Text::AppTitle, "Sprout"),
    (Text::LanguageName, "English"),
    (Text::LanguageSwitch, "Interface language"),
    (Text::EditorLabel, "Program"),
    (Text::InputLabel, "Input (one line per input() call)"),
    (Text::RunButton, "Run"),
    (Text::RunDescription, "Run the program (Ctrl+Enter)"),
    (Text::StopButton, "Stop"),
    (Text::StopDescription, "Stop the running program"),
    (Text::ConsoleHeading, "Output"),
    (Text::StatusRunning, "Running…"),
    (Text::StatusStopped, "Stopped"),
    (Text::StatusFinished, "Finished"),
    (Text::StatusTimeUp, "Time is up, the program was stopped"),
    (Text::StatusWorkerFailed, "The runner had a problem and was restarted; please run again"),
    (Text::DiagnosticPosition, "Line {line}, column {column}: "),
    (Text::HintPrefix, "Hint: "),
    (Text::CanvasHeading, "Turtle canvas"),
    (Text::CanvasDescription, "Turtle canvas: {count} lines drawn"),
    (Text::BoardHeading, "Maker board"),
    (Text::LedDescription, "LED board: {count} lights on"),
    (
        Text::StarterProgram,
        "// Ctrl+Enter runs the program too.\n\
         print(\"Hello, Sprout!\");\n\
         pen_color(\"green\");\n\
         pen_width(3);\n\
         for i in 0..5 {\n    forward(150);\n    right(144);\n}\n\
         led_plot(2, 2);\n",
    ),
    (Text::EditorDescription, "Press Esc then Tab to leave the editor; inside it, Tab indents."),
    (Text::HomeHeading, "Course"),
    (Text::ContinueButton, "Continue: {title}"),
    (Text::PlaygroundLink, "Free coding"),
    (Text::LessonDone, "Done"),
    (Text::LessonStarted, "Started"),
    (Text::LessonOpen, "Open"),
    (Text::LessonLocked, "Locked: finish the lessons before it"),
    (Text::LockedHeading, "This lesson is not open yet"),
    (Text::LockedExplanation, "Pass “{title}” first, and this lesson opens."),
    (Text::LockedGoTo, "Go to “{title}”"),
    (Text::BestScore, "best {score} points"),
    (Text::BackHome, "Back to the course"),
    (Text::CheckButton, "Check"),
    (Text::CheckDescription, "Check the program with the lesson's tests"),
    (Text::HintButton, "Hint"),
    (Text::HintDescription, "Show the next hint"),
    (Text::HintNumber, "Hint {number}"),
    (Text::NoMoreHints, "All hints are shown"),
    (Text::ResetButton, "Start over"),
    (Text::ResetConfirm, "Put the lesson's starting code back? Your current code will be replaced."),
    (Text::StatusChecking, "Checking…"),
    (Text::StatusChecked, "Checked"),
    (Text::GradingHeading, "Results"),
    (Text::GradeScore, "Score: {score} / {max}"),
    (Text::GradePassed, "All tests passed. Well done!"),
    (Text::GradeNotPassed, "Some tests did not pass yet: read the notes below and try again."),
    (Text::NextLesson, "Next lesson: {title}"),
    (Text::TestNumber, "Test {number}"),
    (Text::HiddenTest, "(hidden test: no details)"),
    (Text::VerdictPassed, "Passed"),
    (Text::VerdictWrongAnswer, "Wrong answer"),
    (Text::VerdictRuntimeError, "Runtime error"),
    (Text::VerdictCompileError, "Syntax error"),
    (Text::VerdictLimitExceeded, "Limit exceeded"),
    (Text::TryExample, "Try it"),
    (Text::StepsHeading, "Steps"),
    (Text::ProgressHeading, "About me and my results"),
    (Text::StudentName, "Name"),
    (Text::StudentClass, "Class"),
    (Text::StudentSchool, "School"),
    (Text::StudentId, "Student id"),
    (Text::ExportResults, "Export my results"),
    (Text::NothingToExport, "No lesson has been checked yet: there are no results to export."),
    (Text::BackupButton, "Back up my progress"),
    (Text::RestoreButton, "Restore progress from a backup file"),
    (Text::RestoreDone, "Progress restored from the backup."),
    (Text::RestoreFailed, "This file cannot be restored: {reason}"),
    (Text::StorageUnavailable, "The browser does not allow saving progress. Your code is still here: use “Back up my progress” to save it to a file."),
    (Text::StorageFull, "The browser's storage is full, so progress was not saved. Your code is still here: use “Back up my progress” to save it to a file."),
    (Text::StorageDamaged, "The saved progress was damaged; it was put aside and the app starts afresh."),
    (Text::ViewSettings, "Display settings"),
    (Text::FontSmaller, "Smaller text"),
    (Text::FontLarger, "Larger text"),
    (Text::HighContrast, "High contrast"),
    (Text::RunInLesson, "Run (try freely, not graded)"),
    (Text::ExportWork, "Export this work"),
    (Text::ExportWorkDescription, "Download a ZIP file with this lesson's code, a picture of the stage and the result file, ready to hand in to a contest"),
    (Text::StatusPlaying, "Playing…"),
    (Text::SpeedLabel, "Playback speed"),
    (Text::SpeedTimes, "{factor}× speed"),
    (Text::SpeedInstant, "Skip to the end"),
    (Text::PlaybackTime, "{now} s / {total} s"),
    (Text::BoardButton, "Button {name}"),
    (Text::BoardButtonDescription, "Hold it down to press it, let go to release it; holding Space or Enter works too"),
    (Text::SensorsHeading, "Sensors"),
    (Text::SensorTemperature, "Temperature (°C)"),
    (Text::SensorLight, "Light"),
    (Text::SensorSound, "Sound"),
    (Text::SensorTiltX, "Tilt left–right (degrees)"),
    (Text::SensorTiltY, "Tilt forward–back (degrees)"),
    (Text::BoardLive, "The program is running: hold A or B or move a slider, and it notices at once."),
    (Text::BoardIdle, "Press A and B while a program that reads them plays; the sliders count from the start of the next run."),
    (Text::ChartHeading, "Charts"),
    (Text::ChartLine, "Line chart, {count} points"),
    (Text::ChartScatter, "Scatter chart, {count} points"),
    (Text::ChartBar, "Bar chart, {count} bars"),
    (Text::ChartHistogram, "Histogram, {count} bins"),
    (Text::ChartItems, ": {items}"),
    (Text::ChartXyRange, ": x from {xlow} to {xhigh}, y from {ylow} to {yhigh}"),
    (Text::ChartValueRange, ": values from {low} to {high}"),
    (Text::ListSeparator, "; "),
    (Text::ChartBinItem, "{low} to {high}: {count}"),
    (Text::ChartTableCaption, "Data of chart {number}"),
    (Text::ChartColumnX, "x"),
    (Text::ChartColumnY, "y"),
    (Text::ChartColumnName, "Name"),
    (Text::ChartColumnValue, "Value"),
    (Text::ChartColumnRange, "Range"),
    (Text::ChartColumnCount, "Count"),
    (Text::ChartMoreRows, "{count} more rows not listed"),
    (Text::ChartsOmitted, "{count} charts were drawn; the last {shown} are shown."),
    (Text::AiLoading, "Loading the AI module…"),
    (Text::AiLabLink, "AI lab"),
    (Text::AiLoadFailed, "The AI module could not be loaded. Check the network, then reload the page."),
    (Text::AiToolLabel, "AI tool"),
    (Text::ClassLink, "Class overview (teachers)"),
    (Text::ClassroomLabel, "Teachers' tools"),
    (Text::ClassroomLoading, "Loading the teachers' tools…"),
    (Text::ClassroomLoadFailed, "The teachers' tools could not be loaded. Check the network, then reload the page."),
    (Text::OpenPack, "Open a course or contest file from your teacher (.pack)"),
    (Text::PackNotPack, "This is not a Sprout course or contest file (.pack) and cannot be opened: {detail}"),
    (Text::PackFullCopy, "This is the teachers' and judges' full copy (with reference solutions and hidden tests), not for students. Ask your teacher for the students' copy (made by sprout pack --student)."),
    (Text::PackNoText, "This file has no lesson text: ask your teacher to pack it again with a current sprout pack."),
    (Text::ContestHeading, "Contest"),
    (Text::ContestFacts, "{problems} problems, {points} points in all, {minutes} minutes."),
    (Text::ContestRules, "The clock starts when you open the first problem and keeps running if the page reloads. There are no hints in a contest. Each problem counts its last Check: the hand-in file holds the code you last checked for each problem, and the judges grade it again with every test, hidden ones included. Once the time is up, checking stops."),
    (Text::ContestWhoAreYou, "Who you are (name, school and contest id are all needed)"),
    (Text::ContestId, "Contest id"),
    (Text::ContestStart, "Start the contest"),
    (Text::ContestProblems, "Problems"),
    (Text::ContestNotChecked, "not checked"),
    (Text::ContestChecked, "last check: {score} / {points} points (visible tests)"),
    (Text::ContestNotStarted, "the clock has not started"),
    (Text::ContestTimeLeft, "Time left"),
    (Text::ContestTimeUp, "Time is up: checking has stopped. Hand in your work."),
    (Text::ContestHandIn, "Hand in (download the file)"),
    (Text::ContestHandedIn, "The hand-in file {file} was downloaded: give it to your teacher (for example on a USB stick)."),
    (Text::ContestLeave, "Leave the contest (your work is kept)"),
    (Text::ContestBack, "Back to the problems"),
    (Text::LeavePack, "Back to the course Sprout comes with (your progress here is kept)"),
    (Text::AuthorLink, "Write lessons (teachers)"),
];

/// One language's words by id: the app's ([`Text`]) or the AI tools' (`ai::i18n::AiText`).
pub(crate) type Table<Id> = &'static [(Id, &'static str)];

/// The words of `id` in the table that `table` gives for `language`, falling back to Chinese.
pub(crate) fn words<Id: PartialEq>(table: fn(Language) -> Table<Id>, language: Language, id: Id) -> &'static str {
    let find = |language| table(language).iter().find(|(candidate, _)| *candidate == id).map(|(_, words)| *words);
    find(language).or_else(|| find(Language::ZhCn)).unwrap_or_default()
}

/// `words` with each `{name}` placeholder replaced by its value.
pub(crate) fn fill(words: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(words.to_string(), |words, (name, value)| words.replace(&format!("{{{name}}}"), value))
}

fn table(language: Language) -> Table<Text> {
    match language {
        Language::ZhCn => ZH_CN,
        Language::En => EN,
    }
}

/// `text` in `language`, falling back to Chinese.
pub fn tr(language: Language, text: Text) -> &'static str {
    words(table, language, text)
}

/// `text` in `language` with each `{name}` placeholder replaced by its value.
pub fn tr_with(language: Language, text: Text, values: &[(&str, String)]) -> String {
    fill(tr(language, text), values)
}

/// Checks a set of tables (for the tests of each): every language has every id of `all` exactly
/// once, with words, and no other id; and every language's words have the Chinese placeholders.
#[cfg(test)]
pub(crate) fn check_tables<Id: PartialEq + Copy + std::fmt::Debug>(table: fn(Language) -> Table<Id>, all: &[Id]) {
    let placeholders = |words: &'static str| -> Vec<&'static str> {
        words
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase()))
            .collect()
    };
    for language in Language::ALL {
        for &id in all {
            let count = table(language).iter().filter(|(candidate, _)| *candidate == id).count();
            assert_eq!(count, 1, "{language:?} has {id:?} {count} times");
            assert!(!words(table, language, id).is_empty(), "{language:?} {id:?} is empty");
            assert_eq!(
                placeholders(words(table, language, id)),
                placeholders(words(table, Language::ZhCn, id)),
                "{language:?} {id:?}"
            );
        }
        assert_eq!(table(language).len(), all.len(), "{language:?} has unknown ids");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_id_once_with_the_same_placeholders() {
        check_tables(table, &Text::ALL);
    }

    #[test]
    fn placeholders_are_filled_in() {
        let values = [("line", "3".to_string()), ("column", "7".to_string())];
        assert_eq!(tr_with(Language::ZhCn, Text::DiagnosticPosition, &values), "第 3 行第 7 列：");
        assert_eq!(tr_with(Language::En, Text::DiagnosticPosition, &values), "Line 3, column 7: ");
    }
}
