### The app's own words: every screen of the first screen's module (the page and its script worker).
### Chinese is the reference: the build script makes the Rust enum of ids from this file, and
### each message's comment becomes the doc comment of its variant. Variables are the
### placeholders the code fills in; every language has the same ones.

# The app's name, in the header and the window title.
app-title = 萌芽编程

# The name of the language itself, shown on its button in the language switch.
language-name = 中文

# Label of the group of language buttons.
language-switch = 界面语言

# Label of the program editor.
editor-label = 程序

# Label of the box with the lines that `input()` reads.
input-label = 输入（每行给 input() 一次）

# The run button.
run-button = 运行

# What the run button does, for screen readers.
run-description = 运行程序（Ctrl+Enter）

# The stop button.
stop-button = 停止

# What the stop button does, for screen readers.
stop-description = 停止正在运行的程序

# Heading of the output console.
console-heading = 输出

# Status while a program runs.
status-running = 正在运行……

# Status after the student stopped the program.
status-stopped = 已停止

# Status after a program ended by itself.
status-finished = 运行结束

# Status after a program used up its virtual time.
status-time-up = 时间到，程序停下来了

# Status after the worker itself failed.
status-worker-failed = 运行器出了问题，已经重新准备好，请再运行一次

# Where a mistake is. Placeholders: `{line}`, `{column}`.
diagnostic-position = 第 { $line } 行第 { $column } 列：

# Before a diagnostic's hint.
hint-prefix = 提示：

# Heading of the turtle canvas.
canvas-heading = 海龟画布

# Description of the canvas for screen readers. Placeholder: `{count}` (lines drawn).
canvas-description = 海龟画布：画了 { $count } 条线

# Heading of the maker board (LEDs, buttons and sensors).
board-heading = 创客板

# Description of the LED board for screen readers. Placeholder: `{count}` (LEDs on).
led-description = LED 点阵：{ $count } 个灯亮着

# The program the editor starts with.
starter-program =
    // 按 Ctrl+Enter 也能运行。
    print("你好，萌芽！");
    pen_color("green");
    pen_width(3);
    for i in 0..5 {"{"}
        forward(150);
        right(144);
    {"}"}
    led_plot(2, 2);{"\u000A"}

# How to leave the code editor with the keyboard.
editor-description = 按 Esc 再按 Tab 可以离开编辑器；Tab 键在编辑器里用来缩进。

# Heading of the course page.
home-heading = 课程

# Continue with the lesson the student left. Placeholder: `{title}`.
continue-button = 继续学习：{ $title }

# Link to the free editor.
playground-link = 自由编程

# A lesson's status: passed.
lesson-done = 已完成

# A lesson's status: opened, not passed yet.
lesson-started = 学习中

# A lesson's status: may be opened.
lesson-open = 可以学了

# A lesson's status: locked.
lesson-locked = 未解锁：先完成前面的课

# Heading of a locked lesson opened by its address.
locked-heading = 这一课还没有解锁

# What to pass first before a locked lesson opens; `{title}` is that lesson.
locked-explanation = 先通过《{ $title }》，这一课就会打开。

# Link to the lesson to pass first; `{title}` is that lesson.
locked-go-to = 去《{ $title }》

# While a lesson's text and tests load (the course's file of its unit); `{title}` is the lesson.
lesson-text-loading = 正在打开《{ $title }》……

# A lesson's text could not be loaded (no network, no server); `{title}` is the lesson.
lesson-text-unreachable = 《{ $title }》的课文没有加载成功。请检查网络连接，再试一次。

# The file of a lesson's text is not the one this version of the app needs; `{title}` is the lesson.
lesson-text-mismatch = 《{ $title }》的课文和这个版本的萌芽编程对不上。请刷新页面，再试一次。

# Button: load a lesson's text again.
lesson-text-retry = 再试一次

# A lesson's best score. Placeholder: `{score}`.
best-score = 最高 { $score } 分

# Back to the course page.
back-home = 返回课程

# The check button.
check-button = 检查

# What the check button does, for screen readers.
check-description = 用这一课的测试检查程序

# The hint button.
hint-button = 提示

# What the hint button does, for screen readers.
hint-description = 显示下一条提示

# Heading of a shown hint. Placeholder: `{number}`.
hint-number = 提示 { $number }

# All hints are shown.
no-more-hints = 提示都已经显示了

# The button that puts the starter code back.
reset-button = 重来

