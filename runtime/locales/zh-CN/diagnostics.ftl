# 学生程序出错时看到的话。每个 id 都是 runtime 里的一个诊断代码（Code）。
# 写给十岁的孩子：说清楚哪里出了问题，再给一个能马上试的办法。
# .hint 是提示；.suggestion 在我们猜到你想写什么时代替提示。

source-too-long = 程序太长了：有 { $bytes }，最多只能有 { $limit }。
    .hint = 把重复的代码写成函数或循环，程序就会变短。
expected-semicolon = 这一行的末尾少了一个分号 ;
    .hint = 每一句话写完以后，要用 ; 结尾，就像句号一样。
expected-close-brace = 少了一个右大括号 {"}"}
    .hint = 每个 {"{"} 都要有一个 {"}"} 和它配对。数一数它们是不是一样多。
expected-close-paren = 少了一个右括号 )
    .hint = 每个 ( 都要有一个 ) 和它配对。
expected-close-bracket = 少了一个右方括号 ]
    .hint = 每个 [ 都要有一个 ] 和它配对。
extra-close-brace = 这里多了一个 {"}"}：{ $partner ->
        [paired] 第 { $open_line } 行的 {"{"} 已经和第 { $close_line } 行的 {"}"} 配成一对了
       *[none] 它前面没有还没配对的 {"{"}
    }。
    .hint = 删掉多出来的 {"}"}。如果它是你想要的，就看看前面是不是有一个 {"}"} 写得太早了，或者少写了一个 {"{"}。
extra-close-paren = 这里多了一个 )：{ $partner ->
        [paired] 第 { $open_line } 行的 ( 已经和第 { $close_line } 行的 ) 配成一对了
       *[none] 它前面没有还没配对的 (
    }。
    .hint = 删掉多出来的 )。如果它是你想要的，就看看前面是不是少写了一个 (。
extra-close-bracket = 这里多了一个 ]：{ $partner ->
        [paired] 第 { $open_line } 行的 [ 已经和第 { $close_line } 行的 ] 配成一对了
       *[none] 它前面没有还没配对的 [
    }。
    .hint = 删掉多出来的 ]。如果它是你想要的，就看看前面是不是少写了一个 [。
expected-token = 这里应该有 { $token }
unexpected-end = 程序还没写完就结束了。
    .hint = 看看最后是不是少了 {"}"}、) 或者 ;
unterminated-string = 这段文字少了结尾的引号 "
    .hint = 文字要放在两个引号中间，比如 "你好"。
bad-number = { $text } 不是一个正确的数字。
unknown-character = 程序里有一个看不懂的字符：{ $text }
    .hint = 是不是用了中文标点？程序里的括号、引号、分号要用英文输入法打。
unexpected-symbol = 这里不能用 { $text }
not-allowed = 在萌芽里不能使用 { $name }。
    .hint = 为了安全，有些功能被关掉了。换一种写法试试。
    .suggestion = 试试 { $suggestion }。
nesting-too-deep = 括号或者大括号套得太多层了。
    .hint = 把里面的部分拆成几个变量或函数。
number-too-large = 数字 { $text } 太大了。
duplicate-function = 函数 { $name } 定义了两次。
    .hint = 给其中一个换个名字，或者删掉一个。
assign-to-constant = { $name } 是常量，不能改变它的值。
    .hint = 如果要改变它，就用 let 代替 const。
invalid-assignment = 等号 = 的左边只能是一个变量。
    .hint = 比较两个值是否相等要用 ==
undefined-variable = 我不认识变量 { $name }。
    .hint = 用之前要先用 let 创建它，比如 let { $name } = 0;
    .suggestion = 你是不是想写 { $suggestion }？
syntax-error = 这一行的写法不对。（{ $detail }）
unknown-function = 没有叫 { $name } 的函数。
    .hint = 检查一下名字有没有拼错，或者先用 fn 定义它。
    .suggestion = 你是不是想写 { $suggestion }？
wrong-argument-count = 函数 { $name } 需要 { $expected } 个参数，你给了 { $got } 个。
wrong-argument-type = 函数 { $name } 不能用这种值：{ $got }。
    .hint = 看看括号里的值是不是放错了，比如把文字当成了数字。
