"""Build a tiny, deterministic, fully offline Argos Translate package for tests.

The model is a CTranslate2 Transformer wired by hand through the spec API so that it
copies its input tokens, except for a four-word dictionary: "hola mundo" comes back as
"hello world". A hand-written MiniSBD ONNX splitter (split after . ! ?) ships inside
the package so argostranslate never downloads a sentence splitter.

Needs numpy, sentencepiece, ctranslate2 (argostranslate's own dependencies) and onnx.
Nothing is downloaded; a build takes well under a second (plus torch's import if
ctranslate2.specs finds torch installed).

    python tests/argos_fixture.py OUT_DIR [--from es --to en] [--no-sbd]
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

# Training text for the sentencepiece model, written for this project.
_CORPUS = """\
Hola mundo, esto es una prueba sencilla.
El gato duerme junto a la ventana.
Mi perro corre por el campo cada mañana.
La biblioteca abre a las nueve los lunes.
Compramos fruta fresca en el mercado del barrio.
Los estudiantes preparan un examen de historia.
El museo nuevo tiene tres salas de pintura.
Llueve mucho en el norte durante el otoño.
Hello world, this is a simple test.
The cat sleeps next to the window.
My dog runs through the field every morning.
The library opens at nine on Mondays.
We bought fresh fruit at the neighbourhood market.
The students are preparing a history exam.
The new museum has three painting rooms.
It rains a lot in the north during autumn.
"""

# Whole words only: sentencepiece matches user-defined symbols greedily, so a short
# word that starts longer words ("es" in "está") would break those words apart.
ES_EN = {"hola": "hello", "mundo": "world", "gato": "cat", "perro": "dog"}
LANGUAGE_NAMES = {
    "es": "Spanish",
    "en": "English",
    "fr": "French",
    "pt": "Portuguese",
    "ca": "Catalan",
    "gl": "Galician",
    "it": "Italian",
    "de": "German",
}
_WB = "\u2581"  # sentencepiece's word-boundary mark
_FIXED_DATE = (2020, 1, 1, 0, 0, 0)  # zip timestamps, for byte-identical rebuilds


def word_map(from_code: str, to_code: str) -> dict[str, str]:
    if (from_code, to_code) == ("es", "en"):
        return dict(ES_EN)
    if (from_code, to_code) == ("en", "es"):
        return {v: k for k, v in ES_EN.items()}
    return {}


def train_sentencepiece() -> bytes:
    """A small unigram model; model_writer keeps temp paths out of the bytes."""
    import sentencepiece as spm

    words = sorted(set(ES_EN) | set(ES_EN.values()))
    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_CORPUS.splitlines() * 4),
        model_writer=out,
        model_type="unigram",
        vocab_size=300,
        hard_vocab_limit=False,  # the corpus is tiny: accept what it yields
        character_coverage=1.0,
        normalization_rule_name="identity",  # no NFKC table: a 3 KB model
        user_defined_symbols=[_WB + w for w in words],
        num_threads=1,
        minloglevel=2,
    )
    return out.getvalue()


def _set_layer_norm(spec_ln: Any, dim: int) -> None:
    spec_ln.gamma = np.ones(dim, np.float32)
    spec_ln.beta = np.zeros(dim, np.float32)


def _set_linear(spec_lin: Any, weight: np.ndarray) -> None:
    spec_lin.weight = np.ascontiguousarray(weight, dtype=np.float32)
    spec_lin.bias = np.zeros(weight.shape[0], np.float32)


def _silence_layer(layer: Any, dim: int) -> None:
    """Zero self-attention and feed-forward: the residual path carries the input."""
    _set_layer_norm(layer.self_attention.layer_norm, dim)
    _set_linear(layer.self_attention.linear[0], np.zeros((3 * dim, dim)))
    _set_linear(layer.self_attention.linear[1], np.zeros((dim, dim)))
    _set_layer_norm(layer.ffn.layer_norm, dim)
    _set_linear(layer.ffn.linear_0, np.zeros((4, dim)))
    _set_linear(layer.ffn.linear_1, np.zeros((dim, 4)))


def build_copy_model(
    out_dir: Path,
    vocab: list[str],
    mapping: dict[str, str],
    code_dim: int = 64,
    max_positions: int = 1024,
) -> None:
    """A 1+1 layer Transformer whose decoder step t copies source token t.

    Encoder state = [position code | token code], decoder state = [position code | 0],
    both random +-1 vectors. Cross-attention matches positions (scaled so the match
    dominates); its values carry the token code, which the output projection turns back
    into the token. A dictionary entry moves the source word's row to the target word.
    `add_source_eos` makes the model copy "</s>" and stop.
    """
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(0)
    n, k = len(vocab), code_dim
    dim = 2 * k
    token_codes = rng.choice([-1.0, 1.0], size=(n, k))
    position_codes = rng.choice([-1.0, 1.0], size=(max_positions, k))

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1)
    spec.config.add_source_eos = True
    encoder, decoder = spec.encoder, spec.decoder
    encoder.scale_embeddings = decoder.scale_embeddings = False
    encoder.embeddings[0].weight = np.hstack([np.zeros((n, k)), token_codes]).astype(np.float32)
    decoder.embeddings.weight = np.zeros((n, dim), np.float32)
    positions = np.hstack([position_codes, np.zeros((max_positions, k))]).astype(np.float32)
    encoder.position_encodings.encodings = positions
    decoder.position_encodings.encodings = positions.copy()
    _silence_layer(encoder.layer[0], dim)
    _silence_layer(decoder.layer[0], dim)
    _set_layer_norm(encoder.layer_norm, dim)
    _set_layer_norm(decoder.layer_norm, dim)

    cross = decoder.layer[0].attention
    _set_layer_norm(cross.layer_norm, dim)
    query = np.zeros((dim, dim))
    query[:k, :k] = 8.0 * np.eye(k)  # sharp attention on the matching position
    key_value = np.zeros((2 * dim, dim))
    key_value[:k, :k] = np.eye(k)  # keys: position part
    key_value[dim + k :, k:] = np.eye(k)  # values: token part
    _set_linear(cross.linear[0], query)
    _set_linear(cross.linear[1], key_value)
    _set_linear(cross.linear[2], np.eye(dim))

    projection = np.hstack([np.zeros((n, k)), token_codes])
    index = {piece: i for i, piece in enumerate(vocab)}
    for source, target in mapping.items():
        if source in index and target in index:
            projection[index[target], k:] += token_codes[index[source]]
            projection[index[source]] = 0.0
    _set_linear(decoder.projection, projection)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=None)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def build_splitter_onnx(path: Path, lang: str) -> None:
    """A MiniSBD-compatible ONNX model: logits = table[units]; '.', '!', '?' end a sentence."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    units = ["<PAD>", "<UNK>", " ", ".", "!", "?"]
    table = np.zeros((len(units), 5), np.float32)
    table[:, 0] = 1.0  # inside a token
    table[2] = [0, 1, 0, 0, 0]  # a space ends a token
    table[3:6] = [0, 0, 1, 0, 0]  # sentence end
    nodes = [
        helper.make_node("Gather", ["table", "units"], ["logits"], axis=0),
        helper.make_node("Shape", ["features"], ["feature_shape"]),  # input must be used
    ]
    graph = helper.make_graph(
        nodes,
        "tiny_sentence_splitter",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "N"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "N", "F"]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "N", 5])],
        [numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {
        "lang": lang,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": units,
        "_unit2id": {u: i for i, u in enumerate(units)},
    }
    config = {"feat_funcs": [], "max_seqlen": 1000, "batch_size": 1}
    for key, value in (
        ("lang_code", lang),
        ("config", json.dumps(config)),
        ("vocab", json.dumps(vocab)),
    ):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


def metadata(from_code: str, to_code: str, version: str) -> dict[str, Any]:
    return {
        "package_version": version,
        "argos_version": "1.11.0",
        "type": "translate",
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES.get(to_code, to_code),
        "links": [],
    }


def _zip_folder(root: Path, out: Path) -> None:
    """Zip root as the archive's single top-level folder, with fixed timestamps."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(root.parent)), _FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())


def package_name(from_code: str, to_code: str, with_sbd: bool = True) -> str:
    return f"translate-{from_code}_{to_code}-tiny" + ("" if with_sbd else "-nosbd")


def build_package(
    out_dir: Path,
    from_code: str = "es",
    to_code: str = "en",
    with_sbd: bool = True,
    version: str = "0.0.1",
) -> Path:
    """Write OUT_DIR/<package name>.argosmodel and return its path."""
    import sentencepiece as spm

    name = package_name(from_code, to_code, with_sbd)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        sp_bytes = train_sentencepiece()
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
        vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        mapping = {_WB + s: _WB + t for s, t in word_map(from_code, to_code).items()}
        build_copy_model(root / "model", vocab, mapping)
        if with_sbd:
            build_splitter_onnx(root / "minisbd" / f"{from_code}.onnx", from_code)
        meta = metadata(from_code, to_code, version)
        (root / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (root / "README.md").write_text("Tiny offline test package (copy model).\n")
        out = Path(out_dir) / f"{name}.argosmodel"
        _zip_folder(root, out)
    return out


def argos_env(root: Path) -> dict[str, str]:
    """Environment that keeps argos (and onnxruntime) inside root; set it before import."""
    return {
        "ARGOS_PACKAGES_DIR": str(root / "packages"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "ARGOS_DEVICE_TYPE": "cpu",
        "ARGOS_INTRA_THREADS": "1",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--from", dest="from_code", default="es")
    parser.add_argument("--to", dest="to_code", default="en")
    parser.add_argument("--no-sbd", action="store_true", help="leave out the minisbd splitter")
    args = parser.parse_args()
    path = build_package(args.out_dir, args.from_code, args.to_code, not args.no_sbd)
    print(f"built {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
