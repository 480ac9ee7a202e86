### The teachers' pages' words (the class dashboard and the lesson editor): only the classroom module carries them.
### Chinese is the reference: the build script makes the Rust enum of ids from this file, and
### each message's comment becomes the doc comment of its variant. Variables are the
### placeholders the code fills in; every language has the same ones.

# Heading of the place where files are dropped.
files-heading = 成绩文件

# What to drop there, and that nothing is uploaded.
files-intro = 把学生导出的成绩文件（.json，或“导出这次的作品”得到的 .zip）拖到这里，或者选择文件、选择整个文件夹。文件只在这个页面里读取，不会上传到任何地方。

# The button that picks result files.
pick-files = 选择成绩文件

# The button that picks a whole folder.
pick-folder = 选择文件夹

# Forget every file dropped in.
clear = 清空

# Which course the files are read against: the app's own. Placeholders: `{course}`,
# `{version}`.
read-against = 按课程“{ $course }”（版本 { $version }）统计。比赛或自编课程的成绩，请把它的课程包文件（.pack）一起拖进来。

# Which course the files are read against: a dropped pack's. Placeholders: `{file}`,
# `{course}`, `{version}`.
read-against-pack = 按课程包 { $file } 里的“{ $course }”（版本 { $version }）统计。

# Files, counted students, flagged and unreadable files. Placeholders: `{files}`,
# `{students}`, `{flagged}`, `{unreadable}`.
summary = 共 { $files } 个文件：{ $students } 名学生计入统计，{ $flagged } 个文件有标记（不计入），{ $unreadable } 个文件无法读取。

# Files of a folder left out for not being `.json`, `.zip` or `.pack`. Placeholder: `{count}`.
skipped-files = 文件夹里另有 { $count } 个不是 .json、.zip 或 .pack 的文件，已跳过。

# Heading of the files that are not result files.
unreadable-heading = 无法读取的文件

# Heading of the students × lessons table.
table-heading = 学生 × 课

# Label of the class filter.
class-filter = 班级

# The class filter's choice for every class.
all-classes = 全部班级

# Label of the search box (name or student id).
search = 查找姓名或学号

# Column: name.
name = 姓名

# Column: class.
class = 班级

# Column: total score.
total = 总分

# Column: why a file does not count.
flags = 标记

# Column and button: a student's report.
report = 报告

# A cell's details. Placeholders: `{attempts}`, `{minutes}`.
cell-details = 检查 { $attempts } 次，用时 { $minutes } 分钟

# A cell's details in a few characters, under its score. Placeholders: `{attempts}`,
# `{minutes}`.
cell-short = { $attempts } 次 · { $minutes } 分钟

# The file was edited after export.
flag-tampered = 导出后被改动

# Another file of the same student counts instead.
flag-duplicate = 重复（以较晚的文件为准）

# The file is from another course pack.
flag-other-pack = 来自其他课程包

# The file has no student name.
flag-no-name = 没有姓名

# Another file has the same student id under another name.
flag-shared-id = 学号与别人相同

# Before the flagged files' counts (joined by the page). Placeholder: `{flags}`.
flag-summary = 有标记的文件（不计入统计）：{ $flags }。

# Files without a name, in the flag summary. Placeholder: `{count}`.
count-no-name = { $count } 个没有姓名

# Files sharing an id with another name, in the flag summary. Placeholder: `{count}`.
count-shared-id = { $count } 个与别的文件学号相同、姓名不同

# Older files of a student, in the flag summary. Placeholder: `{count}`.
count-duplicate = { $count } 个是同一学生较早交的重复文件

# Files edited after export, in the flag summary. Placeholder: `{count}`.
count-tampered = { $count } 个导出后被改动

# Files from another pack, in the flag summary. Placeholder: `{count}`.
count-other-pack = { $count } 个来自其他课程包

# In the name column, for a file without a name. Placeholder: `{file}`.
no-name = （没有姓名：{ $file }）

