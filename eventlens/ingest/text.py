"""Checks every text goes through before extraction: decoding, size, binary data and language."""

from __future__ import annotations

from ..config import Settings
from ..errors import NotEnglish, TooLargeInput, UnreadableInput
from ..record import Article

#: Share of control characters above which bytes are treated as binary data, not text.
BINARY_THRESHOLD = 0.01


def decode_bytes(data: bytes, source: str) -> str:
    """Decode input bytes as UTF-8 (with or without BOM), refusing binary data and broken encodings.

    Raises:
        UnreadableInput: the bytes are binary or not valid UTF-8.
    """
    if b"\x00" in data[:65536]:
        raise UnreadableInput(source, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableInput(source, f"not valid UTF-8 at byte {e.start}; convert it to UTF-8 first") from e


def check_article(article: Article, source: str, settings: Settings) -> Article:
    """Refuse an article that is empty, too long, binary-looking or not English; return it otherwise."""
    text = article.text
    if not text.strip():
        raise UnreadableInput(source, "empty text")
    if len(text) > settings.max_chars:
        raise TooLargeInput(source, f"{len(text):,} characters, over the limit of {settings.max_chars:,} (max_chars)")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > BINARY_THRESHOLD * len(sample):
        raise UnreadableInput(source, "binary data (control characters), not text")
    if settings.require_english:
        language = detect_language(text)
        article.language = language
        if language != "en":
            raise NotEnglish(source, f"text is in language {language!r}; eventlens reads English only")
    return article


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, model shipped with the package)."""
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang)
