# 命令行 sprout 对人说的话（中文是参照，英文在 ../en/cli.ftl）。

cli-usage =
    用法：
      sprout run 文件.rhai [选项]             运行一个程序（sprout run --help 看选项）
      sprout check 路径...                    检查课程文件、课程文件夹和课程
      sprout pack 课程文件夹 [--student] [-o 文件.pack]
                                              打包课程（--student：不含隐藏测试和参考答案）
      sprout grade --pack 完整版.pack [--out 文件夹] [--jobs N] 交卷文件...
                                              用全部测试重新评分（交卷文件或文件夹）；
                                              写出 grades.csv、students.csv、ranking.csv、grades.json

    每个命令都可以加 --lang zh-CN|en：说话用的语言（默认 zh-CN，中文）。

    退出码：
      0  成功
      1  程序出错（run）或发现了问题（check、pack）
      2  命令用错了（选项、参数、语言不对）
      3  程序运行到了虚拟时间的上限，被停了下来（run）
cli-run-usage =
    用法：sprout run 文件.rhai [选项]

    选项：
      --input 文件          input() 读到的各行
      --board 文件          创客板场景（按按钮、传感器读数、stop at）
      --seed N              随机数的种子（默认 0）
      --max-operations N    运算步数上限（默认 10000000）
      --time-limit-ms N     真实时间的保险：N 毫秒后停止运行（默认 10000）
      --json                把整次运行输出成 JSON
      --lang zh-CN|en       说话用的语言（默认 zh-CN）

    退出码：0 正常结束；1 程序出错；2 命令用错了；
    3 程序运行到了虚拟时间的上限（默认 1 分钟，或场景的 stop at），被停了下来。
cli-unknown-command = 没有这个命令：{ $command }
cli-missing-command = 缺少命令。
cli-unknown-option = 不认识的选项：{ $option }
cli-unexpected-argument = 多余的参数：{ $argument }
cli-needs-value = { $option } 后面要跟一个值。
cli-needs-number = { $option } 后面要跟一个整数。
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
pack-one-folder = 多余的参数：{ $argument }。sprout pack 只打包一个课程文件夹。
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
