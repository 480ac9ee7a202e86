# Trains the `iris` model (the tabular classifier of the AI lessons) from scikit-learn's bundled iris
# data and writes iris.onnx, model.json and samples.json beside this file. A small neural network
# (4 → 8 ReLU → 3 softmax) trained with scikit-learn's MLPClassifier; the standardisation of the
# inputs is folded into the first layer so the ONNX graph takes centimetres directly and uses only
# MatMul, Add, Relu and Softmax. Fixed seeds: reruns give byte-identical files.
# Run: python models/iris/train.py
"""Trains and exports the iris classifier."""

import sys
from pathlib import Path

import numpy as np
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import f32_list, run_onnx, save_onnx, write_json, write_json_pretty  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 0
LABELS = {"zh": ["山鸢尾", "变色鸢尾", "维吉尼亚鸢尾"], "en": ["setosa", "versicolor", "virginica"]}


def build_graph(network, mean, std):
    """The ONNX graph of the trained network with (x - mean) / std folded into layer 1."""
    w1 = network.coefs_[0] / std[:, None]
    b1 = network.intercepts_[0] - (mean / std) @ network.coefs_[0]
    w2, b2 = network.coefs_[1], network.intercepts_[1]
    weights = {"w1": w1, "b1": b1, "w2": w2, "b2": b2}
    initializers = [numpy_helper.from_array(v.astype(np.float32), k) for k, v in weights.items()]
    nodes = [
        helper.make_node("MatMul", ["features", "w1"], ["h1"]),
        helper.make_node("Add", ["h1", "b1"], ["h1b"]),
        helper.make_node("Relu", ["h1b"], ["hidden"]),
        helper.make_node("MatMul", ["hidden", "w2"], ["h2"]),
        helper.make_node("Add", ["h2", "b2"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes,
        "iris",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 3])],
        initializers,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def main():
    data = load_iris()
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.3, random_state=SEED, stratify=data.target
    )
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    network = MLPClassifier(hidden_layer_sizes=(8,), solver="lbfgs", alpha=1.0, max_iter=2000, random_state=SEED)
    network.fit((x_train - mean) / std, y_train)

    onnx_path = HERE / "iris.onnx"
    save_onnx(build_graph(network, mean, std), onnx_path)

    predictions = []
    for row in x_test:
        probabilities = run_onnx(onnx_path, {"features": row[None, :]})["probabilities"]
        predictions.append(int(np.argmax(probabilities)))
    accuracy = float(np.mean(np.array(predictions) == y_test))
    sklearn_accuracy = float(network.score((x_test - mean) / std, y_test))
    assert accuracy == sklearn_accuracy, "the ONNX graph must classify like the trained network"

    samples = []
    for index in range(len(x_test))[:: len(x_test) // 6][:6]:
        features = x_test[index][None, :].astype(np.float32)
        outputs = run_onnx(onnx_path, {"features": features})
        samples.append(
            {
                "input": f32_list(features),
                "label": int(y_test[index]),
                "outputs": {"probabilities": f32_list(outputs["probabilities"][0])},
            }
        )
    write_json(HERE / "samples.json", samples)
    write_json_pretty(
        HERE / "model.json",
        {
            "name": "iris",
            "file": "iris.onnx",
            "version": 1,
            "title": {"zh": "鸢尾花分类", "en": "Iris classifier"},
            "input": {"name": "features", "shape": [1, 4], "kind": "vector"},
            "outputs": [{"name": "probabilities", "shape": [1, 3]}],
            "labels": LABELS,
            "embedded": True,
        },
    )
    print(f"iris: held-out accuracy {accuracy:.4f} ({sum(p == t for p, t in zip(predictions, y_test))}/{len(y_test)}), "
          f"{onnx_path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
