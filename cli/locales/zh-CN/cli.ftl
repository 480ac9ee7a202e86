# 命令行 sprout 对人说的话（中文是参照，英文在 ../en/cli.ftl）。

## 每个命令的说明：command-命令名 是一行简介；以参数 id 命名的属性说这个参数做什么（$default 是它的默认值），
## “id-value” 是它的值的名字，.after 跟在选项后面（退出码）。命令名-needs-id 在缺少必需的参数时说。

command-sprout = 萌芽编程的命令行：运行程序，检查和打包课程，给交卷重新评分。
    .version = 显示版本
    .lang = 说话用的语言：zh-CN（中文）或 en（英文），默认 { $default }；写在哪里都可以
    .lang-value = 语言
    .after =
        退出码：
          0  成功
          1  程序出错（run）或发现了问题（check、pack、grade）
          2  命令用错了（选项、参数、语言不对）
          3  程序运行到了虚拟时间的上限，被停了下来（run）
command-run = 运行一个程序，和网页里用同一个沙箱，打印它做了什么
    .program = 要运行的程序
    .program-value = 文件.rhai
    .input = input() 读到的各行
    .input-value = 文件
    .board = 创客板场景（按按钮、传感器读数、stop at）
    .board-value = 文件
    .seed = 随机数的种子（默认 { $default }）
    .seed-value = N
    .max-operations = 运算步数上限（默认 { $default }）
    .max-operations-value = N
    .time-limit-ms = 真实时间的保险：N 毫秒后停止运行（默认 { $default }）
    .time-limit-ms-value = N
    .json = 把整次运行输出成 JSON
    .after =
        退出码：0 正常结束；1 程序出错；2 命令用错了；
        3 程序运行到了虚拟时间的上限（默认 1 分钟，或场景的 stop at），被停了下来。
command-check = 检查课的文件、课的文件夹和课程，每个问题写成“文件:行: 说明”
    .path = 课的文件（.md）、放课的文件夹，或课程文件夹（里面有 course.toml）
    .path-value = 路径
    .json = 把发现的问题输出成 JSON
    .time-limit-ms = 真实时间的保险：每次运行 N 毫秒后停止（默认 { $default }）
    .time-limit-ms-value = N
    .after = 退出码：0 没有发现问题；1 发现了问题；2 命令用错了。
command-pack = 检查一门课程，把它打包成一个课程包文件
    .folder = 课程文件夹（里面有 course.toml）
    .folder-value = 课程文件夹
    .student = 学生用的版本：不含隐藏测试和参考答案
    .output = 写到这个文件（默认：课程id-版本.pack）
    .output-value = 文件.pack
    .after = 退出码：0 写好了课程包；1 课程有问题，没有写；2 命令用错了。
command-grade = 用全部测试给交卷文件重新评分，写出 grades.csv、students.csv、ranking.csv 和 grades.json
    .pack = 评委用的完整版课程包
    .pack-value = 完整版.pack
    .out = 结果写到这个文件夹（默认 { $default }）
    .out-value = 文件夹
    .jobs = 同时评分的线程数（默认 { $default }，这台电脑的核数）
    .jobs-value = N
    .submission = 交卷文件，或者放交卷文件的文件夹
    .submission-value = 交卷文件
    .time-limit-ms = 真实时间的保险：每次运行 N 毫秒后停止，记为被主机停止的超时（默认 { $default }）
    .time-limit-ms-value = N
    .after = 退出码：0 评完了（有标记或跳过的交卷也算）；1 课程包有问题；2 命令用错了。
command-serve = 课堂服务器：在这台电脑上提供网页，保存每个学生的作品，让局域网里的全班使用
    .port = 学生在地址后面输入的端口（默认 { $default }；0 表示任选一个空闲端口）
    .port-value = N
    .data = 保存全班数据库的文件夹（默认：本程序旁边的 sprout-data）
    .data-value = 文件夹
    .database = 改用 PostgreSQL 数据库（postgres://用户:密码@主机/库名）
    .database-value = 地址
    .app = 用这个构建好的文件夹提供网页（默认：程序里自带的网页，没有就用 dist/）
    .app-value = 文件夹
    .after = 退出码：0 用 Ctrl+C 停止；1 服务器没能启动（端口被占用、数据库打不开）；2 命令用错了。
command-help = 显示这些说明，或者某个命令的说明
    .command = 要看说明的命令
    .command-value = 命令