# Question before putting the starter code back.
reset-confirm = 把程序换回这一课一开始的代码吗？现在的代码会被替换。

# Status while the program is checked.
status-checking = 正在检查……

# Status after a check.
status-checked = 检查完了

# Heading of the check results.
grading-heading = 检查结果

# The score of a check. Placeholders: `{score}`, `{max}`.
grade-score = 得分：{ $score } / { $max }

# Every test passed.
grade-passed = 全部通过！真棒！

# Some tests failed.
grade-not-passed = 还有测试没通过，看看下面的说明再改一改。

# Go to the next lesson. Placeholder: `{title}`.
next-lesson = 下一课：{ $title }

# Name of a test without a name. Placeholder: `{number}`.
test-number = 测试 { $number }

# Shown for a hidden test.
hidden-test = （隐藏的测试，不显示细节）

# Verdict: passed.
verdict-passed = 通过

# Verdict: wrong answer.
verdict-wrong-answer = 答案错误

# Verdict: runtime error.
verdict-runtime-error = 运行出错

# Verdict: syntax error.
verdict-compile-error = 语法错误

# Verdict: limit exceeded.
verdict-limit-exceeded = 超出限制

# Button under an example: load it into the free editor.
try-example = 试一试

# The free editor opened by 试一试: the button back to the lesson the example is from.
tried-back = 回到《{ $title }》

# The free editor opened by 试一试 had a program of the student's: it is kept, and offered back.
tried-replaced = 例子放进了编辑器，你原来的程序还留着。

# Button: put the student's own program back in place of the example.
tried-restore = 换回我原来的程序

# Heading of the lesson's steps list.
steps-heading = 步骤

# Heading of the student's information and results.
progress-heading = 我的信息和成绩

# Label of the name field.
student-name = 姓名

# Label of the class field.
student-class = 班级

# Label of the school field.
student-school = 学校

# Label of the student id field.
student-id = 学号

# Button that downloads the result file.
export-results = 导出成绩文件

# No lesson was checked yet.
nothing-to-export = 还没有检查过任何一课，没有成绩可以导出。

# Button that downloads a backup of the progress.
backup-button = 备份我的进度

# Label of the file picker that restores a backup.
restore-button = 从备份文件恢复进度

# A backup was restored.
restore-done = 进度已经从备份恢复。

# A backup could not be restored. Placeholder: `{reason}`.
restore-failed = 这个文件不能用来恢复：{ $reason }

# Browser storage is blocked.
storage-unavailable = 浏览器不允许保存进度。你的代码还在，请用“备份我的进度”保存到文件。

# Browser storage is full.
storage-full = 浏览器的存储空间满了，进度没能保存。你的代码还在，请用“备份我的进度”保存到文件。

# Stored progress was damaged.
storage-damaged = 保存的进度损坏了，已经另外存放起来，现在从头开始。

# Label of the text size and theme controls.
view-settings = 显示设置

# Make the text smaller.
font-smaller = 缩小字号

# Make the text larger.
font-larger = 放大字号

# Toggle the high-contrast theme.
high-contrast = 高对比度

# The run button's hint in a lesson: trying is free.
run-in-lesson = 运行（随便试，不计分）

# Button that downloads a ZIP of the lesson's code, the stage and the result file.
export-work = 导出这次的作品

# What the export button does, for screen readers.
export-work-description = 下载一个压缩包：这一课的代码、画布的图片和成绩文件，可以直接交给比赛

# Asked when a student exports work or results without having written their name (on the lesson
# page, above a name field; on the course page, as its notice).
export-name-first = 先写上你的名字，老师才知道这是谁的作品。

# Status while a run plays back.
status-playing = 正在播放……

# Label of the playback speed buttons.
speed-label = 播放速度

# Name of a speed button. Placeholder: `{factor}` (0.5, 1, 2, 4).
speed-times = { $factor } 倍速

# The speed button that shows the end of the run at once.
speed-instant = 直接看结果

# Where playback is, in seconds. Placeholders: `{now}`, `{total}`.
playback-time = { $now } 秒 / { $total } 秒

# Name of a board button. Placeholder: `{name}` (A or B).
board-button = 按钮 { $name }

# How the board buttons work, for screen readers.
board-button-description = 按住就是按下，松开就是放开；也可以按住空格键或回车键

# Heading of the sensor sliders.
sensors-heading = 传感器

# Label of the temperature slider.
sensor-temperature = 温度（°C）

