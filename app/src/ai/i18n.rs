//! The AI tools' own words, in Chinese (the default) and English: the drawing pad and the model
//! lab live in the AI module, so their words do too, and the first screen does not carry them.
//! Like `crate::i18n`, whose look-up, placeholder filling and table check it uses: one table per
//! language.

use sprout_runtime::messages::Language;

use crate::i18n::{fill, words, Table};

/// A piece of the AI tools' text, by its stable id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AiText {
    /// Heading of the drawing pad.
    PadHeading,
    /// Label of the drawing canvas, with how to draw with the keyboard.
    CanvasLabel,
    /// The button that clears the drawing.
    Clear,
    /// Heading of the probability bars.
    BarsHeading,
    /// Label of the picture the model sees.
    PreviewLabel,
    /// Said in the live region: the best class. Placeholders: `{label}`, `{percent}`.
    TopClass,
    /// Said when the drawing is empty.
    DrawSomething,
    /// The tool's worker failed.
    WorkerFailed,
    /// Heading of the model lab.
    LabHeading,
    /// What the model lab does.
    LabIntro,
    /// Label of a class name box. Placeholder: `{number}`.
    ClassName,
    /// The default name of a class. Placeholder: `{number}`.
    DefaultClassName,
    /// Add a class.
    AddClass,
    /// Remove a class. Placeholder: `{name}`.
    RemoveClass,
    /// Add the drawing to a class. Placeholder: `{name}`.
    AddExample,
    /// How many examples a class has. Placeholder: `{count}`.
    ExampleCount,
    /// Remove a class's examples. Placeholder: `{name}`.
    ClearExamples,
    /// The train button.
    Train,
    /// Why training is not possible yet.
    TrainNeeds,
    /// Label of the training progress bar.
    Training,
    /// Accuracy on held-out examples. Placeholders: `{percent}`, `{right}`, `{total}`.
    Accuracy,
    /// No example was held out.
    NoHeldOut,
    /// Caption of the confusion matrix.
    ConfusionCaption,
    /// Header of the true-class column.
    TrueClass,
    /// Header of the predicted-class row. Placeholder: `{name}`.
    PredictedAs,
    /// The model was saved for `my_model()`.
    Saved,
    /// Saving the model failed.
    SaveFailed,
    /// The trained model is out of date with the examples.
    Retrain,
    /// Heading of the live test.
    TestHeading,
    /// Legend of the choice of where examples come from.
    SourceLegend,
    /// Examples drawn on the pad.
    SourceDrawing,
    /// Examples taken with the camera.
    SourceCamera,
    /// Why the source cannot change now.
    SourceLocked,
    /// The button that turns the camera on.
    StartCamera,
    /// The button that turns the camera off.
    StopCamera,
    /// Said while the browser opens the camera.
    OpeningCamera,
    /// Label of the camera's picture.
    CameraView,
    /// The camera was refused.
    CameraRefused,
    /// There is no camera.
    CameraMissing,
    /// Said while the image feature model loads.
    LoadingExtractor,
    /// The image feature model could not be downloaded or read.
    ExtractorMissing,
    /// Take a camera picture for a class. Placeholder: `{name}`.
    AddPhoto,
    /// Heading of the live test with the camera.
    CameraTestHeading,
}

fn table(language: Language) -> Table<AiText> {
    match language {
        Language::ZhCn => ZH_CN,
        Language::En => EN,
    }
}

/// `text` in `language` (Chinese when missing).
pub fn ai_tr(language: Language, text: AiText) -> &'static str {
    words(table, language, text)
}

/// `text` in `language` with each `{name}` placeholder replaced by its value.
pub fn ai_tr_with(language: Language, text: AiText, values: &[(&str, String)]) -> String {
    fill(ai_tr(language, text), values)
}

