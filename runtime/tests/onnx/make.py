# Writes the broken and foreign model files of this folder, for runtime/tests/model_files.rs
# (through the ONNX → NNEF converter): each must give the error code expected.txt names, never a
# panic. Deterministic (fixed seed). Needs the
# `onnx` and `numpy` packages of models/requirements.txt. Run: python runtime/tests/onnx/make.py
"""Makes the corrupt and foreign ONNX files the runtime's loader is tested with."""

import gzip
import struct
import zlib
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper

HERE = Path(__file__).resolve().parent
MODELS = HERE.parents[2] / "models"


def graph_model(nodes, inputs, outputs, initializers=(), opset=13):
    """An ONNX model of one graph (not checked: some are broken on purpose)."""
    graph = helper.make_graph(nodes, "broken", inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.producer_name = "sprout-tests"
    return model.SerializeToString()


def image(name="image", element=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, element, [1, 3, 224, 224])


def features(shape=(1, 1280)):
    return helper.make_tensor_value_info("features", TensorProto.FLOAT, list(shape))


def png():
    """A valid 2×2 grey PNG picture."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    rows = b"\x00\x10\x80\x00\xf0\x20"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def main():
    sentiment = (MODELS / "sentiment" / "sentiment.onnx").read_bytes()
    rng = np.random.default_rng(5)
    pooled = [
        helper.make_node("GlobalAveragePool", ["image"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["features"]),
    ]
    files = {
        "empty.onnx": b"",
        "truncated.onnx": sentiment[: len(sentiment) // 2],
        "random_bytes.onnx": rng.integers(0, 256, 4096, dtype=np.uint8).tobytes(),
        "picture.png": png(),
        "text.txt": "这不是模型。This is not a model.\n".encode("utf-8"),
        "gzipped.onnx.gz": gzip.compress(sentiment, mtime=0),
        "iris_model.onnx": (MODELS / "iris" / "iris.onnx").read_bytes(),
        "three_features.onnx": graph_model(pooled, [image()], [features((1, 3))]),
        "two_inputs.onnx": graph_model(
            [helper.make_node("Add", ["image", "other"], ["sum"]), helper.make_node("GlobalAveragePool", ["sum"], ["features"])],
            [image(), image("other")],
            [features()],
        ),
        "unknown_operator.onnx": graph_model(
            [helper.make_node("Frobnicate", ["image"], ["features"], domain="")], [image()], [features()]
        ),
        "missing_node_input.onnx": graph_model(
            [helper.make_node("Add", ["image", "nowhere"], ["sum"])] + pooled[1:],
            [image()],
            [features()],
        ),
        "external_data.onnx": graph_model(
            [helper.make_node("Mul", ["image", "weights"], ["scaled"]), helper.make_node("GlobalAveragePool", ["scaled"], ["pooled"])]
            + pooled[1:],
            [image()],
            [features()],
            [external_tensor()],
        ),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    print(f"{len(files)} files written to {HERE}")


def external_tensor():
    """An initializer whose data is said to be in a file outside the model: nothing may be read."""
    tensor = helper.make_tensor("weights", TensorProto.FLOAT, [1], [0.0])
    tensor.ClearField("float_data")
    tensor.data_location = TensorProto.EXTERNAL
    for key, value in (("location", "../../../../etc/passwd"), ("offset", "0"), ("length", "4")):
        entry = tensor.external_data.add()
        entry.key, entry.value = key, value
    return tensor


if __name__ == "__main__":
    main()