# Label of the light slider.
sensor-light = 光线

# Label of the sound slider.
sensor-sound = 声音

# Label of the left–right tilt slider.
sensor-tilt-x = 左右倾斜（度）

# Label of the forward–back tilt slider.
sensor-tilt-y = 前后倾斜（度）

# The board while a program that reads it plays.
board-live = 程序正在运行：按住 A 或 B、拖动滑块，程序马上就能知道。

# The board at other times.
board-idle = 读按钮的程序播放时可以按 A 和 B；滑块的值从下一次运行的一开始就有效。

# Heading of the charts.
chart-heading = 图表

# A line chart, for screen readers. Placeholder: `{count}` (points).
chart-line = 折线图，{ $count } 个点

# A scatter chart, for screen readers. Placeholder: `{count}` (points).
chart-scatter = 散点图，{ $count } 个点

# A bar chart, for screen readers. Placeholder: `{count}` (bars).
chart-bar = 柱状图，{ $count } 根柱子

# A histogram, for screen readers. Placeholder: `{count}` (bins).
chart-histogram = 直方图，{ $count } 个区间

# A chart's items after its kind. Placeholder: `{items}`.
chart-items = ：{ $items }

# A chart's ranges after its kind. Placeholders: `{xlow}`, `{xhigh}`, `{ylow}`, `{yhigh}`.
chart-xy-range = ：x 从 { $xlow } 到 { $xhigh }，y 从 { $ylow } 到 { $yhigh }

# A chart's value range after its kind. Placeholders: `{low}`, `{high}`.
chart-value-range = ：数值从 { $low } 到 { $high }

# Between the items of a list in a sentence.
list-separator = 、

# A histogram bin in words. Placeholders: `{low}`, `{high}`, `{count}`.
chart-bin-item = { $low } 到 { $high }：{ $count }

# Caption of a chart's data table. Placeholder: `{number}`.
chart-table-caption = 图表 { $number } 的数据

# Column of x values.
chart-column-x = x

# Column of y values.
chart-column-y = y

# Column of names.
chart-column-name = 名称

# Column of values.
chart-column-value = 数值

# Column of histogram bins.
chart-column-range = 区间

# Column of histogram counts.
chart-column-count = 个数

# Rows of a data table left out. Placeholder: `{count}`.
chart-more-rows = 还有 { $count } 行没有列出

# Charts left out. Placeholders: `{count}` (drawn), `{shown}`.
charts-omitted = 一共画了 { $count } 张图，这里显示最后 { $shown } 张。

# Shown while the AI module downloads and starts.
ai-loading = 正在加载 AI 模块……

# The AI lab page's link on the home page and its heading.
ai-lab-link = AI 实验室

# The AI module could not be loaded.
ai-load-failed = AI 模块没能加载。请检查网络后刷新页面再试。

# Label of the region holding a lesson's AI tool (drawing pad or model lab).
ai-tool-label = AI 工具

# The home page's link to the class dashboard, for teachers.
class-link = 学情分析（教师）

# Label of the place where the classroom module's tool is mounted.
classroom-label = 教师工具

# Said while the classroom module downloads.
classroom-loading = 正在加载教师工具……

# The classroom module could not be loaded.
classroom-load-failed = 教师工具没能加载。请检查网络后刷新页面再试。

# Opens a teacher's course or contest file (the label of the file picker on the home page).
open-pack = 打开老师发的课程或比赛文件（.pack）

# A file that is not a pack. Placeholder: `{detail}`.
pack-not-pack = 这个文件不是萌芽的课程或比赛文件（.pack），打不开：{ $detail }

# The full copy of a pack (solutions, hidden tests) opened by a student.
pack-full-copy = 这是老师和评委用的完整版（含参考答案和隐藏测试），不能发给学生。请向老师要学生版（sprout pack --student 打的包）。

# A pack without its lessons' text.
pack-no-text = 这个文件里没有课文，请老师用新版 sprout pack 重新打包。

# Heading of the contest page, and the name of the contest bar.
contest-heading = 比赛

# What a contest is. Placeholders: `{problems}`, `{points}`, `{minutes}`.
contest-facts = 共 { $problems } 道题，满分 { $points } 分，限时 { $minutes } 分钟。

