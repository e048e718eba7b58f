"""Headings run into the sentence after them, cut off before the parser reads them.

News pages flattened to plain text often lose the line break after a subheading or a photo caption, leaving a
hyphen in its place: "Coup accusations-Turchynov also accused …", "Responsibility -Syrian government TV charged …",
"ISLAMABAD, PAKISTAN — -The head of …". Read as one sentence, the heading becomes the subject's modifier or the
sentence's root, and the party that opens the real sentence is lost. :func:`mark_headings` runs on the tokenised,
unparsed ``Doc`` and starts a sentence after each such hyphen; the parser keeps sentence starts it is given.

A hyphen inside a word stays: "Secretary-General", "U.S.-Ukraine", "pro-Russian", "al-Assad", "then-President",
"post-Soviet". Only the text's own characters are used, so every offset stays the article's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

#: Lower-case prefixes that join a capitalised word without ending anything ("anti-Western", "then-President").
PREFIXES = frozenset(
    "anti semi multi inter intra ultra counter trans post self cross half then vice once former mega super quasi "
    "pseudo extra over under neo pan non pro pre sub mid ex all late early".split()
)
#: Capitalised words that open a sentence, never end a name: "Kyiv-The …", "US-After …", "2012-In the …".
OPENERS = frozenset(
    "The A An In On At But And While After Before When As For From Despite Since During With Without Although "
    "Though If This That These Those It He She They We His Her Their Its Meanwhile However Still Yet Some Many".split()
)
#: Characters that close a quotation or a bracket ("… beyond despicable.’”-For hundreds …").
CLOSERS = frozenset("'\"’”)]")
#: Characters that may open a sentence besides a capital letter.
QUOTE_OPENERS = frozenset("\"“‘'")


def mark_headings(doc: Doc) -> Doc:
    """Split a hyphen off the words it is glued to ("Responsibility -Syrian", "resistance’-They") and start a
    sentence after every hyphen that ends a heading (see the module docstring). Takes a tokenised, unparsed ``Doc``
    and returns it, or a copy with the split tokens (a copy, not a retokenized ``Doc``: the heads a retokenizer
    must set keep the parser from honouring the sentence starts)."""
    split = {t.i: parts for t in doc if (parts := _glued_parts(t))}
    if split:
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[str | None] = []
        for tok in doc:
            parts = split.get(tok.i, [tok.text])
            words += parts
            spaces += [False] * (len(parts) - 1) + [bool(tok.whitespace_)]
            norms += [None] * (len(parts) - 1) + [tok.norm_ if len(parts) == 1 else None]
        doc = Doc(doc.vocab, words=words, spaces=spaces)
        for tok, norm in zip(doc, norms, strict=True):
            if norm is not None:
                tok.norm_ = norm  # what the tokenizer's exceptions gave ("n't" → "not"), which the tagger reads
    for tok in doc:
        if tok.i >= 2 and _ends_heading(doc[tok.i - 1]):
            tok.is_sent_start = True
    return doc


def is_heading(sent: Span) -> bool:
    """Whether a sentence is a heading cut off by :func:`mark_headings` ("Continued denials-"): a topic's label,
    which names no event of its own (the sentence after it tells it)."""
    return len(sent) > 1 and _ends_heading(sent[-1])


def _glued_parts(tok: Token) -> list[str]:
    """The parts of a token the tokenizer left a heading's hyphen in: "-Syrian" after a space → "-", "Syrian";
    "resistance’-They", "’”-For" → "resistance’", "-", "They" (none when the token is no such thing)."""
    text = tok.text
    dash = text.find("-")
    if dash < 0 or dash + 1 >= len(text) or not _opens(text[dash + 1]) or "-" in text[dash + 1 :]:
        return []
    if dash == 0:
        return ["-", text[1:]] if tok.i == 0 or tok.doc[tok.i - 1].whitespace_ else []
    return [text[:dash], "-", text[dash + 1 :]] if text[dash - 1] in CLOSERS else []


def _ends_heading(dash: Token) -> bool:
    """Whether a hyphen token ends a heading run into the next word (see the module docstring)."""
    doc = dash.doc
    if dash.text != "-" or dash.whitespace_ or dash.i + 1 >= len(doc) or dash.i == 0:
        return False
    left, right = doc[dash.i - 1], doc[dash.i + 1]
    if not _opens(right.text[0]):
        return False
    if left.whitespace_:
        return True  # "Responsibility -Syrian": a space before the hyphen and none after
    word = left.text
    if word.isalpha() and word.islower():
        return len(word) >= 4 and word not in PREFIXES  # "accusations-Turchynov", "siege-But"
    if word[-1] in CLOSERS:
        return True  # "beyond despicable.’”-For hundreds"
    return right.text in OPENERS  # "Kyiv-The", "US-After", "2012-In the Qaddam district"


def _opens(char: str) -> bool:
    return char.isupper() or char in QUOTE_OPENERS


__all__ = ["is_heading", "mark_headings"]