const ZH_CN: &[(AiText, &str)] = &[
    (AiText::PadHeading, "手写数字画板"),
    (AiText::CanvasLabel, "画板：用鼠标、触屏或笔写一个数字。也可以用键盘：方向键移动笔尖，空格键抬笔或落笔。"),
    (AiText::Clear, "清空"),
    (AiText::BarsHeading, "模型认为是……"),
    (AiText::PreviewLabel, "模型看到的图像（28×28）"),
    (AiText::TopClass, "最可能是 {label}（{percent}%）"),
    (AiText::DrawSomething, "画点什么吧"),
    (AiText::WorkerFailed, "AI 出了问题，请清空后再试。"),
    (AiText::LabHeading, "模型实验室"),
    (AiText::LabIntro, "训练你自己的分类器：给每一类画几个例子（或者用摄像头拍几张），点“训练”，再用新的图来测试。"),
    (AiText::ClassName, "第 {number} 类的名字"),
    (AiText::DefaultClassName, "类别 {number}"),
    (AiText::AddClass, "增加一类"),
    (AiText::RemoveClass, "删除“{name}”"),
    (AiText::AddExample, "加到“{name}”"),
    (AiText::ExampleCount, "{count} 个例子"),
    (AiText::ClearExamples, "清除“{name}”的例子"),
    (AiText::Train, "训练"),
    (AiText::TrainNeeds, "每一类至少要有 2 个例子才能训练。"),
    (AiText::Training, "训练进度"),
    (AiText::Accuracy, "留出的例子上的准确率：{percent}%（{right} / {total}）"),
    (AiText::NoHeldOut, "例子太少，没有留出测试用的例子（一类有 3 个以上例子时，留出最后的五分之一）。"),
    (AiText::ConfusionCaption, "混淆矩阵：每一行是真实类别，每一列是模型的判断"),
    (AiText::TrueClass, "真实类别"),
    (AiText::PredictedAs, "判断为“{name}”"),
    (AiText::Saved, "模型已保存，程序里可以用 my_model() 来使用它。"),
    (AiText::SaveFailed, "模型没能保存到浏览器里（存储不可用或已满）。这次打开页面期间它仍然可以用。"),
    (AiText::Retrain, "例子变了，请重新训练。"),
    (AiText::TestHeading, "测试：在画板上画一个新的图"),
    (AiText::SourceLegend, "例子从哪里来"),
    (AiText::SourceDrawing, "画图"),
    (AiText::SourceCamera, "摄像头"),
    (AiText::SourceLocked, "要换来源，先清除所有例子。"),
    (AiText::StartCamera, "打开摄像头"),
    (AiText::StopCamera, "关闭摄像头"),
    (AiText::OpeningCamera, "正在打开摄像头……"),
    (AiText::CameraView, "摄像头画面：摆好要拍的东西，再点“拍一张加到……”。"),
    (AiText::CameraRefused, "不能用摄像头：请在浏览器里允许这个页面使用摄像头。"),
    (AiText::CameraMissing, "找不到摄像头。没有摄像头的电脑可以用画图来训练。"),
    (AiText::LoadingExtractor, "正在载入图像特征模型（13.5 MB，只需要一次）……"),
    (
        AiText::ExtractorMissing,
        "图像特征模型载入不了：它应该在 image_features.nnef.tar（U 盘上是 image_features.js）里，和这个页面放在一起。",
    ),
    (AiText::AddPhoto, "拍一张加到“{name}”"),
    (AiText::CameraTestHeading, "测试：把新的东西放到摄像头前"),
];

