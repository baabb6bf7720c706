"""Tiny but real Argos Translate packages (.argosmodel) for tests, built offline in about a second.

A package is the real format: one top-level directory with metadata.json, a SentencePiece model
trained here, a CTranslate2 Transformer saved by CTranslate2 itself and, optionally, a MiniSBD
ONNX sentence splitter. Only the weights are unusual: they are set by hand so that the model
translates word by word from a small lexicon, which makes test assertions exact:

    "Hallo Welt. Der Hund ist gut."  ->  "Hello world. The dog is good."

How the hand-set Transformer works (1 encoder + 1 decoder layer, 1 head, pre-norm):
the residual stream has V token dimensions (one per vocabulary piece) followed by P position
dimensions. The encoder embeds source piece u at position s as e_u + pos(s); its layers add
nothing. The decoder's input at step t is pos(t) alone (zero token embeddings). Cross-attention
compares positions only, so step t attends to source position t, and its value moves the source
piece's one-hot code into the token dimensions. The output projection maps piece u to the
lexicon's translation of u (or to u itself). The source gets "</s>" appended, so "</s>" is copied
right after the last piece and decoding stops. Pieces outside the lexicon are copied unchanged.

Positions are limited (MAX_POSITIONS): a sentence longer than that makes CTranslate2 itself
fail, which tests use to exercise the real failure path.
"""

from __future__ import annotations

import atexit
import io
import json
import shutil
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np

MAX_POSITIONS = 64
POSITION_DIMS = 40

GERMAN_ENGLISH = {
    "Hallo": "Hello", "Welt": "world", "Der": "The", "Die": "The", "Das": "The", "der": "the",
    "die": "the", "das": "the", "ist": "is", "sind": "are", "und": "and", "nicht": "not",
    "Hund": "dog", "Katze": "cat", "Haus": "house", "gut": "good", "heute": "today",
    "Stadt": "city", "Regierung": "government", "Zeitung": "newspaper", "sagt": "says",
    "hier": "here", "klein": "small", "groß": "big", "Wetter": "weather", "morgen": "tomorrow",
    "Polizei": "police", "Strom": "power", "teuer": "expensive", "neu": "new",
}
ENGLISH_FRENCH = {
    "Hello": "Bonjour", "world": "monde", "The": "Le", "the": "le", "dog": "chien", "cat": "chat",
    "is": "est", "good": "bon", "house": "maison", "city": "ville", "and": "et", "not": "pas",
    "today": "aujourd'hui", "here": "ici", "small": "petit", "big": "grand",
}
LEXICONS = {("de", "en"): GERMAN_ENGLISH, ("en", "fr"): ENGLISH_FRENCH}
LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French", "nb": "Norwegian", "es": "Spanish"}

# Text in the scripts and punctuation the tests use, so every character has a piece.
_CHARACTER_LINES = [
    "Fünf Bürger äußern Ärger über Öl, Übermut und Straßen; ça coûte 3,50 € – «très» cher.",
    "Nyhetene i dag: Østby på Åsane sa ærlig at byen er enig.",
    "Zahlen 0 1 2 3 4 5 6 7 8 9 und Zeichen ! ? . , ; : - ( ) \" ' / % & + = @ # * „“ ’ …",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
]


def training_lines(lexicon: dict[str, str]) -> list[str]:
    """Each lexicon word (both sides) often enough, as a whole word, to become one piece."""
    words = sorted(set(lexicon) | set(lexicon.values()))
    lines = []
    for i, word in enumerate(words):
        neighbour = words[(i + 1) % len(words)]
        lines += [f"{word} {neighbour} {word}.", f"{word}, {word}!", f"{neighbour} {word}?"] * 4
    return lines + _CHARACTER_LINES * 2


def train_sentencepiece(lines: list[str], vocab_size: int = 320) -> bytes:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buffer, vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, hard_vocab_limit=False, num_threads=1, minloglevel=2,
    )
    return buffer.getvalue()


def _zeros(*shape: int) -> np.ndarray:
    return np.zeros(shape, np.float32)


def _unit_layer_norm(layer, width: int) -> None:
    layer.gamma = np.ones(width, np.float32)
    layer.beta = _zeros(width)


