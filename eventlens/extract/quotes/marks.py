"""Finding quoted stretches of text by their quotation marks, in every style news uses.

Works on characters only (no parse), so it can be tested alone. Handles straight and curly double quotes,
guillemets, low-9 openers, curly and straight single quotes (told apart from apostrophes by what surrounds them),
quotes that run over several paragraphs (a paragraph opening with a mark while the previous quote is still open),
and quotes whose closing mark was lost (common in scraped text): those end at the first sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
#: Characters after which a straight quote mark opens a quote ("(", "—", a space, ...).
OPENING_CONTEXT = " \t\n([{—–-/:;"
#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen sen rep gov lt col maj capt sgt st jr sr prof rev adm cmdr pres no vs etc inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.?!](?=[\"'”’»]?\s+[\"'“‘«(]?[A-Z0-9])")


@dataclass
class QuoteSpan:
    """A quoted stretch: ``start``/``end`` bound the words inside the marks; ``open``/``close`` the marks."""

    start: int
    end: int
    open: int
    close: int | None  # None when the closing mark is missing (the quote runs on, or was lost)
    paragraph: int
    group: int  # pieces of one quote running over several paragraphs share a group
    single: bool = False  # marked by single quotes


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph (lines separated by newlines)."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    word = re.search(r"(\w+)$", text[max(0, m.start() - 12) : m.start()])
    return not (word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1))  # "Gen.", "U.S."


def sentence_end(text: str, start: int, limit: int) -> int:
    """Where the sentence running from ``start`` ends (after its full stop), at most ``limit``."""
    for m in _SENTENCE_END.finditer(text, start, limit):
        if _ends_sentence(text, m):
            return m.end()
    return limit


def sentence_start(text: str, floor: int, p: int) -> int:
    """Where the sentence holding position ``p`` starts, not before ``floor``."""
    start = floor
    for m in _SENTENCE_END.finditer(text, floor, p):
        if _ends_sentence(text, m):
            start = m.end()
    return start


def _is_opening(text: str, p: int) -> bool:
    """Does the straight mark at ``p`` open a quote (space or start before it, a word after)?"""
    before = text[p - 1] if p > 0 else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    return (before in OPENING_CONTEXT or before in DOUBLE_OPEN + SINGLE_OPEN) and not after.isspace()


def _is_closing(text: str, p: int) -> bool:
    before = text[p - 1] if p > 0 else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Positions of double marks in a paragraph, each read as "open" or "close"."""
    marks: list[tuple[int, str]] = []
    for p in range(start, end):
        c = text[p]
        if c in DOUBLE_OPEN:
            marks.append((p, "open"))
        elif c in DOUBLE_CLOSE:
            marks.append((p, "close"))
        elif c == '"':
            if _is_opening(text, p):
                marks.append((p, "open"))
            elif _is_closing(text, p):
                marks.append((p, "close"))
            else:  # glued on both sides or spaced on both: let the pairing state decide
                marks.append((p, "either"))
    return marks