# The rules of contest mode.
contest-rules = 计时从你打开第一道题开始，刷新页面也不会停。比赛中没有提示。每道题以最后一次“检查”为准：交卷文件里是每道题最后一次检查的代码，评委会用全部测试（包括隐藏测试）重新评分。时间到了以后不能再检查。

# Heading of the contest's identity fields.
contest-who-are-you = 考生信息（姓名、学校、准考证号都要填）

# Label of the contest id field.
contest-id = 准考证号

# Starts the contest by opening its first problem.
contest-start = 开始比赛

# Heading of the contest's problem list.
contest-problems = 题目

# A problem not checked yet.
contest-not-checked = 未检查

# A problem's last check. Placeholders: `{score}`, `{points}`.
contest-checked = 最后一次检查：{ $score } / { $points } 分（可见测试）

# The contest clock before the first problem is opened.
contest-not-started = 未开始计时

# Before the time left.
contest-time-left = 剩余时间

# The contest's time is up.
contest-time-up = 比赛时间到，不能再检查了。请交卷。

# Downloads the hand-in file.
contest-hand-in = 交卷（下载交卷文件）

# The hand-in file was downloaded. Placeholder: `{file}`.
contest-handed-in = 交卷文件 { $file } 已下载，把它交给老师（比如复制到 U 盘）。

# Leaves contest mode; the work stays stored.
contest-leave = 退出比赛（作答会保留）

# Back from a contest's problem to its page.
contest-back = 返回题目列表

# Back from a teacher's course to the one the app carries.
leave-pack = 回到萌芽自带的课程（这门课的进度会保留）

# Opens the lesson editor (for teachers), and its page's heading.
author-link = 写课程（教师）

# A check whose tests all stopped at the same syntax error, said once instead of per test.
# Placeholders: `{line}` (the error's line), `{count}` (the tests).
grading-compile-error-at = 第 { $line } 行有语法错误，程序没法运行，所以 { $count } 个测试都没能运行。改好这个错误再检查一次。

# As `grading-compile-error-at`, for an error without a line. Placeholder: `{count}` (the tests).
grading-compile-error = 程序有语法错误，没法运行，所以 { $count } 个测试都没能运行。改好这个错误再检查一次。

# A turtle test whose drawing differs, above its picture. Placeholders: `{missing}`, `{extra}` (strokes or shapes).
grading-drawing-differs = 画出来的图和要求的不一样：该画但没画的有 { $missing } 笔，多画的有 { $extra } 笔。看看下面的对比图。

# The text alternative of the picture of a drawing that differs. Placeholders: `{missing}`, `{extra}`.
turtle-diff-description = 对比图：灰色粗线是应该画的图，彩色线是你画的图；该画但没画的有 { $missing } 笔（蓝色虚线），多画的有 { $extra } 笔（红色线）。

# The picture's legend: the expected drawing (grey, thick).
turtle-diff-expected = 应该画的

# The picture's legend: the student's drawing (its own colours).
turtle-diff-yours = 你画的

# The picture's legend: expected strokes the student did not draw (blue, dashed).
turtle-diff-missing = 该画但没画的

# The picture's legend: strokes the student drew that were not expected (red).
turtle-diff-extra = 多画的

# The header, signed in to the classroom server: who is signed in, and in which class.
server-who = { $name } · { $class }

# The header's quiet status: every edit is on the teacher's PC.
server-saved = 已保存到老师的电脑

# The header's quiet status: an edit is on its way to the teacher's PC.
server-saving = 正在保存…

# The header's status when the teacher's PC does not answer: the work waits on this PC (one line
# in the header at 1366 pixels: short).
server-away = 连不上老师的电脑，作品先存本机，稍后自动补交

# The header's button that signs the student out of the class.
server-sign-out = 退出登录

# The heading of the home page's panel for joining the class (server mode, nobody signed in).
join-title = 加入班级

# What joining does, under the heading.
join-intro = 选好你的班级和名字，输入老师给你的登录码。加入后，你的作品会自动保存到老师的电脑上，换一台电脑也能接着做。

# Label of the list of classes.
join-class = 班级

# Label of the list of the class's students.
join-name = 你的名字

# Label of the PIN box.
join-pin = 登录码

# The first, empty choice of a list.
join-choose = 请选择

# The join button.
join-button = 加入

# Said while the join is on its way.
join-busy = 正在加入…

# The server did not answer the join.
join-unreachable = 连不上老师的电脑，请检查网络后再试一次。

# The server has no class yet.
join-no-classes = 老师还没有建好班级，请稍等。
