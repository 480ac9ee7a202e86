# Writes models/digits/preprocess.json: drawings as a pad would capture them, with the 28×28 image
# that `common.digit_image` (the MNIST-style preprocessing the digits model was trained through)
# makes of each. The runtime's Rust `digit_image` is tested against these cases, so drawings on the
# pad reach the model exactly as the training data did. Deterministic (fixed seed, no training).
# Run: python models/digits/preprocess_cases.py
"""Exports test cases for the drawing preprocessing."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import digit_image, f32_list, write_json  # noqa: E402

HERE = Path(__file__).resolve().parent
SIDE = 64


def pen(strokes, width):
    """Antialiased pen strokes on a SIDE×SIDE canvas (drawn at 4× and box-filtered), as 0–255 ink."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (SIDE * 4, SIDE * 4), 0)
    draw = ImageDraw.Draw(picture)
    for stroke in strokes:
        draw.line([(x * 4, y * 4) for x, y in stroke], fill=255, width=width * 4, joint="curve")
    return np.asarray(picture.resize((SIDE, SIDE), Image.BOX), dtype=np.uint8)


def cases():
    """(what, pixels [height][width] 0–255) for each case."""
    rng = np.random.default_rng(3)
    speckle = (rng.random((SIDE, SIDE // 2)) < 0.04) * rng.integers(1, 256, (SIDE, SIDE // 2))
    heavy_left = np.zeros((SIDE, SIDE), dtype=np.uint8)
    heavy_left[20:44, 4:14] = 255
    heavy_left[31:33, 14:60] = 40
    return [
        ("a 7 drawn small in the top-left corner", pen([[(6, 6), (26, 6), (14, 30)]], 3)),
        ("a 2 filling the pad", pen([[(12, 14), (30, 4), (50, 14), (46, 30), (10, 58), (56, 58)]], 6)),
        ("a 1: a thin vertical stroke (the short side rounds to a few pixels)", pen([[(32, 8), (33, 56)]], 2)),
        ("an 8 on a pad that is twice as wide as high", np.pad(pen([[(32, 6), (20, 18), (44, 44), (32, 58), (20, 44), (44, 18), (32, 6)]], 4), ((0, 0), (32, 32)))),
        ("random speckles on a pad 32 wide and 64 high: ink below 0.05 does not count for the box", speckle.astype(np.uint8)),
        ("a heavy bar with a faint tail: the centre of mass is far left, the tail is clipped", heavy_left),
        ("an empty pad: all zeros", np.zeros((SIDE, SIDE), dtype=np.uint8)),
    ]


def main():
    out = []
    for what, pixels in cases():
        ink = pixels.astype(np.float32) / np.float32(255.0)
        height, width = pixels.shape
        out.append(
            {
                "what": what,
                "width": width,
                "height": height,
                "pixels": pixels.flatten().tolist(),
                "image": f32_list(digit_image(ink).flatten()),
            }
        )
    write_json(HERE / "preprocess.json", out)
    print(f"{len(out)} cases → {(HERE / 'preprocess.json').relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