const EN: &[(AiText, &str)] = &[
    (AiText::PadHeading, "Digit drawing pad"),
    (AiText::CanvasLabel, "Drawing pad: write a digit with the mouse, touch or a pen. Keyboard: arrow keys move the pen, Space lifts or lowers it."),
    (AiText::Clear, "Clear"),
    (AiText::BarsHeading, "The model thinks it is…"),
    (AiText::PreviewLabel, "What the model sees (28×28)"),
    (AiText::TopClass, "Most likely {label} ({percent}%)"),
    (AiText::DrawSomething, "Draw something"),
    (AiText::WorkerFailed, "The AI had a problem; clear the pad and try again."),
    (AiText::LabHeading, "Model lab"),
    (AiText::LabIntro, "Train your own classifier: draw a few examples of each class (or take a few photos with the camera), press Train, then test it with new pictures."),
    (AiText::ClassName, "Name of class {number}"),
    (AiText::DefaultClassName, "Class {number}"),
    (AiText::AddClass, "Add a class"),
    (AiText::RemoveClass, "Remove “{name}”"),
    (AiText::AddExample, "Add to “{name}”"),
    (AiText::ExampleCount, "{count} examples"),
    (AiText::ClearExamples, "Clear the examples of “{name}”"),
    (AiText::Train, "Train"),
    (AiText::TrainNeeds, "Each class needs at least 2 examples to train."),
    (AiText::Training, "Training progress"),
    (AiText::Accuracy, "Accuracy on held-out examples: {percent}% ({right} / {total})"),
    (AiText::NoHeldOut, "Too few examples: none were held out for testing (a class with 3 or more gives its last fifth)."),
    (AiText::ConfusionCaption, "Confusion matrix: each row is the true class, each column the model's answer"),
    (AiText::TrueClass, "True class"),
    (AiText::PredictedAs, "Predicted “{name}”"),
    (AiText::Saved, "Model saved: programs can use it with my_model()."),
    (AiText::SaveFailed, "The model could not be saved in the browser (storage unavailable or full). It still works while this page is open."),
    (AiText::Retrain, "The examples changed: train again."),
    (AiText::TestHeading, "Test: draw a new picture on the pad"),
    (AiText::SourceLegend, "Where the examples come from"),
    (AiText::SourceDrawing, "Drawing"),
    (AiText::SourceCamera, "Camera"),
    (AiText::SourceLocked, "To switch, clear all examples first."),
    (AiText::StartCamera, "Turn the camera on"),
    (AiText::StopCamera, "Turn the camera off"),
    (AiText::OpeningCamera, "Opening the camera…"),
    (AiText::CameraView, "Camera view: place what you want to show, then press “Take a photo for …”."),
    (AiText::CameraRefused, "The camera is not allowed: let this page use the camera in the browser's settings."),
    (AiText::CameraMissing, "No camera was found. Without a camera, train with drawings."),
    (AiText::LoadingExtractor, "Loading the image feature model (13.5 MB, only once)…"),
    (AiText::ExtractorMissing, "The image feature model could not be loaded: it should be in image_features.nnef.tar (image_features.js on a USB stick) beside this page."),
    (AiText::AddPhoto, "Take a photo for “{name}”"),
    (AiText::CameraTestHeading, "Test: show the camera something new"),
];

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [AiText; 43] = [
        AiText::PadHeading,
        AiText::CanvasLabel,
        AiText::Clear,
        AiText::BarsHeading,
        AiText::PreviewLabel,
        AiText::TopClass,
        AiText::DrawSomething,
        AiText::WorkerFailed,
        AiText::LabHeading,
        AiText::LabIntro,
        AiText::ClassName,
        AiText::DefaultClassName,
        AiText::AddClass,
        AiText::RemoveClass,
        AiText::AddExample,
        AiText::ExampleCount,
        AiText::ClearExamples,
        AiText::Train,
        AiText::TrainNeeds,
        AiText::Training,
        AiText::Accuracy,
        AiText::NoHeldOut,
        AiText::ConfusionCaption,
        AiText::TrueClass,
        AiText::PredictedAs,
        AiText::Saved,
        AiText::SaveFailed,
        AiText::Retrain,
        AiText::TestHeading,
        AiText::SourceLegend,
        AiText::SourceDrawing,
        AiText::SourceCamera,
        AiText::SourceLocked,
        AiText::StartCamera,
        AiText::StopCamera,
        AiText::OpeningCamera,
        AiText::CameraView,
        AiText::CameraRefused,
        AiText::CameraMissing,
        AiText::LoadingExtractor,
        AiText::ExtractorMissing,
        AiText::AddPhoto,
        AiText::CameraTestHeading,
    ];

    #[test]
    fn every_language_has_every_id_once_with_the_same_placeholders() {
        crate::i18n::check_tables(table, &ALL);
    }
}
