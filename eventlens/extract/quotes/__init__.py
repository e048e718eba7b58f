"""Direct and indirect quotes with their speakers.

``eventlens_quotes`` fills ``doc._.quotes`` with :class:`~eventlens.record.Quote` items:

- **direct**: words inside quotation marks of any style (:mod:`.marks`), attributed by the cue next to them
  (“…,” Zelenskyy said / he said: “…”), by the speech verb that governs a partial quote in reported speech
  (Blinken said the number could double “on relatively short order”), or, for a quote with no cue of its own
  that follows an attributed one with nothing but its attribution in between, by the last speaker. Short quoted
  phrases outside speech (scare quotes, names, titles, headings) are not quotes.
- **indirect**: reported speech from the dependency parse: "X said (that) …", "X told Y that …", "X warned …",
  "X reiterated …", "X accused Y of …", "according to X, …".

Speakers go through the actors stage (:mod:`.speakers`). Cue verbs are data (``data/quotes/cues.yaml``, read by
:mod:`.cues`; :func:`cue_data` is public: the events stage reads it too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...record import ActorRef, Quote
from ..extensions import doc_text  # (importing it registers the Doc extensions)
from .cues import CueData, cue_data
from .marks import QuoteSpan, find_quote_spans, paragraphs, sentence_end, sentence_start
from .speakers import SpeakerResolver, subject_of

#: How many tokens after a closing mark the cue verb may come ("…,” Al Jazeera's correspondent in Kyiv said).
AFTER_WINDOW = 10
#: A quote with no cue and fewer words than this is a scare quote or a name, not speech.
MIN_UNATTRIBUTED_WORDS = 6
#: Titles and names in quotes are short and capitalised ("the “Islamic State”").
MAX_TITLE_WORDS = 8
#: At most this many words between an attributed quote and an uncued one that continues it.
MAX_CONTINUATION_GAP_WORDS = 12
#: An indirect quote needs at least this many tokens of reported content.
MIN_INDIRECT_TOKENS = 3
SMALL_WORDS = frozenset("a an and the of in on for to at by or with from as is".split())


@dataclass
class _Attribution:
    cue: str | None
    speaker: ActorRef | None
    found_by: str  # after | governs | before | continues | none
    subject: Token | None = None


def find_quotes(doc: Doc) -> list[Quote]:
    """Every direct and indirect quote in ``doc``, in text order."""
    cues = cue_data()
    resolver = SpeakerResolver(doc)
    spans = find_quote_spans(doc_text(doc))
    resolver.inside = _inside_mask(doc, spans)
    direct = _direct_quotes(doc, spans, cues, resolver)
    indirect = _indirect_quotes(doc, spans, direct, cues, resolver)
    return sorted(direct + indirect, key=lambda q: (q.start, q.end))


# --- direct quotes -------------------------------------------------------------------------------------------------


def _direct_quotes(doc: Doc, spans: list[QuoteSpan], cues: CueData, resolver: SpeakerResolver) -> list[Quote]:
    text = doc_text(doc)
    pars = paragraphs(text)
    inside = _inside_mask(doc, spans)
    found: dict[int, _Attribution] = {}
    for n, span in enumerate(spans):
        found[n] = _attribute(doc, spans, n, pars, inside, cues, resolver)
        att = found[n]
        if att.speaker is not None:
            resolver.note(span.start, att.speaker, att.subject)
    _share_within_groups(spans, found)
    _continue_speakers(text, spans, found, resolver)
    quotes: list[Quote] = []
    for n, span in enumerate(spans):
        att = found[n]
        if _is_heading(text, span, pars) or (att.found_by == "none" and not _looks_like_speech(text, span, pars)):
            continue
        if att.found_by == "governs" and _title_like(text[span.start : span.end].split()):
            continue  # a name or title inside reported speech (said the “Islamic State” group ...), not words said
        quotes.append(Quote(text[span.start : span.end], span.start, span.end, "direct", att.cue, att.speaker))
    return quotes


def _inside_mask(doc: Doc, spans: list[QuoteSpan]) -> list[bool]:
    """For each token: does it lie inside quotation marks?"""
    mask = [False] * len(doc)
    for s in spans:
        lo, hi = s.open, (s.close if s.close is not None else s.end)
        for tok in _tokens_between(doc, lo, hi + 1):
            mask[tok.i] = True
    return mask


def _tokens_between(doc: Doc, start: int, end: int) -> Span:
    """The tokens touching characters ``[start, end)``; none when the range is empty (a closing mark whose lost
    opener is put just before its sentence can lie before the paragraph start it is searched from)."""
    if end <= start:
        return doc[0:0]
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def _attribute(
    doc: Doc,
    spans: list[QuoteSpan],
    n: int,
    pars: list[tuple[int, int]],
    inside: list[bool],
    cues: CueData,
    resolver: SpeakerResolver,
) -> _Attribution:
    span = spans[n]
    par_start, par_end = pars[span.paragraph]
    after = _cue_after(doc, spans, n, par_end, inside, cues)
    if after is not None:
        return _with_speaker(after, "after", cues, resolver, doc)
    governs = _cue_governing(doc, span, inside, cues)
    if governs is not None:
        return _with_speaker(governs, "governs", cues, resolver, doc)
    before = _cue_before(doc, spans, n, par_start, inside, cues)
    if before is not None:
        return _with_speaker(before, "before", cues, resolver, doc)
    return _Attribution(None, None, "none")


def _with_speaker(
    found: tuple[Token, Token | None], how: str, cues: CueData, resolver: SpeakerResolver, doc: Doc
) -> _Attribution:
    verb, subject = found
    lemma = cues.lemma(verb) or verb.lower_
    if verb.lower_ == "according":
        lemma = "according"
    speaker = resolver.resolve(subject) if subject is not None else None
    return _Attribution(lemma, speaker, how, subject)


def _cue_after(
    doc: Doc, spans: list[QuoteSpan], n: int, par_end: int, inside: list[bool], cues: CueData
) -> tuple[Token, Token | None] | None:
    """“…,” Zelenskyy said. / “…,” said Zelenskyy. / “…,” according to the ministry."""
    span = spans[n]
    text = doc_text(doc)
    if span.close is None:
        return None  # the closing mark was lost: what follows may be narration, not attribution
    start = span.close + 1
    limit = min([par_end] + [s.open for s in spans[n + 1 :] if s.open >= start])
    end = sentence_end(text, start, limit)
    region = [t for t in _tokens_between(doc, start, end) if not inside[t.i]]
    words = [t for t in region if not t.is_punct]
    if not words or text[start:end].rstrip().endswith(":"):
        return None  # nothing after, or the words after introduce the next quote
    if words[0].pos_ in ("CCONJ", "SCONJ", "ADP") or words[0].lower_ in ("to", "as"):
        return None  # “…” and urged …: the sentence goes on, it does not say who spoke
    ended = text[span.start : span.end].rstrip().endswith(".")
    if ended and words[0].text[:1].isupper() and cues.lemma(words[0]) is None and len(words) > 1:
        # “… it.” Nicholson said — rare; “… it.” Nicholson runs a charity — common: need the cue right there
        if cues.lemma(words[1]) is None:
            return None
    for tok in words[:AFTER_WINDOW]:
        if tok.lower_ == "according":
            return _according(tok)
        if cues.lemma(tok) is None:
            continue
        if not _attribution_clause(text, span, tok, words):
            return None
        subject = subject_of(tok)
        if subject is not None and inside[subject.i]:
            # the parse made the quoted words the subject: the speaker may hang on them in apposition
            # (“…,” one man in a red cap told VOA); if not, the quote is what the verb is about, not speech
            named = [c for c in subject.children if c.dep_ == "appos" and not inside[c.i] and c.i > tok.i - 12]
            if not named:
                return None
            subject = named[0]
        return tok, subject if subject is not None else _subject_near(tok, words)
    return None


def _attribution_clause(text: str, span: QuoteSpan, verb: Token, words: list[Token]) -> bool:
    """Are the words after a quote an attribution of it? Yes when the quote opens its sentence (“…,” he said),
    when the cue is inverted after a comma (…, tweeted Lilian Tintori), or when only the speaker's name stands
    between a quote ending in a comma and the cue (… “loyalty to the revolution,” one man in a cap told VOA)."""
    if _starts_sentence(text, span) or (verb.i > 0 and verb.nbor(-1).text == ","):
        return True
    close = span.close if span.close is not None else span.end
    ends_with_comma = text[span.start : span.end].rstrip().endswith(",") or text[close + 1 : close + 2] == ","
    between = [t for t in words if t.i < verb.i]
    subject = subject_of(verb)
    if not ends_with_comma or subject is None or not between:
        return False
    named = {t.i for t in subject.subtree} | {t.i for c in subject.children if c.dep_ == "appos" for t in c.subtree}
    return all(t.i in named for t in between)


def _subject_near(verb: Token, words: list[Token]) -> Token | None:
    """The speaker next to a cue verb when the parse gives none: "…,” said Zelenskyy / Zelenskyy said."""
    before = [t for t in words if t.i < verb.i and t.pos_ in ("PROPN", "NOUN", "PRON")]
    inverted = verb.i > 0 and verb.nbor(-1).is_punct  # “…” subjected to violence, tweeted Lilian Tintori
    if before and not inverted:
        return before[-1]
    after = [t for t in words if t.i > verb.i and t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not after:
        return None
    head = after[0]
    region = {w.i for w in words}
    while head.i + 1 < len(head.doc) and head.nbor(1).pos_ in ("PROPN", "NOUN") and head.nbor(1).i in region:
        head = head.nbor(1)  # "said rights activist Lilian Tintori": the last word of the name
    return head


def _according(tok: Token) -> tuple[Token, Token | None] | None:
    for prep in tok.children:
        if prep.lower_ == "to":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return tok, pobj
    nxt = tok.nbor(1) if tok.i + 2 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return tok, tok.nbor(2)
    return None


def _cue_governing(doc: Doc, span: QuoteSpan, inside: list[bool], cues: CueData) -> tuple[Token, Token | None] | None:
    """The speech verb whose clause holds the quote: Blinken said … could double “on relatively short order”."""
    toks = _tokens_between(doc, span.start, span.end)
    if len(toks) == 0:
        return None
    heads = [t.head for t in toks if not (toks.start <= t.head.i < toks.end)] or [toks.root.head]
    for head in heads:
        tok = head
        for _ in range(12):
            if not inside[tok.i]:
                if tok.lower_ == "according":
                    found = _according(tok)
                    if found is not None and _describes_source(toks, tok, found[1]):
                        return None  # according to Pew, a “fact tank”: the words describe the source
                    return found
                if cues.lemma(tok) is not None:
                    subject = _speaker_of_cue(tok, cues)
                    if subject is not None and not inside[subject.i] and not _within(toks, subject):
                        return tok, subject
            if tok.head.i == tok.i:
                break
            tok = tok.head
    return None


def _describes_source(quote: Span, cue: Token, source: Token | None) -> bool:
    """Is the quote part of the phrase naming the source? Inside the source's own words, or, for "according to",
    after the phrase with nothing of the main clause in between (according to Pew, a nonpartisan “fact tank”)."""
    if source is None:
        return False
    if _within(quote, source):
        return True
    if cue.lower_ != "according" or quote.start <= cue.i or cue.head.i == cue.i:
        return False
    own = {t.i for t in cue.subtree}
    main = [t.i for t in cue.head.subtree if t.i not in own and not t.is_punct and cue.i < t.i < quote.start]
    return not main


def _within(quote: Span, phrase: Token) -> bool:
    """Do the quoted words lie inside the phrase naming the speaker (Pew, a nonpartisan “fact tank”)?"""
    return phrase.left_edge.i <= quote.start and quote.end - 1 <= phrase.right_edge.i


def _cue_before(
    doc: Doc, spans: list[QuoteSpan], n: int, par_start: int, inside: list[bool], cues: CueData
) -> tuple[Token, Token | None] | None:
    """He said: “…” / Zelenskyy said, “…” / The minister called it “…” (a cue earlier in the same sentence)."""
    span = spans[n]
    text = doc_text(doc)
    floor = max([par_start] + [(s.close or s.end) + 1 for s in spans[:n] if (s.close or s.end) < span.open])
    start = sentence_start(text, floor, span.open)
    region = [t for t in _tokens_between(doc, start, span.open) if not inside[t.i] and t.idx < span.open]
    quote = _tokens_between(doc, span.start, span.end)
    for k in range(len(region) - 1, -1, -1):
        tok = region[k]
        found = _according(tok) if tok.lower_ == "according" else None
        if found is None and cues.lemma(tok) is not None:
            subject = _speaker_of_cue(tok, cues)
            found = (tok, subject) if subject is not None and not inside[subject.i] else None
        if found is None:
            continue
        if len(quote) and _describes_source(quote, tok, found[1]):
            return None  # the quoted words describe the speaker (a nonpartisan “fact tank”)
        return found
    return None


def _speaker_of_cue(tok: Token, cues: CueData) -> Token | None:
    """Who speaks through the cue ``tok``: "…, adding, “…”" speaks for the cue before it in the sentence; "…,
    tweeted activist Lilian Tintori" names its speaker after the verb; otherwise the verb's subject."""
    if tok.tag_ == "VBG" and tok.i > 0 and tok.nbor(-1).text == ",":
        for earlier in reversed(tok.doc[tok.sent.start : tok.i]):
            if cues.lemma(earlier) is not None and earlier.tag_ != "VBG":
                return _inverted_subject(earlier) or subject_of(earlier)
    return _inverted_subject(tok) or subject_of(tok)


def _inverted_subject(verb: Token) -> Token | None:
    """The name after a cue verb that follows a comma (“…” subjected to violence, tweeted activist Lilian Tintori)."""
    if verb.i == 0 or verb.nbor(-1).text != "," or any(c.dep_ == "nsubj" for c in verb.children):
        return None
    name = None
    for tok in verb.doc[verb.i + 1 : verb.i + 8]:
        if tok.pos_ in ("PROPN", "NOUN", "ADJ", "DET"):
            name = tok if tok.pos_ == "PROPN" else name
            continue
        break
    return name


def _share_within_groups(spans: list[QuoteSpan], found: dict[int, _Attribution]) -> None:
    """Pieces of one quote running over several paragraphs share the speaker found for any of them."""
    by_group: dict[int, list[int]] = {}
    for n, s in enumerate(spans):
        by_group.setdefault(s.group, []).append(n)
    for members in by_group.values():
        known = [found[n] for n in members if found[n].speaker is not None]
        if len(members) < 2 or not known:
            continue
        for n in members:
            if found[n].speaker is None:
                found[n] = _Attribution(known[0].cue, known[0].speaker, "continues")


def _continue_speakers(
    text: str, spans: list[QuoteSpan], found: dict[int, _Attribution], resolver: SpeakerResolver
) -> None:
    """A quote with no cue, right after an attributed one, is the same speaker talking on."""
    for n, span in enumerate(spans):
        if found[n].found_by != "none" or n == 0 or not _starts_sentence(text, span):
            continue
        prev = found[n - 1]
        if prev.speaker is None:
            continue
        gap_start = (spans[n - 1].close or spans[n - 1].end) + 1
        gap = text[gap_start : span.open]
        if len(gap.split()) <= MAX_CONTINUATION_GAP_WORDS and gap.count(". ") + gap.count(".\n") <= 1:
            found[n] = _Attribution(prev.cue, prev.speaker, "continues")
            resolver.note(span.start, prev.speaker)


def _starts_sentence(text: str, span: QuoteSpan) -> bool:
    before = text[: span.open].rstrip(" \t")
    return not before or before[-1] in ".?!\n:" or before.endswith(("”", '"'))


def _looks_like_speech(text: str, span: QuoteSpan, pars: list[tuple[int, int]]) -> bool:
    """Keep an unattributed quote only when it reads like speech: long, not a heading, not a title."""
    words = text[span.start : span.end].split()
    return len(words) >= MIN_UNATTRIBUTED_WORDS and not _title_like(words)


def _is_heading(text: str, span: QuoteSpan, pars: list[tuple[int, int]]) -> bool:
    """A quoted paragraph of its own with no sentence punctuation is a heading (‘Relentless aggression’)."""
    ps, pe = pars[span.paragraph]
    whole_paragraph = not text[ps : span.open].strip() and not text[(span.close or span.end) + 1 : pe].strip()
    return whole_paragraph and text[span.start : span.end].rstrip()[-1:] not in ".?!,;:—-…"


def _title_like(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    return len(words) <= MAX_TITLE_WORDS and all(w[:1].isupper() for w in content)


# --- indirect quotes -----------------------------------------------------------------------------------------------


def _indirect_quotes(
    doc: Doc, spans: list[QuoteSpan], direct: list[Quote], cues: CueData, resolver: SpeakerResolver
) -> list[Quote]:
    inside = _inside_mask(doc, spans)
    quotes: list[Quote] = []
    for tok in doc:
        if inside[tok.i]:
            continue
        found = _reported(tok, cues)
        if found is None:
            continue
        lemma, subject, content = found
        if inside[subject.i] or _covered(content, direct):
            continue
        speaker = resolver.resolve(subject)
        resolver.note(content.start_char, speaker, subject)
        quotes.append(Quote(content.text, content.start_char, content.end_char, "indirect", lemma, speaker))
    return quotes


def _reported(tok: Token, cues: CueData) -> tuple[str, Token, Span] | None:
    """(cue lemma, speaking subject, reported content) when ``tok`` is a speech cue carrying indirect speech."""
    if tok.lower_ == "according":
        found = _according_content(tok)
        return ("according", found[0], found[1]) if found is not None else None
    lemma = cues.lemma(tok)
    if lemma is None:
        return None
    subject = subject_of(tok)
    if subject is None:
        return None
    content = _content(tok, cues.content.get(lemma, ()))
    return (lemma, subject, content) if content is not None else None


def _content(verb: Token, kinds: tuple[str, ...]) -> Span | None:
    """The reported content a speech verb carries, by the kinds its cue entry allows."""
    doc = verb.doc
    for child in verb.children:
        if "ccomp" in kinds and child.dep_ == "ccomp":
            # "a missile which officials say may carry a warhead": the clause starts after the verb
            start = max(child.left_edge.i, verb.i + 1) if child.i > verb.i else child.left_edge.i
            return _trim(doc, start, child.right_edge.i + 1)
    if "of" in kinds:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is not None:
            start = obj.left_edge.i if obj is not None else prep.i
            tail = [c for c in verb.rights if c.i > prep.i and c.dep_ not in ("cc", "conj", "punct")]
            end = max([prep.right_edge.i] + [c.right_edge.i for c in tail])
            return _trim(doc, start, end + 1)
    if "object" in kinds:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return _trim(doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _according_content(tok: Token) -> tuple[Token, Span] | None:
    """According to X, … : the clause the phrase hangs on, without the phrase."""
    found = _according(tok)
    if found is None or found[1] is None:
        return None
    head = tok.head
    if head.i == tok.i:
        return None
    own = {t.i for t in tok.subtree}
    rest = [t.i for t in head.subtree if t.i not in own]
    if not rest:
        return None
    # the longest run of the clause on one side of the phrase
    left = [i for i in rest if i < tok.i]
    right = [i for i in rest if i > tok.i]
    side = right if len(right) >= len(left) else left
    content = _trim(tok.doc, min(side), max(side) + 1)
    return (found[1], content) if content is not None else None


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    """A content span without the leading "that" and the punctuation at its edges."""
    while start < end and (doc[start].is_punct or doc[start].lower_ == "that" and doc[start].dep_ == "mark"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start < MIN_INDIRECT_TOKENS:
        return None
    return doc[start:end]


def _covered(content: Span, direct: list[Quote]) -> bool:
    """Is the content mostly words of a direct quote (the cue of “…,” he said carries the quote itself)?"""
    length = content.end_char - content.start_char
    overlap = sum(max(0, min(q.end, content.end_char) - max(q.start, content.start_char)) for q in direct)
    return overlap >= 0.5 * length


class QuotesComponent:
    """Pipeline component ``eventlens_quotes``: assigns ``doc._.quotes``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        cue_data()  # load the cue vocabulary once, at pipeline build time

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.factory(
    "eventlens_quotes",
    requires=["doc._.actors"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)


__all__: list[Any] = ["CueData", "QuotesComponent", "cue_data", "find_quotes", "make_quotes"]