# A unit's column header: its button opens or closes the unit's lessons. Placeholders: `{unit}`,
# `{lessons}`.
unit-column = { $unit }（{ $lessons } 课）

# A unit's cell: the unit's lessons the student passed. Placeholders: `{passed}`, `{lessons}`.
unit-passed = 通过 { $passed } / { $lessons }

# A score in points. Placeholder: `{points}`.
points = { $points } 分

# A score of full points in a report. Placeholders: `{score}`, `{max}`.
score-of = { $score } / { $max } 分

# The button that downloads the table.
download-csv = 下载表格（CSV，可用 Excel 打开）

# The downloaded table's file name.
csv-file-name = 学情分析.csv

# Heading of the per-lesson figures.
lessons-heading = 每课通过率

# Column: lesson.
lesson = 课

# Column: students who checked the lesson.
checked = 检查过的人数

# Column: pass rate.
pass-rate = 通过率

# Column: mean number of checks.
mean-attempts = 平均检查次数

# Heading of the most-failed tests.
most-failed-heading = 卡住最多的测试

# When no counted student failed a test.
nothing-failed = 没有学生没通过的测试。

# One of the most-failed tests. Placeholders: `{lesson}`, `{test}`, `{failed}`, `{checked}`.
failed-test = { $lesson }：{ $test }（{ $failed } 人没通过，共 { $checked } 人检查过）

# Heading of the histogram.
histogram-heading = 分数分布

# What the histogram's percentages are of: every lesson of the course or pack. Placeholders:
# `{points}`, `{lessons}`.
histogram-intro = 按学生得分占布置的全部 { $lessons } 课满分（{ $points } 分）的比例分段，还没做到的课也算在内。

# Column: a range of scores.
score-range = 得分率

# Column: number of students.
students = 人数

# Heading of a student's report, and the label of the button that opens it. Placeholder:
# `{name}`.
report-of = { $name } 的学习报告

# Who the report is about. Placeholders: `{class}`, `{school}`, `{id}`, `{total}`, `{exported}`.
report-who = 班级：{ $class }　学校：{ $school }　学号：{ $id }　总分：{ $total }　导出时间：{ $exported }

# Column: score.
score = 得分

# Column: attempts and time.
details = 检查次数与用时

# Open the reports of every student the table shows.
all-reports = 表格中每个学生的报告（打印时每人一页）

# Print the open reports.
print = 打印报告

# Close the report.
close-report = 关闭报告

# What the lesson editor is for.
author-intro = 在这里写一课：文件头、课文、起始代码、参考答案、提示和测试，写法和课程文件一样（docs/lesson-format.md）。“检查这一课”在后台运行参考答案和起始代码，和 sprout check 报告一样的问题。

# Heading of the lesson's pieces.
author-lesson = 这一课

# Opens a lesson file into the editor.
open-lesson = 打开课程文件（.md）

# Label of the front matter.
front-matter = 文件头（TOML：id、title 等）

# Label of the lesson text.
lesson-text-label = 课文（Markdown）

# Label of the starter code.
starter-label = 起始代码（可以空着）

# Label of the reference solution.
solution-label = 参考答案

# Label of a hint. Placeholder: `{number}`.
hint-label = 提示 { $number }

# Adds a hint.
add-hint = 再加一条提示

# Removes the last hint.
remove-hint = 删掉最后一条提示

# Label of the tests.
tests-label = 测试（TOML）

# Verifies the lesson.
verify = 检查这一课

# Said while the worker verifies.
verifying = 正在运行参考答案和起始代码……

# The lesson has no problem.
verify-passed = 没有问题：参考答案通过了全部测试，起始代码没有全部通过。

# Before the list of problems. Placeholder: `{count}`.
verify-problems = 发现 { $count } 个问题：

# The worker failed.
verify-failed = 检查工具出错了。请再按一次“检查这一课”，或刷新页面。

# The lesson changed since the shown verification.
verify-stale = （这是修改之前的检查结果，请重新检查。）

# Downloads the lesson file.
save-lesson = 保存课程文件（.md）