## clap 自己会用英文说的词。
cli-usage = 用法：{ $usage }
cli-arguments-heading = 参数
cli-options-heading = 选项
cli-commands-heading = 命令
cli-options-placeholder = [选项]
cli-command-value = 命令
cli-help-flag = 显示这些说明
cli-more-help = 想看说明：{ $command } --help
cli-did-you-mean = 你是不是想写 { $suggestion }？

cli-unknown-command = 没有这个命令：{ $command }
cli-missing-command = 缺少命令。
cli-unknown-option = 不认识的选项：{ $option }
cli-unexpected-argument = 多余的参数：{ $argument }
cli-needs-value = { $option } 后面要跟一个值。
cli-needs-number = { $option } 后面要跟一个整数，不能是“{ $value }”。
cli-unknown-language = 不认识的语言“{ $tag }”：请用 zh-CN 或 en。
cli-cannot-read = 读不了 { $file }
cli-cannot-write = 写不了 { $file }
cli-cannot-create = 建不了文件夹 { $folder }
cli-no-thread = 开不了新线程。
cli-crashed = 运行崩溃了（这是萌芽编程的错误，请报告）。
cli-in-file = 在 { $file } 里

check-needs-path = sprout check 至少要一个路径（课程文件、课程文件夹或课程）。
check-summary = 检查了 { $files } 个课的文件（读懂了 { $lessons } 个），{ $courses } 门课程，发现 { $problems } 个问题。

pack-needs-folder = sprout pack 要一个课程文件夹（里面有 course.toml）。
pack-not-course = { $folder } 不是课程文件夹（里面要有 course.toml）。
pack-has-problems = sprout pack：课程有 { $problems } 个问题，没有写出课程包。
pack-written = { $file }：{ $lessons } 课，内容指纹 { $hash }

grade-needs-pack = sprout grade 要用 --pack 给出评委用的完整版课程包。
grade-needs-submission = sprout grade 至少要一个交卷文件或文件夹。
grade-student-copy = sprout grade：注意，{ $file } 是学生用的版本，没有隐藏测试点。
grade-flagged = 有标记 { $file }：{ $flags }
grade-flags-separator = ；
grade-skipped = 跳过 { $reason }
grade-summary = 评了 { $graded } 份交卷、{ $lessons } 道题，用了 { $seconds } 秒、{ $jobs } 个线程；{ $flagged } 份有标记，{ $skipped } 份跳过{ $passed }；结果写在 { $file }
grade-every-test-passed = ；全部测试都通过了
grade-thread-crashed = 一个评分线程崩溃了（这是萌芽编程的错误，请报告）。

flag-digest-mismatch = 导出后被改动过（摘要对不上）
flag-unknown-lesson = 有这个课程包里没有的题
flag-duplicate-lesson = 同一道题交了两次（只算第一次）
flag-score-differs = 声称的分数和重新运行的不一样
flag-verdicts-differ = 声称的测试结果和重新运行的不一样
flag-max-score-differs = 声称的满分和题目的不一样
flag-over-time = 作答时间超过了比赛限时（时间来自学生电脑）
flag-duplicate-student = 考号（学号）“{ $id }”还交了 { $others }
flag-duplicate-student-by-name = 同一个学生（{ $name }，没有考号）还交了 { $others }
flag-unreadable-time = 比赛题目的开始或检查时间读不出来
flag-reversed-times = 比赛题目的检查时间早于开始时间（时间被改过）
flag-before-pack = 比赛题目开始于课程包做好之前
flag-in-future = 比赛题目的时间晚于导出或评测的时间
flag-stopped-by-host = 有一次运行被真实时间的保险停止，而不是被运算次数限制停止（这个超时换一台电脑可能不会出现）

serve-bad-port = --port 需要 0 到 65535 之间的端口号，不能是“{ $value }”。
run-needs-program = sprout run 要一个程序文件（.rhai）。
run-time-up = 程序运行到了时间上限，被停了下来：虚拟时间 { $limit }。
run-time-up-board = 程序运行到了板子场景的结束时间（stop at），被停了下来：虚拟时间 { $limit }。

duration-millisecond = { $count } 毫秒
duration-milliseconds = { $count } 毫秒
duration-second = { $count } 秒
duration-seconds = { $count } 秒
duration-minute = { $count } 分钟
duration-minutes = { $count } 分钟
duration-minutes-and-seconds = { $minutes } { $seconds }