def _silence_layer(layer, width: int) -> None:
    """Self-attention and feed-forward sublayers whose output is exactly zero."""
    _unit_layer_norm(layer.self_attention.layer_norm, width)
    layer.self_attention.linear[0].weight = _zeros(3 * width, width)
    layer.self_attention.linear[0].bias = _zeros(3 * width)
    layer.self_attention.linear[1].weight = _zeros(width, width)
    layer.self_attention.linear[1].bias = _zeros(width)
    _unit_layer_norm(layer.ffn.layer_norm, width)
    layer.ffn.linear_0.weight = _zeros(4, width)
    layer.ffn.linear_0.bias = _zeros(4)
    layer.ffn.linear_1.weight = _zeros(width, 4)
    layer.ffn.linear_1.bias = _zeros(width)


def save_lexicon_transformer(pieces: list[str], lexicon: dict[str, str], model_dir: Path,
                             quantization: str = "int8", seed: int = 7) -> None:
    """Write a CTranslate2 model that maps every piece through `lexicon` (see module docstring)."""
    from ctranslate2.specs import transformer_spec

    vocab_size = len(pieces)
    width = vocab_size + POSITION_DIMS
    tokens = slice(0, vocab_size)
    positions = slice(vocab_size, width)
    rng = np.random.default_rng(seed)
    codes = rng.standard_normal((MAX_POSITIONS, POSITION_DIMS)).astype(np.float32)
    codes /= np.linalg.norm(codes, axis=1, keepdims=True)
    position_table = _zeros(MAX_POSITIONS, width)
    position_table[:, positions] = codes

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1, pre_norm=True)
    spec.config.add_source_eos = True
    encoder, decoder = spec.encoder, spec.decoder
    encoder.scale_embeddings = False
    decoder.scale_embeddings = False
    source_embeddings = _zeros(vocab_size, width)
    source_embeddings[:, tokens] = np.eye(vocab_size, dtype=np.float32)
    encoder.embeddings[0].weight = source_embeddings
    decoder.embeddings.weight = _zeros(vocab_size, width)
    encoder.position_encodings.encodings = position_table
    decoder.position_encodings.encodings = position_table
    _unit_layer_norm(encoder.layer_norm, width)
    _unit_layer_norm(decoder.layer_norm, width)
    _silence_layer(encoder.layer[0], width)
    _silence_layer(decoder.layer[0], width)

    cross = decoder.layer[0].attention
    _unit_layer_norm(cross.layer_norm, width)
    query = _zeros(width, width)
    query[positions, positions] = 8.0 * np.eye(POSITION_DIMS, dtype=np.float32)
    key = _zeros(width, width)
    key[positions, positions] = np.eye(POSITION_DIMS, dtype=np.float32)
    value = _zeros(width, width)
    value[tokens, tokens] = 5.0 * np.eye(vocab_size, dtype=np.float32)
    cross.linear[0].weight = query
    cross.linear[0].bias = _zeros(width)
    cross.linear[1].weight = np.concatenate([key, value])
    cross.linear[1].bias = _zeros(2 * width)
    cross.linear[2].weight = np.eye(width, dtype=np.float32)
    cross.linear[2].bias = _zeros(width)

    piece_id = {piece: i for i, piece in enumerate(pieces)}
    projection = _zeros(vocab_size, width)
    for source_id, piece in enumerate(pieces):
        target_id = source_id
        if piece.startswith("\u2581") and piece[1:] in lexicon:
            target_id = piece_id.get("\u2581" + lexicon[piece[1:]], source_id)
        projection[target_id, source_id] = 3.0
    decoder.projection.weight = projection
    decoder.projection.bias = _zeros(vocab_size)

    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization=quantization)
    model_dir.mkdir(parents=True, exist_ok=True)  # CTranslate2's save() does not create it
    spec.save(str(model_dir))


# ---- MiniSBD sentence splitter as an ONNX file, written without the onnx package ------------

def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, value: int | str | bytes) -> bytes:
    """One protobuf field: integers as varints, strings and messages length-delimited."""
    if isinstance(value, int):
        return _varint(number << 3) + _varint(value)
    data = value.encode() if isinstance(value, str) else value
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _tensor_type(name: str, element_type: int, dims: list[int | str]) -> bytes:
    shape = b"".join(_field(1, _field(1, d) if isinstance(d, int) else _field(2, d)) for d in dims)
    return _field(1, name) + _field(2, _field(1, _field(1, element_type) + _field(2, shape)))