# Heading of the preview.
preview = 预览

# Heading of the course being put together.
course-heading = 课程包

# What the course pack is for.
course-intro = 检查通过的课可以加入课程包。下载学生版发给学生，学生在首页用“打开老师发的课程或比赛文件”打开；完整版留给自己，用 sprout grade 评分。

# Label of the course id.
course-id = 课程编号（小写字母、数字和 -）

# Label of the course title.
course-title = 课程名称

# Adds the verified lesson to the course.
add-to-course = 加入课程包

# Why adding may be off.
add-needs-verify = 先检查这一课，没有问题才能加入。

# The course has no lesson yet.
no-lessons-yet = 课程包里还没有课。

# Removes a lesson from the course. Placeholder: `{title}`.
remove-lesson = 移出《{ $title }》

# Downloads the students' copy.
download-student-pack = 下载学生版课程包

# Downloads the full copy.
download-full-pack = 下载完整版课程包（评分用）

# Opens a course's full copy to go on with it.
open-pack = 打开课程包（完整版，接着编辑）

# A students' copy opened in the editor.
pack-not-full = 这是学生版，没有参考答案和隐藏测试。请打开完整版课程包。

# Browser storage refused the editor's work.
editor-not-kept = 浏览器不让保存（可能是存储满了或被禁止）：关掉页面前请先“保存课程文件”，并下载课程包。

# The lesson editor's pieces, where Verify places a problem.
piece-front = 文件头

# The lesson text piece.
piece-text = 课文

# The starter code piece.
piece-starter = 起始代码

# The reference solution piece.
piece-solution = 参考答案

# A hint piece. Placeholder: `{number}`.
piece-hint = 提示 { $number }

# The tests piece.
piece-tests = 测试

# A problem on a piece's line. Placeholders: `{piece}`, `{line}`, `{message}`.
verify-at-line = { $piece }第 { $line } 行：{ $message }

# A problem on a line of a test. Placeholders: `{piece}`, `{line}`, `{test}`, `{message}`.
verify-at-test = { $piece }第 { $line } 行（{ $test }）：{ $message }

# A problem of a whole piece. Placeholders: `{piece}`, `{message}`.
verify-in-piece = { $piece }：{ $message }

# A test by its name (or the id the teacher gave it). Placeholder: `{name}`.
test-named = 测试“{ $name }”

# A test without a name, by its place. Placeholder: `{number}`.
test-numbered = 第 { $number } 个测试

# The solution returns another value than the test expects. Placeholders: `{test}`, `{call}`,
# `{got}`, `{expected}`.
solution-wrong-value = 参考答案没有通过{ $test }：{ $call } 得到 { $got }，测试期望 { $expected }。

# The solution prints another line than the test expects. Placeholders: `{test}`, `{line}`,
# `{got}`, `{expected}`.
solution-wrong-output = 参考答案没有通过{ $test }：输出的第 { $line } 行是“{ $got }”，测试期望“{ $expected }”。

# The solution fails a test otherwise. Placeholders: `{test}`, `{what}`.
solution-other = 参考答案没有通过{ $test }：{ $what }

# The solution stops with an error on its line. Placeholders: `{line}`, `{error}`.
solution-error-at = 参考答案第 { $line } 行运行出错：{ $error }

# A checker program fails on the solution's run.
checker-broken = 这个测试的检查程序（checker）在参考答案上出错了。

# TOML: an array not closed.
toml-array = 数组（方括号 [ ]）没有写完整：检查是否少了 ] 或逗号。

# TOML: braces not closed.
toml-braces = 花括号 { "{" } { "}" } 没有写完整：检查是否少了 { "}" } 或逗号。

# TOML: quotes not paired.
toml-quote = 引号没有配对：文字要写在一对英文双引号 "…" 里。

# TOML: a key given twice.
toml-duplicate = 同一个键写了两次。

# TOML: a key is missing. Placeholder: `{field}`.
toml-missing-field = 缺少 { $field }。

