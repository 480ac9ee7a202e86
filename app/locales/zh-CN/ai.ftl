### The AI tools' words (the drawing pad and the model lab): only the AI module carries them.
### Chinese is the reference: the build script makes the Rust enum of ids from this file, and
### each message's comment becomes the doc comment of its variant. Variables are the
### placeholders the code fills in; every language has the same ones.

# Heading of the drawing pad.
pad-heading = 手写数字画板

# Label of the drawing canvas, with how to draw with the keyboard.
canvas-label = 画板：用鼠标、触屏或笔写一个数字。也可以用键盘：方向键移动笔尖，空格键抬笔或落笔。

# The button that clears the drawing.
clear = 清空

# Heading of the probability bars.
bars-heading = 模型认为是……

# Label of the picture the model sees.
preview-label = 模型看到的图像（28×28）

# Said in the live region: the best class. Placeholders: `{label}`, `{percent}`.
top-class = 最可能是 { $label }（{ $percent }%）

# Said when the drawing is empty.
draw-something = 画点什么吧

# The tool's worker failed.
worker-failed = AI 出了问题，请清空后再试。

# Heading of the model lab.
lab-heading = 模型实验室

# What the model lab does.
lab-intro = 训练你自己的分类器：给每一类画几个例子（或者用摄像头拍几张），点“训练”，再用新的图来测试。

# Label of a class name box. Placeholder: `{number}`.
class-name = 第 { $number } 类的名字

# The default name of a class. Placeholder: `{number}`.
default-class-name = 类别 { $number }

# Add a class.
add-class = 增加一类

# Remove a class. Placeholder: `{name}`.
remove-class = 删除“{ $name }”

# Add the drawing to a class. Placeholder: `{name}`.
add-example = 加到“{ $name }”

# How many examples a class has. Placeholder: `{count}`.
example-count = { $count } 个例子

# Remove a class's examples. Placeholder: `{name}`.
clear-examples = 清除“{ $name }”的例子

# The train button.
train = 训练

# Why training is not possible yet.
train-needs = 每一类至少要有 2 个例子才能训练。

# Label of the training progress bar.
training = 训练进度

# Accuracy on held-out examples. Placeholders: `{percent}`, `{right}`, `{total}`.
accuracy = 留出的例子上的准确率：{ $percent }%（{ $right } / { $total }）

# No example was held out.
no-held-out = 例子太少，没有留出测试用的例子（一类有 3 个以上例子时，留出最后的五分之一）。

# Caption of the confusion matrix.
confusion-caption = 混淆矩阵：每一行是真实类别，每一列是模型的判断

# Header of the true-class column.
true-class = 真实类别

# Header of the predicted-class row. Placeholder: `{name}`.
predicted-as = 判断为“{ $name }”

# The model was saved for `my_model()`.
saved = 模型已保存，程序里可以用 my_model() 来使用它。

# Saving the model failed.
save-failed = 模型没能保存到浏览器里（存储不可用或已满）。这次打开页面期间它仍然可以用。

# The trained model is out of date with the examples.
retrain = 例子变了，请重新训练。

# Heading of the live test.
test-heading = 测试：在画板上画一个新的图

# Legend of the choice of where examples come from.
source-legend = 例子从哪里来

# Examples drawn on the pad.
source-drawing = 画图

# Examples taken with the camera.
source-camera = 摄像头

# Why the source cannot change now.
source-locked = 要换来源，先清除所有例子。

# The button that turns the camera on.
start-camera = 打开摄像头

# The button that turns the camera off.
stop-camera = 关闭摄像头

# Said while the browser opens the camera.
opening-camera = 正在打开摄像头……

# Label of the camera's picture.
camera-view = 摄像头画面：摆好要拍的东西，再点“拍一张加到……”。

# The camera was refused.
camera-refused = 不能用摄像头：请在浏览器里允许这个页面使用摄像头。

# There is no camera.
camera-missing = 找不到摄像头。没有摄像头的电脑可以用画图来训练。

# Said while the image feature model loads.
loading-extractor = 正在载入图像特征模型（13.5 MB，只需要一次）……

# The image feature model could not be downloaded or read.
extractor-missing = 图像特征模型载入不了：它应该在 image_features.nnef.tar（U 盘上是 image_features.js）里，和这个页面放在一起。

# Take a camera picture for a class. Placeholder: `{name}`.
add-photo = 拍一张加到“{ $name }”

# Heading of the live test with the camera.
camera-test-heading = 测试：把新的东西放到摄像头前