type-mismatch = 这里需要{ $expected }，但得到的是{ $got }。
division-by-zero = 不能除以 0。
    .hint = 除之前先用 if 检查除数是不是 0。
number-overflow = 数字变得太大，装不下了。
    .hint = 整数最大大约是 900 京（9 后面 18 位）。看看是不是乘得太多了。
index-out-of-range = 位置 { $index } 超出范围了：这里只有 { $length } 个元素，位置从 0 到 { $last }。
    .hint = 第一个元素的位置是 0，最后一个是长度减 1。
value-too-large = { $what ->
        [string] 这个字符串
        [map] 这个对象
        [data] 程序保存的列表、对象和文字加起来
       *[array] 这个列表
    }太大了：{ $what ->
        [data] 最多大约是 { $limit }
       *[other] 最多只能有 { $limit }
    }。
    .hint = 是不是在循环里一直往里面加东西？
too-many-operations = 程序运行了太多步（超过 { $limit }），所以停下来了。
    .hint = 是不是有一个停不下来的循环？检查循环的条件会不会变成 false。
    .no-sleep = 是不是忘了 sleep？程序一直在点灯或者看板子，可是时间一点也没有往前走。在循环里加一句 sleep(100);，让每个画面停一会儿。
recursion-too-deep = 函数调用自己的层数太多了（超过 { $limit } 层）。
    .hint = 递归函数要有一个停下来的条件。
output-too-large = { $what ->
        [events] 程序画图、点灯或打印的次数太多了
       *[bytes] 打印的文字太多了
    }（超过 { $limit }），所以停下来了。
    .hint = 是不是在一个很长的循环里打印或画图？
    .no-sleep = 是不是忘了 sleep？程序一直在点灯，可是时间一点也没有往前走。在循环里加一句 sleep(100);，让每个画面停一会儿。
interrupted = 程序被停下来了。
    .hint = 如果不是你按的停止：程序是不是在反复复制一个很大的列表或对象？
no-more-input = 程序还想用 input() 再读一行，可是“输入”框里没有更多行了：一共只有 { $count }。
    .hint = 在“输入”框里每行写一个值：程序调用几次 input()，就写几行。
not-indexable = 不能对{ $got }用 [ ] 取元素。
not-iterable = for 只能遍历列表、文字或者范围，比如 0..10。
value-in-use = 这个值正在被使用，这时不能再改变它。
    .hint = 比如在一个列表的 map 或 for 里面，不要同时改变这个列表本身。
not-a-number = “{ $text }” 不是一个数字。
    .hint = 转换之前先检查一下输入的内容。
led-out-of-range = 点灯的位置 ({ $x }, { $y }) 不在 5×5 的屏幕上。
    .hint = x 和 y 都要在 0 到 4 之间。
bad-brightness = 亮度 { $value } 不对。
    .hint = 亮度要在 0 到 9 之间。
unknown-color = 我不认识颜色 “{ $color }”。
    .hint = 可以用 "red"、"红色" 或者 "#ff0000" 这样的颜色。
unknown-button = 没有按钮 “{ $button }”。
    .hint = 板子上只有按钮 "A" 和 "B"。
empty-range = 从 { $low } 到 { $high } 之间没有数。
    .hint = 第一个数不能比第二个数大。
empty-list = { $name } 需要一个不是空的列表。
length-mismatch = { $name } 的两个列表长度不一样：{ $first } 个和 { $second } 个。
bad-duration = { $name } 的时间 { $value } 不对。
    .hint = 时间用毫秒表示，1000 毫秒就是 1 秒。它要在 0 到 { $limit } 之间。
bad-value = { $name } 不能用 { $value }。
thrown = 程序抛出了：{ $value }
not-a-value = 这不是课程文件里能写的值：{ $detail }
    .hint = 可以写数字、用双引号括起来的文字、数组 [ ] 或对象 #{ "{" } { "}" }。
not-plain-data = 函数返回的不是普通的数据：{ $detail }
    .hint = 请返回数字、文字、true/false、数组或对象。