# TOML: a key not known. Placeholder: `{field}`.
toml-unknown-field = 不认识 { $field }（是不是拼错了？）。

# TOML: a value of the wrong type.
toml-type = 值的类型不对（例如文字要写在引号里，数字和 true/false 不加引号，title 要写成 { "{" } zh = "…" { "}" }）。

# TOML: a line that is not `key = value`.
toml-assignment = 每一行要写成“键 = 值”。

# TOML: a value is missing or wrong.
toml-value = 等号后面的值缺少或写得不对。

# TOML: anything else.
toml-other = 写法不对：请检查引号、括号和等号。

# A test key: text in quotes expected.
field-quotes = 要写在引号里，例如 "double(21)"。

# A test key: a number out of range.
field-range = 数字超出了允许的范围。

# A test key: a whole number expected.
field-whole = 要写整数。

# A test key: a number of at least 0 expected.
field-number = 要写不小于 0 的数。

# A test key: true or false expected.
field-bool = 要写 true 或 false。

# A test key: a list of texts expected.
field-list = 要写一组文字，例如 ["a", "b"]。

# A test key: a call expected.
field-call = 要写成一次调用，例如 double(21)。

# A test key: a function name expected.
field-function = 要写函数名。

# A test key: a list of times expected.
field-times = 要写一组从 0 到 duration_ms 的时间（毫秒）。

# A test key: a checker without `check(run)`.
field-checker = 检查程序要定义 fn check(run)。

# Anything else wrong with a key or value.
field-other = 请检查引号、括号和拼写。

# A call test's missing keys.
call-or-function = call（或 function 和 args）

## The classroom server's part of the dashboard (issue #16): only when `sprout serve` served the page.

# The group of lessons when the course's units are not known.
all-lessons = 全部课

# Heading of the classroom server's part.
server-heading = 教室服务器

# The server could not be reached (or did not answer as a Sprout server does).
server-unreachable = 连不上教室服务器。请检查老师电脑上的萌芽是否还在运行，再试一次。

# Before the form that sets the teacher's password for the first time.
set-up-intro = 第一次使用：请设置老师密码。以后在任何电脑上打开学情分析，都用这个密码登录。

# Label of the new password (at least 8 characters).
new-password = 新密码（至少 8 个字符）

# Button: set the password.
set-password = 设置密码

# Said after the server's refusal when the password is not set from the teacher's own PC.
set-up-on-teacher-pc = 请在运行萌芽的老师电脑上打开这个页面来设置密码。

# Before the sign-in form.
sign-in-intro = 请输入老师密码登录，查看班级和学生的作业。

# Label of the password.
password = 老师密码

# Button: sign in.
sign-in = 登录

# Shown while signed in.
signed-in = 已以老师身份登录。

# Button: sign out.
sign-out = 退出登录

# Heading of the list of classes.
classes-heading = 班级

# When there is no class yet.
no-classes = 还没有班级。在下面输入班级名称来创建一个。

# A class in the list. Placeholders: `{name}`, `{students}`.
class-button = { $name }（{ $students } 名学生）

# Label of a new class's name.
new-class-name = 新班级名称

# Label of the course picker.
course = 课程

# Sprout's own course in the course picker.
builtin-course = 萌芽自带课程

# Button: create the class.
create-class = 创建班级

# Label of the file picker that uploads a course pack to the classroom server.
upload-pack = 上传课程包（.pack 文件：学生版或完整版；完整版里的隐藏测试只用来在服务器上评分，不会发给学生）

# Said after a course pack was uploaded. Placeholders: `{name}` (the file's name), `{lessons}`.
pack-uploaded = 已上传课程包 { $name }（{ $lessons } 课），创建班级时可以选它作为课程。

# Heading of a class's students and PINs.
roster-heading = 学生和登录码

# Said after a roster was added. Placeholder: `{added}`.
roster-added = 已添加 { $added } 名学生。

# When the class has no students.
no-students = 这个班还没有学生。请在下面粘贴名单，或选择从 Excel 另存的 CSV 文件。