def _single_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Single marks that can only be quotation marks (apostrophes in "don't", "Russia’s" are skipped)."""
    marks: list[tuple[int, str]] = []
    for p in range(start, end):
        c = text[p]
        if c not in SINGLE_OPEN + SINGLE_CLOSE + "'":
            continue
        after = text[p + 1] if p + 1 < len(text) else " "
        if c in SINGLE_OPEN or (c == "'" and _is_opening(text, p) and after.isalpha()):
            marks.append((p, "open"))
        elif (c in SINGLE_CLOSE or c == "'") and _is_closing(text, p):
            marks.append((p, "close"))
    return marks


def _style(c: str) -> str:
    return "straight" if c in "\"'" else "curly"


def _pair(text: str, marks: list[tuple[int, str]], carry: int | None) -> tuple[list[tuple[int, int]], int | None]:
    """Pair marks into (open, close) positions; return the pairs and an opener left open at the paragraph end.

    A close of ``-1`` marks an opener whose closing mark was lost; an open of ``-1`` a closer whose opening mark was
    lost (scraped text drops marks at paragraph joins). A straight opener never pairs with a curly closer: mixed
    styles in one pair mean a mark went missing in between.
    """
    pairs: list[tuple[int, int]] = []
    open_at = carry
    for p, kind in marks:
        if open_at is None:
            if kind in ("open", "either"):
                open_at = p
            else:
                pairs.append((-1, p))
            continue
        same_style = _style(text[open_at]) == _style(text[p])
        if kind in ("close", "either") and (same_style or sentence_end(text, open_at + 1, p) == p):
            pairs.append((open_at, p))
            open_at = None
        elif kind == "close":
            pairs.append((open_at, -1))
            pairs.append((-1, p))
            open_at = None
        else:  # a second opener while one is open: the first lost its closing mark
            pairs.append((open_at, -1))
            open_at = p
    return pairs, open_at


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text``, in order (double-quoted first claim the text; single ones fill the rest)."""
    spans: list[QuoteSpan] = []
    pars = paragraphs(text)
    carry: int | None = None
    group = 0
    for n, (ps, pe) in enumerate(pars):
        marks = _double_marks(text, ps, pe)
        if carry is not None and not (marks and marks[0] == (ps, "open")):
            _add(spans, text, carry, None, pars[n - 1][1], n - 1, group, lost=True)
            group += 1
            carry = None
        elif carry is not None:  # the quote runs on into this paragraph: close the previous piece at its end
            _add(spans, text, carry, None, pars[n - 1][1], n - 1, group, lost=False)
            marks = marks[1:]
            carry = ps
        pairs, carry = _pair(text, marks, carry)
        for o, c in pairs:
            if o < 0:  # a closer that lost its opener: the quote starts with its sentence
                floor = max([ps] + [x.end + 1 for x in spans if x.end < c])
                begins = sentence_start(text, ps, c)
                if begins < floor:
                    continue  # another quote closed earlier in this sentence: a stray mark, not a lost opener
                o = begins - 1
            _add(spans, text, o, None if c < 0 else c, pe, n, group, lost=c < 0)
            group += 1
    if carry is not None and pars:
        _add(spans, text, carry, None, pars[-1][1], len(pars) - 1, group, lost=True)
    spans.sort(key=lambda s: s.open)
    doubles = _merge_groups(spans)
    return sorted(doubles + _single_spans(text, pars, doubles), key=lambda s: s.open)


def _add(
    spans: list[QuoteSpan], text: str, o: int, c: int | None, par_end: int, n: int, group: int, lost: bool
) -> None:
    """Record the quote opened at ``o``; ``lost`` quotes end at the first sentence end."""
    end = c if c is not None else (sentence_end(text, o + 1, par_end) if lost else par_end)
    s, e = _trimmed(text, o + 1, end)
    if e > s:
        spans.append(QuoteSpan(s, e, o, c, n, group))


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without the white space at either end (a quote is its words, not the gap after its mark)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _merge_groups(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Renumber groups so each piece of a multi-paragraph quote shares one id, others get their own."""
    ids: dict[int, int] = {}
    for s in spans:
        s.group = ids.setdefault(s.group, len(ids))
    return spans


def _single_spans(text: str, pars: list[tuple[int, int]], doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches outside double quotes (nested ones belong to the outer quote)."""
    inside = [(d.open, (d.close if d.close is not None else d.end)) for d in doubles]
    out: list[QuoteSpan] = []
    next_group = max((d.group for d in doubles), default=-1) + 1
    for n, (ps, pe) in enumerate(pars):
        marks = [m for m in _single_marks(text, ps, pe) if not any(a <= m[0] <= b for a, b in inside)]
        open_at: int | None = None
        for p, kind in marks:
            if kind == "open":
                open_at = p  # an unclosed single opener is forgotten: it may be an apostrophe ('90s)
            elif open_at is not None:
                s, e = _trimmed(text, open_at + 1, p)
                if e > s:
                    out.append(QuoteSpan(s, e, open_at, p, n, next_group, single=True))
                    next_group += 1
                open_at = None
    return out