internal-error = 萌芽自己出了问题（{ $detail }）。这不是你的错，请告诉老师。
ai-ragged-matrix = 给 { $name } 的矩阵每一行要一样长：第一行有 { $expected } 个数，可是第 [{ $row }] 行有 { $length } 个。
ai-matrix-mismatch = { $name }(A, B) 要求 A 每一行的长度等于 B 的行数：A 每行有 { $columns } 个数，B 却有 { $rows } 行。
    .hint = 用 len() 检查一下：A[0].len() 必须等于 B.len()。
ai-wrong-shape = { $name } 需要形状是 { $expected } 的输入，你给的是 { $given }。
    .hint = 形状 [28, 28] 表示 28 行、每行 28 个数。用 len() 看一看你的数组有多长。
ai-not-a-dataset = { $name } 需要一个数据集：有 labels 列表和 features（或 texts）列表的对象映射，就像 dataset("iris") 给的那样。
ai-unknown-dataset = 没有叫 { $name } 的数据集。可以用的有：{ $known }。
ai-bad-label = { $name } 遇到了标签 { $label }，它不是一个类别：标签是从 0 开始、小于类别数（{ $classes }）的整数。
ai-unknown-model = 没有叫 { $name } 的模型。可以用的有：{ $known }。
ai-no-embedding = 模型 { $name } 没有嵌入向量：只有 digits 模型有。
ai-bad-pixel = { $name } 遇到了像素值 { $value }：给模型的图片，像素要在 0.0（背景）到 1.0（笔迹）之间。
    .hint = 像素是 0 到 255 吗？把每个像素都除以 255.0。
ai-no-lab-model = 你还没有自己的模型：先在模型实验室里训练一个，再运行这个程序。
ai-too-much-work = 用 { $name } 训练要算的太多了（超过 { $limit }）：少用一些例子、类别或者训练轮数。

model-empty = 模型文件是空的。
model-not-onnx = 这个文件不是 ONNX 模型（可能是别的文件，或者已经损坏）：{ $detail }
model-not-nnef = 这个文件不是 NNEF 模型（可能是别的文件，或者已经损坏）：{ $detail }
model-unsupported = 这个模型在这里运行不了：{ $detail }
model-wrong-interface = 这个模型对不上：需要的是 { $expected }，它却是 { $found }。
model-bad-picture = 图片是 { $width }×{ $height } 像素，应该有 { $expected } 个字节，实际有 { $found } 个。
model-failed = 模型运行时出错了：{ $detail }
lab-too-few-classes = 分类器至少需要 2 个类别，现在只有 { $count } 个。
lab-empty-class = 类别 { $label } 还没有例子：先画几个吧。
lab-bad-example = 第 { $index } 个例子不是属于某个类别的 28×28 图画。
lab-bad-model = 这个保存的模型用不了（版本 { $version }）：请重新训练。

# 数量：$number 是数字，$scale 说它的单位是万还是亿（other 是普通的数）。
quantity-steps = { $scale ->
        [wan] { $number } 万步
        [yi] { $number } 亿步
       *[other] { $number } 步
    }
quantity-bytes = { $scale ->
        [wan] { $number } 万字节
        [yi] { $number } 亿字节
       *[other] { $number } 字节
    }
quantity-items = { $scale ->
        [wan] { $number } 万个
        [yi] { $number } 亿个
       *[other] { $number } 个
    }
quantity-times = { $scale ->
        [wan] { $number } 万次
        [yi] { $number } 亿次
       *[other] { $number } 次
    }
quantity-lines = { $scale ->
        [wan] { $number } 万行
        [yi] { $number } 亿行
       *[other] { $number } 行
    }
quantity-minutes = { $scale ->
        [wan] { $number } 万分钟
        [yi] { $number } 亿分钟
       *[other] { $number } 分钟
    }
quantity-seconds = { $scale ->
        [wan] { $number } 万秒
        [yi] { $number } 亿秒
       *[other] { $number } 秒
    }
quantity-milliseconds = { $scale ->
        [wan] { $number } 万毫秒
        [yi] { $number } 亿毫秒
       *[other] { $number } 毫秒
    }

type-int = 整数
type-float = 小数
type-string = 文字
type-char = 字符
type-bool = 真假值
type-array = 列表
type-map = 对象
type-function = 函数
type-nothing = 空值
type-range = 范围
type-classifier = 分类器
type-model = 模型
type-other = 其他值
