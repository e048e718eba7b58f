"""Checks every text goes through before extraction: decoding, size, binary data and language."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import IO, Any

from ..config import Settings
from ..datetimes import parse_published
from ..errors import NotEnglish, TooLargeInput, UnreadableInput
from ..record import Article, article_id_problem
from ..resources import cached_file, fingerprint

logger = logging.getLogger(__name__)

#: Share of control characters above which bytes are treated as binary data, not text.
BINARY_THRESHOLD = 0.01
#: The longest stretch without a sentence break (``. ! ? ;`` or a line break) is ``Settings.max_sentence_chars``
#: (20,000 by default). The longest sentence in the 224 VOA articles is under 500; a 20,000-character "sentence" is
#: a dump or minified data, not prose, and per-sentence analysis (parse, clauses, quotes) would spend its time on it.
_SENTENCE_RUN = re.compile(r"[^.!?;\n\r\u3002\uff01\uff1f]+")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode input bytes as UTF-8 (with or without BOM), refusing binary data and broken encodings.

    A UTF-16 file with its byte-order mark is read too. Anything else that is not UTF-8 is refused rather than
    guessed at: a wrong guess would change the text every offset indexes.

    Raises:
        UnreadableInput: the bytes are binary or not valid UTF-8.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise UnreadableInput(source, f"broken UTF-16 at byte {e.start}") from e
    if b"\x00" in data[:65536]:
        raise UnreadableInput(source, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableInput(source, _encoding_reason(data, e)) from e


def _encoding_reason(data: bytes, error: UnicodeDecodeError) -> str:
    """Say whether the bytes mix UTF-8 with another encoding or are in another encoding altogether."""
    # Everything before the error decoded; non-ASCII bytes there were real UTF-8 sequences.
    if any(byte >= 0x80 for byte in data[: error.start]):
        return f"mixed encodings: UTF-8 text with a byte at {error.start:,} that is not UTF-8; convert it to UTF-8"
    return f"not valid UTF-8 at byte {error.start:,} (Latin-1 or Windows-1252?); convert it to UTF-8 first"


#: The article fields checked for lone surrogates, in the order a reason names them.
_TEXT_FIELDS = ("id", "title", "text", "published", "source", "url")


def _surrogate_problem(article: Article) -> str | None:
    """Which field holds a lone surrogate (``"\\ud800"`` in JSON decodes to one), and where.

    Such a string is not Unicode text: it cannot be written as UTF-8, so the record, the database row and the API
    answer would all fail later, taking the rest of the batch with them (#16).
    """
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if not isinstance(value, str) or value.isascii():
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            return (
                f"{name} holds a lone surrogate (U+{ord(value[e.start]):04X}) at character {e.start + 1:,}, "
                "which is not text; fix the \\u escapes that made it"
            )
    return None


def check_article(article: Article, source: str, settings: Settings) -> Article:
    """Refuse an article that is empty, too long, binary-looking or not English, that holds a lone surrogate, or
    whose id breaks the id rule (:func:`~eventlens.record.article_id_problem`); return it otherwise."""
    problem = _surrogate_problem(article) or article_id_problem(article.id)
    if problem:
        raise UnreadableInput(source, problem)
    text = article.text
    if not text.strip():
        raise UnreadableInput(source, "empty text")
    if len(text) > settings.max_chars:
        raise TooLargeInput(source, f"{len(text):,} characters, over the limit of {settings.max_chars:,} (max_chars)")
    limit = settings.max_sentence_chars
    longest = max((len(run) for run in _SENTENCE_RUN.findall(text)), default=0)
    if longest > limit:
        raise TooLargeInput(
            source, f"a {longest:,}-character stretch with no sentence break (limit {limit:,}); not news prose"
        )
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > BINARY_THRESHOLD * len(sample):
        raise UnreadableInput(source, "binary data (control characters), not text")
    if settings.require_english:
        language, share, english = language_scores(text, settings.cache_dir)
        if language != "en" and share >= CONFIDENT and english < PLAUSIBLE:
            article.language = language
            raise NotEnglish(
                source, f"text is in language {language!r} ({share:.0%} sure); eventlens reads English only"
            )
        article.language = "en"
    article.published = normal_published(article.published, source, settings)
    return article


def normal_published(value: str | None, source: str, settings: Settings) -> str | None:
    """The publication date as ``YYYY-MM-DD``; one that cannot be read is warned about and left out (the article
    is kept, its relative dates stay unresolved)."""
    if value is None:
        return None
    try:
        return parse_published(value, day_first=settings.day_first)
    except ValueError as e:
        logger.warning("%s: publication date left out: %s", source, e)
        return None


#: A language guess at least this probable (normalised over py3langid's 97 languages) is believed.
CONFIDENT = 0.5
#: English at least this probable is never refused: short English headlines ("Russia and Ukraine held talks in
#: Geneva on Friday.") get guesses like Estonian 0.40 / English 0.36, and a wrong refusal loses an article.
PLAUSIBLE = 0.1


@functools.cache
def _identifier(cache_dir: str | None = None) -> Any:
    """py3langid's identifier, loaded once per process.

    Its model ships LZMA-compressed, and decompressing its 68 MB took a cold start over half a second: the first
    run keeps the decompressed arrays in the cache (:func:`~eventlens.resources.cached_file`, keyed by the shipped
    file's hash) and later runs read them as py3langid reads them, without decompressing.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        return _from_cached_arrays(LanguageIdentifier, MODEL_DIR / MODEL_FILE, cache_dir)
    except Exception as e:  # noqa: BLE001  (a missing or unreadable cache, another py3langid: read the shipped model)
        logger.debug("language model not read from the cache: %s", e)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _from_cached_arrays(identifier: Any, model: Path, cache_dir: str | None) -> Any:
    """The identifier built from the model's decompressed ``.npz`` in the cache, as ``from_model_file`` builds it
    (py3langid's ``modelio.load_model``); raises when there is no cache or the arrays are not what it expects."""
    import lzma
    import shutil

    import numpy as np
    from py3langid.modelio import _to_array

    def decompress(out: IO[bytes]) -> None:
        with lzma.open(model) as src:
            shutil.copyfileobj(src, out, length=1 << 20)

    path = cached_file("langid", fingerprint(model.read_bytes()), ".npz", decompress, cache_dir=cache_dir)
    if path is None:
        raise OSError("no cache")
    with np.load(path, allow_pickle=False) as data:
        return identifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


def language_scores(text: str, cache_dir: str | None = None) -> tuple[str, float, float]:
    """The likeliest language of ``text`` (ISO 639-1), its probability, and the probability of English."""
    ranked = _identifier(cache_dir).rank(text[:5000])
    top, share = ranked[0]
    english = next((float(p) for lang, p in ranked if lang == "en"), 0.0)
    return str(top), float(share), english


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's likeliest language (py3langid, model shipped with the package)."""
    return language_scores(text)[0]