def write_minisbd_model(path: Path, lang: str) -> None:
    """A MiniSBD model that ends a sentence after '.', '!' or '?'.

    MiniSBD feeds character ids ("units") and per-character features, and reads 5 logits per
    character (class 2 = end of sentence). Here the logits are a row of a constant table picked
    by the character id (one ONNX Gather node).
    """
    units = ["<PAD>", "<UNK>", " ", ".", "!", "?"]
    table = _zeros(len(units), 5)
    table[:, 0] = 1.0
    for mark in ".!?":
        table[units.index(mark)] = [0.0, 0.0, 1.0, 0.0, 0.0]
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False, "_id2unit": units,
             "_unit2id": {u: i for i, u in enumerate(units)}}
    config = {"skip_newline": False, "max_seqlen": 1000, "no_ssplit": False, "batch_size": 64,
              "feat_funcs": ["space_before"], "use_dictionary": False, "num_dict_feat": 0}
    FLOAT, INT64 = 1, 7
    initializer = (_field(1, table.shape[0]) + _field(1, table.shape[1]) + _field(2, FLOAT)
                   + _field(8, "logit_table") + _field(9, table.tobytes()))
    node = _field(1, "logit_table") + _field(1, "units") + _field(2, "logits") + _field(4, "Gather")
    graph = (_field(1, node) + _field(2, "punctuation_splitter") + _field(5, initializer)
             + _field(11, _tensor_type("units", INT64, ["batch", "seq"]))
             + _field(11, _tensor_type("features", FLOAT, ["batch", "seq", 1]))
             + _field(12, _tensor_type("logits", FLOAT, ["batch", "seq", 5])))
    metadata = {"lang_code": lang, "config": json.dumps(config), "vocab": json.dumps(vocab), "lexicon": "null"}
    model = (_field(1, 8) + _field(2, "newsetl-tests") + _field(7, graph) + _field(8, _field(2, 13))
             + b"".join(_field(14, _field(1, k) + _field(2, v)) for k, v in metadata.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model)


# ---- packages -----------------------------------------------------------------------------

def package_dir_name(from_code: str, to_code: str, version: str) -> str:
    return f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"


def write_package_dir(root: Path, from_code: str, to_code: str, version: str = "0.1",
                      lexicon: dict[str, str] | None = None, with_minisbd: bool = True) -> Path:
    """The unzipped package directory (what an .argosmodel contains), under `root`."""
    import sentencepiece as spm

    lexicon = LEXICONS.get((from_code, to_code), {}) if lexicon is None else lexicon
    package = root / package_dir_name(from_code, to_code, version)
    package.mkdir(parents=True)
    sp_model = train_sentencepiece(training_lines(lexicon or {"Hallo": "Hello"}))
    (package / "sentencepiece.model").write_bytes(sp_model)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    save_lexicon_transformer(pieces, lexicon, package / "model")
    if with_minisbd:
        write_minisbd_model(package / "minisbd" / f"{from_code}.onnx", from_code)
    (package / "metadata.json").write_text(json.dumps({
        "package_version": version, "argos_version": "1.9.0",
        "from_code": from_code, "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code, "to_name": LANGUAGE_NAMES.get(to_code, to_code),
    }, indent=2), encoding="utf-8")
    (package / "README.md").write_text("Hand-built lexicon model for newsetl's tests.\n", encoding="utf-8")
    return package


def zip_package_dir(package: Path, target: Path) -> Path:
    """Zip with the package directory as the single top-level entry, fixed timestamps."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(package.parent)), date_time=(1980, 1, 1, 0, 0, 0))
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return target


@lru_cache(maxsize=None)
def _build_cached(from_code: str, to_code: str, version: str, with_minisbd: bool) -> Path:
    out = Path(tempfile.mkdtemp(prefix="newsetl-tiny-argos-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    package = write_package_dir(out / "src", from_code, to_code, version, with_minisbd=with_minisbd)
    return zip_package_dir(package, out / f"{package.name}.argosmodel")


def build_argosmodel(from_code: str = "de", to_code: str = "en", version: str = "0.1",
                     with_minisbd: bool = True) -> Path:
    """Path of a tiny .argosmodel; built once per process per set of arguments (treat as read-only)."""
    return _build_cached(from_code, to_code, version, with_minisbd)


if __name__ == "__main__":  # build one and show its size: python -m tests.argos_tiny
    import time

    t0 = time.perf_counter()
    built = build_argosmodel()
    print(f"{built} {built.stat().st_size / 1024:.0f} KiB in {time.perf_counter() - t0:.2f}s")
