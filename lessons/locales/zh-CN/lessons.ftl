# 课的文件、课程、课程包和成绩文件的问题（sprout check / sprout pack / sprout grade 显示给老师）。
problem-file-unreadable = 读不了这个文件：{ $detail }
problem-file-too-large = 文件太大了：{ $bytes } 字节，最多 { $limit } 字节。
problem-not-utf8 = 文件不是 UTF-8 编码的文字。请用记事本“另存为”并选择 UTF-8 编码。
problem-binary-file = 文件里有二进制数据（不是文字）。这真的是课程文件吗？
problem-missing-front-matter = 文件要以一行 +++ 开头，后面写课程设置（id、title 等），再用一行 +++ 结束。
problem-unclosed-front-matter = 课程设置没有结束：缺少第二行 +++。
problem-bad-front-matter = 课程设置写得不对：{ $detail }
problem-bad-id = id “{ $id }” 不合格：只能用小写字母、数字和 -，最多 64 个字符。
problem-empty-title = 中文标题（title.zh）是空的。
problem-bad-level = 难度 level = { $level } 不对：要在 1 到 5 之间。
problem-bad-points = 总分 points = { $points } 不对：要在 1 到 10000 之间。
problem-bad-max-operations = 运算次数 max_operations = { $value } 不对：要在 1 到 { $limit } 之间。
problem-unknown-tool = 工具 tool = “{ $tool }” 不存在：只能用 { $known } 之一。
problem-raw-html = 课程正文里不能写 HTML：{ $html }
problem-external-image = 图片要直接写在课里（data:image/… 格式），不能从文件或网址加载（学生可能没有网络）：{ $url }
problem-missing-solution = 缺少参考答案：请加一个 ```rhai solution 代码块。
problem-duplicate-block = “{ $block }” 写了不止一次。
problem-unknown-block = 不认识的代码块 “{ $block }”：可以用 rhai starter、rhai solution、hint 或 tests。
problem-missing-hint = 至少要有一条提示：请加一个不是空的 ```hint 代码块。
problem-missing-tests = 缺少测试：请加一个 ```tests 代码块。
problem-bad-tests = 测试写得不对（TOML 格式）：{ $detail }
problem-no-tests = 测试代码块里没有测试：每个测试以一行 [[test]] 开头。
problem-unknown-test-kind = 测试 { $test } 的 kind “{ $kind }” 不对：可以是 call、output、turtle、leds、chart、code 或 checker。
problem-missing-field = 测试 { $test } 缺少 { $field }。
problem-field-not-allowed = 测试 { $test } 里的 { $field } 不能用在 { $kind } 类型的测试里（是不是拼错了？）。
problem-bad-field = 测试 { $test } 的 { $field } 不对：{ $detail }
problem-bad-value = 测试 { $test } 的 { $field } 不是正确的 Rhai 值：{ $detail }
problem-bad-generator = 测试 { $test } 的随机参数写得不对：{ $detail }
problem-bad-board = 测试 { $test } 的创客板场景写得不对：{ $detail }
problem-duplicate-test-id = 测试 id “{ $test }” 重复了。
problem-bad-test-id = 测试 id “{ $test }” 不合格：只能用字母、数字、- 和 _。
problem-unknown-construct = 测试 { $test } 里的 “{ $construct }” 不是认识的语法结构，也不是函数名。
problem-bad-step = 测试 { $test } 属于第 { $step } 步，但课程只有 { $steps } 步（## 标题）。
problem-solution-fails = 参考答案没有通过测试 { $test }：{ $verdict }（{ $detail }）。
problem-starter-passes = 初始代码已经通过了所有测试：学生什么都不用做。
problem-checker-broken = 测试 { $test } 的检查程序在参考答案上出错了：{ $detail }
problem-duplicate-lesson = 课的 id “{ $id }” 重复了（另见 { $other }）。
problem-bad-course = course.toml 写得不对：{ $detail }
problem-unknown-lesson = course.toml 列出了课 “{ $id }”，但没有哪个文件定义它。
problem-lesson-not-in-course = 课 “{ $id }” 没有列在 course.toml 里。
problem-duplicate-unit = 单元 id “{ $unit }” 重复了。
problem-unknown-unit = 单元 “{ $unit }” 要求先学 “{ $requires }”，但前面没有这个单元。
problem-unknown-requirement = 课 “{ $id }” 要求先学 “{ $requires }”，但这门课程里没有它。
problem-requirement-cycle = 几节课互相要求先学对方，谁都打不开：{ $cycle }。
problem-no-lessons = 这里没有找到任何课的文件。
problem-contest-without-duration = 这场比赛没有写多长时间：请在 course.toml 里设置 duration_minutes（至少 1 分钟）。
problem-contest-points-mismatch = 比赛题 “{ $id }” 的测试点加起来是 { $tests } 分，但这道题是 { $points } 分：比赛里每个测试点的分数就是它值的分，加起来要等于题目的分数。
problem-bad-pack = 这不是正确的课程包：{ $detail }
problem-unknown-version = 文件的格式版本 { $version } 这个版本的萌芽不认识。请更新萌芽。
problem-bad-result = 这不是正确的成绩文件：{ $detail }
problem-other-pack = 这个成绩文件是用另一个课程包做的（{ $id } { $version }，{ $content_hash }），不是这一个：它的代码是对着别的测试写的，不评分。

# 评测结果
verdict-passed = 通过
verdict-wrong-answer = 答案错误
verdict-runtime-error = 运行出错
verdict-compile-error = 语法错误
verdict-limit-exceeded = 超出限制

# 给学生的反馈
feedback-wrong-value = { $call } 应该得到 { $expected }，你的程序得到 { $got }。
feedback-wrong-output = 输出不对。第 { $line } 行应该是“{ $expected_line }”，你的程序输出“{ $got_line }”。
feedback-wrong-drawing = 画出来的图不一样：少了 { $missing } 笔，多了 { $extra } 笔。例如：{ $shape }
feedback-wrong-leds = 第 { $time } 毫秒时的灯不对：应该是 { $expected }，实际是 { $got }。
feedback-wrong-chart = 图表不一样：应该是 { $expected }，你的程序画了 { $got }。
feedback-missing-function = 要写一个叫 { $name } 的函数。
feedback-missing-construct = 程序里要用到 { $construct }。
feedback-forbidden-construct = 这一课不能用 { $construct }（第 { $line } 行）。
feedback-too-many-lines = 程序有 { $lines } 行，这一课最多 { $limit } 行。
feedback-checker-message = { $message }
feedback-checker-failed = 这个测试的检查程序出错了（{ $detail }）。这不是你的错，请告诉老师。
feedback-program-failed = 程序出错了。
feedback-never-ended = 程序一直没有结束。是不是有一个停不下来的循环？
feedback-not-resolved = 这个测试没有标准答案（课程包有问题），请告诉老师。
