# Writes the broken and foreign NNEF archives of this folder, for runtime/tests/nnef_errors.rs:
# loaded as the image feature extractor, each must give the error code expected.txt names, never a
# panic. Made from the committed iris archive with Python's standard library only; deterministic.
# Run: python3 runtime/tests/nnef/make.py
"""Makes the corrupt and foreign NNEF archives the runtime's model loader is tested with."""

import gzip
import io
import random
import struct
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS = HERE.parents[2] / "models"
IRIS = (MODELS / "iris" / "iris.nnef.tar").read_bytes()


def members(archive):
    """The files of an archive: name → bytes, in order."""
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def archive(files):
    """A tar archive of `files` (name → bytes) with fixed dates, as tract writes them."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 315532800, 0o644
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def with_changes(**replacements):
    """The iris archive with some files replaced (None removes one)."""
    files = members(IRIS)
    for name, data in replacements.items():
        name = name.replace("__", ".")
        if data is None:
            files.pop(name)
        else:
            files[name] = data
    return archive(files)


def tensor_header(data_bytes, dims, bits=32, item_type=0):
    """A 128-byte NNEF tensor header."""
    fields = struct.pack("<2sBBII", b"\x4e\xef", 1, 0, data_bytes, len(dims))
    fields += struct.pack("<8I", *(list(dims) + [0] * (8 - len(dims))))
    fields += struct.pack("<IHH", bits, item_type, 0)
    return fields + bytes(128 - len(fields))


GRAPH = members(IRIS)["graph.nnef"].decode()
W1 = members(IRIS)["w1.0.dat"]


def main():
    random.seed(5)
    files = {
        "empty.nnef.tar": b"",
        "random_bytes.nnef.tar": bytes(random.randrange(256) for _ in range(4096)),
        "text.txt": "这不是模型。This is not a model.\n".encode() * 40,
        "onnx_model.onnx": (MODELS / "iris" / "iris.onnx").read_bytes(),
        "gzipped.nnef.tgz": gzip.compress(IRIS, mtime=0),
        "truncated.nnef.tar": IRIS[: len(IRIS) // 3],
        "no_graph.nnef.tar": with_changes(graph__nnef=None),
        "graph_syntax_error.nnef.tar": with_changes(graph__nnef=GRAPH.replace("matmul(", "matmul((").encode()),
        "unknown_operator.nnef.tar": with_changes(graph__nnef=GRAPH.replace("softmax(", "frobnicate(").encode()),
        "missing_tensor.nnef.tar": with_changes(w1__0__dat=None),
        "tensor_of_another_shape.nnef.tar": with_changes(w1__0__dat=tensor_header(4 * 4 * 9, [4, 9]) + bytes(4 * 4 * 9)),
        "tensor_asks_for_gigabytes.nnef.tar": with_changes(w1__0__dat=tensor_header(128, [65536, 16384]) + bytes(128)),
        "tensor_cut_short.nnef.tar": with_changes(w1__0__dat=W1[: len(W1) - 16]),
        "tensor_bad_magic.nnef.tar": with_changes(w1__0__dat=b"\0\0" + W1[2:]),
        "empty_bool_tensor.nnef.tar": with_changes(w1__0__dat=tensor_header(0, [0], bits=8, item_type=5)),
        "iris_model.nnef.tar": IRIS,
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