# Column: student number.
number = 学号

# Column: PIN.
pin = 登录码

# Column: what the teacher can do.
actions = 操作

# A removed student, in place of their PIN.
removed = （已移出班级，作业仍保留）

# Button: a new PIN.
reset-pin = 重设登录码

# The reset button for a screen reader (its visible words first). Placeholder: `{name}`.
reset-pin-of = 重设登录码（{ $name }）

# Button: remove a student.
remove = 移出班级

# The remove button for a screen reader. Placeholder: `{name}`.
remove-of = 把{ $name }移出班级

# The confirmation before a student is removed. Placeholder: `{name}`.
remove-question = 把 { $name } 移出班级吗？移出后不能再登录，但已有的作业都会保留。

# Said after a PIN reset. Placeholder: `{name}`.
pin-reset = 已为 { $name } 重设登录码。

# Said after a student was removed. Placeholder: `{name}`.
student-removed = 已把 { $name } 移出班级（作业保留）。

# Button: open the join cards.
print-cards = 打印登录卡

# Label of the roster textarea.
roster-paste = 粘贴名单：每行一名学生，写姓名和学号（用空格、逗号或 Tab 隔开）

# Example in the roster textarea.
roster-example = 张三 20260101

# Button: add the pasted students.
add-students = 添加学生

# Button: pick a CSV file.
pick-csv = 选择 CSV 文件（可从 Excel 另存）

# Heading of the join cards.
cards-heading = 登录卡

# Button: print the join cards.
print-sheet = 打印

# Button: close the join cards.
close-cards = 关闭登录卡

# On a card, before the PIN.
card-pin = 登录码：

# On a card, before the address to type.
card-address = 在浏览器里打开：

# Heading of the exports.
exports-heading = 导出和备份

# Link: the table as CSV.
export-csv = 成绩表（CSV，可用 Excel 打开）

# Link: the result files.
export-results = 全班成绩文件（ZIP）

# Link: every student's code.
export-code = 全班代码（ZIP，每人一个文件夹）

# Link: the database backup.
export-backup = 备份整个数据库

# Heading of the live class view.
live-heading = 实时学情

# The live connection is open.
live-on = 实时更新中。

# The live connection is lost; the browser reconnects by itself.
live-lost = 实时更新已断开，正在重新连接……

# Heading of who is stuck where.
stuck-heading = 谁卡在哪里

# When no student has started.
nobody-started = 还没有学生开始做题。

# Column: minutes since progress.
since-progress = 多久没有进展

# Column: checks failed in a row.
failed-in-a-row = 连续没通过

# Column: the latest mistake.
last-mistake = 最近的错误

# Minutes. Placeholder: `{minutes}`.
minutes = { $minutes } 分钟

# Heading of the common mistakes per lesson.
common-codes-heading = 各课最常见的错误

# When nobody made a mistake yet.
no-mistakes = 还没有记录到错误。

# A mistake and how many students made it. Placeholders: `{mistake}`, `{students}`.
code-students = { $mistake }（{ $students } 人）

# Button: back from a student's page.
back-to-class = 返回班级

# Heading of a student's page. Placeholders: `{name}`, `{number}`.
student-heading = { $name }（{ $number }）

# Heading of a student's code.
code-heading = 代码和历史版本

# When the student saved no code.
no-code = 还没有保存过代码。

# A lesson's list of versions, for a screen reader. Placeholder: `{lesson}`.
versions-of = { $lesson }的历史版本

# A version. Placeholders: `{number}`, `{time}`.
version-at = 第 { $number } 版 · { $time }

# Heading of the timeline.
timeline-heading = 运行、检查和提示

# When there is nothing on the timeline.
no-timeline = 还没有运行、检查或提示。

# A run on the timeline.
kind-run = 运行

# A check on the timeline.
kind-check = 检查

# A hint on the timeline.
kind-hint = 看提示

# A check that passed every test.
all-passed = 全部通过

# A check that did not.
not-passed = 没有全部通过
