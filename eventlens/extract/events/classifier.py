"""The word proposes, the context decides (#13): a trained model that judges each candidate trigger in its sentence.

The lexicon proposes candidate triggers (:mod:`.lexicon`); this model reads each one in its sentence and says whether
it is an event and of which PLOVER type: it drops words used in another sense ("released a report", "markets shot
up", "declined to comment"), corrects the type where the context says so ("vowed revenge" is THREATEN, "air strikes"
ASSAULT) and leaves the rule's type alone when it is unsure.

The model is a spaCy ``spancat_singlelabel`` component (one label per span, a negative label for "no event") whose
architecture, ``eventlens.TriggerClassifier.v1``, is defined here. It reads, for each candidate span:

* the pinned model's own token vectors (``doc.tensor``, already computed by its ``tok2vec`` for the tagger and
  parser, so the classifier adds no second encoder): the trigger, the mean over the trigger's words, its syntactic
  head and its dependents;
* sparse features of the sentence around it, hashed into an embedding table: the trigger's words, what the lexicon
  proposed, the words and relations around it in the parse (object, particle, subject, governing verb, negation,
  modal, complement), its neighbours;
* whether it repeats an earlier candidate of the document (the same word, the same type, the same type earlier in
  its sentence) and whether it is in the lead sentence: a story names its event first and then comes back to it
  ("the bombing", "the attack"), and the gold codes the event once. A headline line is no earlier mention.

Why not spaCy's stock span classifier (measured on held-out folds of the dev articles, how well the probability of
"no event" separates the candidates that are none from the events, as AUC): the stock ``spacy.SpanCategorizer.v1``
with its mean/max reducer over the same token vectors reached 0.65, this architecture 0.70 (with a hidden layer
0.69, so the shipped one is linear); a stock one with a trainable copy of the tok2vec would run a second encoder,
and the pinned model's tok2vec alone is about 21% of the pipeline's time in ``eventlens bench`` (the budget is 10%).

It is trained by ``scripts/train_event_types.py`` with ``training/event_types.cfg`` and shipped in
``eventlens/data/models/event_types/``. Nothing is downloaded at run time; when the folder is missing, or the base
model's token vectors are not the width the classifier was trained on (a user's own pipeline), the rules decide
alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Doc, Span, Token
from spacy.util import registry
from thinc.api import Maxout, Model, Softmax, chain
from thinc.types import Floats2d, Ragged

from ...resources import data_path

log = logging.getLogger(__name__)

#: Where the shipped model lives (a spaCy pipeline folder holding one ``spancat_singlelabel`` component).
MODEL_DIR = data_path("models", "event_types")
#: The ``Doc.spans`` key the candidates are put under for the model's suggester.
CANDIDATES_KEY = "eventlens_candidates"
#: The label of a candidate proposed by no lexicon entry (gold triggers the rules missed, in training).
NO_RULE = "-"
#: The model's answer for "not an event".
NONE = "NONE"
#: The longest first line read as a headline.
HEADLINE_CHARS = 200


# ---------------------------------------------------------------------- features
def _stem(word: str) -> str:
    """A crude stem, so that "released", "releases" and "releasing" share a feature (the pipeline runs no
    lemmatizer)."""
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _word(tok: Token) -> str:
    return tok.lower_ if not tok.like_num else "#num"


def _arg(tok: Token) -> str:
    """What an argument is: its entity type, or its word."""
    return tok.ent_type_ or _stem(_word(tok))


def trigger_features(span: Span, rule: str) -> list[str]:
    """The sparse features of one candidate trigger (``rule``: the type the lexicon proposed, or ``-``)."""
    root = span.root
    head = root.head
    doc = span.doc
    feats = [f"rule={rule}", f"dep={root.dep_}", f"tag={root.tag_}", f"hdep={head.dep_}"]
    words = [_stem(_word(t)) for t in span]
    stem = " ".join(words)
    feats += [f"w={stem}", f"w={stem}|rule={rule}", f"w={stem}|dep={root.dep_}", f"w={stem}|tag={root.tag_}"]
    feats += [f"sw={w}" for w in words]
    if head.i != root.i:
        feats += [f"h={_stem(_word(head))}", f"h={_stem(_word(head))}|{root.dep_}", f"w={stem}|h={_stem(head.lower_)}"]
        feats.append(f"hpos={head.pos_}|{root.dep_}")
    for child in root.children:
        if span.start <= child.i < span.end:
            continue
        arg = _arg(child)
        feats += [f"c={child.dep_}", f"c={child.dep_}:{arg}", f"w={stem}|c={child.dep_}:{arg}"]
        if child.dep_ in ("prep", "agent", "prt"):
            feats.append(f"w={stem}|p={child.lower_}")
            for grand in child.children:
                if grand.dep_ == "pobj":
                    feats.append(f"c={child.lower_}:{_arg(grand)}")
                    feats.append(f"w={stem}|{child.lower_}:{_arg(grand)}")
        if child.dep_ in ("xcomp", "ccomp", "dobj", "nsubj", "nsubjpass", "attr", "oprd"):
            feats.append(f"c={child.dep_}:{child.ent_type_ or child.pos_}")
            for grand in child.children:
                if grand.dep_ in ("dobj", "prep", "prt", "compound", "amod", "aux"):
                    feats.append(f"g={child.dep_}:{grand.dep_}:{_stem(_word(grand))}")
    sent = span.sent
    for i, offset in ((span.start - 1, "L1"), (span.start - 2, "L2"), (span.end, "R1"), (span.end + 1, "R2")):
        if sent.start <= i < sent.end:
            feats.append(f"{offset}={_stem(_word(doc[i]))}")
    # what governs it: "demanded the release", "vowed to impose", "condemned the attack", "declined to comment"
    gov, hops = root, 0
    while gov.head.i != gov.i and hops < 3:
        gov, hops = gov.head, hops + 1
        if gov.pos_ == "VERB":
            feats.append(f"gov={_stem(gov.lower_)}")
            feats.append(f"gov={_stem(gov.lower_)}|w={stem}")
            break
    if any(c.dep_ == "neg" for c in root.children):
        feats.append("neg")
    return feats


def mention_features(doc: Doc) -> dict[tuple[int, int], list[str]]:
    """Features of each candidate of ``doc`` that say whether it repeats an earlier one (a news story names its
    event first, then comes back to it: "the bombing", "the attack"), by candidate span.

    Only candidates the lexicon proposed count as earlier mentions (in training, the gold triggers the rules missed
    are candidates too, which the run time never has)."""
    body = _body_start(doc)
    lead = next((t.sent.start for t in doc[body:] if not t.is_space), -1)  # the body's first sentence
    spans = sorted(doc.spans.get(CANDIDATES_KEY, ()), key=lambda s: (s.start, s.end))
    seen_words: set[str] = set()
    seen_types: set[str] = set()
    sent_types: dict[int, set[str]] = {}
    out: dict[tuple[int, int], list[str]] = {}
    for span in spans:
        rule = span.label_ or NO_RULE
        word = _stem(_word(span.root))
        sent = span.root.sent.start
        kind = span.root.tag_[:2]
        if span.start < body:  # a headline announces the story; the body names its events again in full
            continue
        feats = [f"sent0={sent == lead}"]
        if word in seen_words:
            feats += ["seen_w", f"seen_w|{kind}", f"seen_w|w={word}"]
        if rule in seen_types:
            feats += ["seen_t", f"seen_t|{kind}", f"seen_t|rule={rule}"]
        if rule in sent_types.get(sent, ()):
            feats.append("seen_t_sent")
        out[(span.start, span.end)] = feats
        if rule != NO_RULE:
            seen_words.add(word)
            seen_types.add(rule)
            sent_types.setdefault(sent, set()).add(rule)
    return out


def _body_start(doc: Doc) -> int:
    """The token the body of a text starts at: after a headline (a first line of a few words with no full stop at
    its end, as news pages and text files begin), else 0."""
    text = doc.text
    cut = text.find("\n")
    line = text[:cut].strip() if cut > 0 else ""
    if not line or len(line) > HEADLINE_CHARS or line[-1] in '.!?"”’:':
        return 0
    body = doc.char_span(cut, len(text), alignment_mode="expand")
    return body.start if body is not None else 0


# ---------------------------------------------------------------------- thinc layers
def _spans_of(docs: list[Doc], indices: Ragged) -> list[tuple[Doc, int, int]]:
    out: list[tuple[Doc, int, int]] = []
    data: Any = indices.dataXd
    offset = 0
    for doc, length in zip(docs, indices.lengths, strict=True):
        for row in range(offset, offset + int(length)):
            out.append((doc, int(data[row, 0]), int(data[row, 1])))
        offset += int(length)
    return out


def _rule_of(doc: Doc, start: int, end: int) -> str:
    for span in doc.spans.get(CANDIDATES_KEY, ()):
        if span.start == start and span.end == end:
            return span.label_ or NO_RULE
    return NO_RULE


def _feature_forward(model: Model[Any, Ragged], inputs: tuple[list[Doc], Ragged], is_train: bool) -> Any:
    docs, indices = inputs
    ids: list[int] = []
    lengths: list[int] = []
    strings: dict[str, int] = {}
    mentions: dict[int, dict[tuple[int, int], list[str]]] = {}
    for doc, start, end in _spans_of(docs, indices):
        if id(doc) not in mentions:
            mentions[id(doc)] = mention_features(doc)
        feats = trigger_features(doc[start:end], _rule_of(doc, start, end))
        feats += mentions[id(doc)].get((start, end), [])
        lengths.append(len(feats))
        for f in feats:
            if f not in strings:
                strings[f] = _hash(f)
            ids.append(strings[f])
    out = Ragged(model.ops.xp.asarray(ids, dtype="uint64"), model.ops.asarray1i(lengths))

    def backprop(d: Ragged) -> Any:
        return ([], indices)

    return out, backprop


def _hash(feature: str) -> int:
    """A stable 64-bit id for a feature string (not Python's salted ``hash``)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    return int(hash_string(feature))


def trigger_feature_ids() -> Model[tuple[list[Doc], Ragged], Ragged]:
    """(docs, spans) → the hashed sparse features of each span, ragged."""
    return Model("trigger_feature_ids", _feature_forward)


def _embed_forward(model: Model[Ragged, Floats2d], X: Ragged, is_train: bool) -> Any:
    """Embed each feature id (hashing trick) and average them per span."""
    ops: Any = model.ops
    E: Any = model.get_param("E")
    nV = E.shape[0]
    seed = model.attrs["seed"]
    lengths = X.lengths
    ids: Any = X.dataXd
    if ids.shape[0] == 0:
        return ops.alloc2f(len(lengths), E.shape[1]), lambda d: X
    keys = ops.hash(ops.as_contig(ids, dtype="uint64"), seed) % nV
    vectors = ops.gather_add(E, keys)
    mean = ops.reduce_mean(vectors, lengths)

    def backprop(d_mean: Floats2d) -> Ragged:
        d_vectors = ops.backprop_reduce_mean(d_mean, lengths)
        d_E = ops.alloc2f(*E.shape)
        for col in range(keys.shape[1]):
            ops.scatter_add(d_E, keys[:, col], d_vectors)
        model.inc_grad("E", d_E)
        return X

    return mean, backprop


def _embed_init(model: Model[Ragged, Floats2d], X: Any = None, Y: Any = None) -> None:
    shape = (model.get_dim("nV"), model.get_dim("nO"))
    table: Any = numpy.random.default_rng(model.attrs["seed"]).uniform(-0.1, 0.1, shape).astype("f")
    model.set_param("E", model.ops.asarray2f(table))


def sparse_embed(width: int, rows: int, seed: int) -> Model[Ragged, Floats2d]:
    """Ragged feature ids → one vector per span: the mean of the features' hashed embeddings."""
    return Model(
        "sparse_embed",
        _embed_forward,
        init=_embed_init,
        params={"E": None},
        dims={"nO": width, "nV": rows},
        attrs={"seed": seed},
    )


def _dense_forward(model: Model[Any, Floats2d], inputs: tuple[list[Doc], Ragged], is_train: bool) -> Any:
    """The base model's token vectors around each span: the root, the mean of the span, the head, the mean of the
    dependents. Read-only: the base model's encoder is not trained here."""
    docs, indices = inputs
    width = model.get_dim("nI")
    rows = []
    for doc, start, end in _spans_of(docs, indices):
        tensor = doc.tensor
        if tensor is None or tensor.size == 0 or tensor.shape[1] != width:
            rows.append(numpy.zeros((4 * width,), dtype="f"))
            continue
        span = doc[start:end]
        root = span.root
        kids = [c.i for c in root.children if not start <= c.i < end]
        rows.append(
            numpy.concatenate(
                [
                    tensor[root.i],
                    tensor[start:end].mean(axis=0),
                    tensor[root.head.i],
                    tensor[kids].mean(axis=0) if kids else numpy.zeros((width,), dtype="f"),
                ]
            ).astype("f")
        )
    stacked: Any = numpy.vstack(rows) if rows else None
    out = model.ops.asarray2f(stacked) if rows else model.ops.alloc2f(0, 4 * width)

    def backprop(d: Floats2d) -> Any:
        return ([], indices)

    return out, backprop


def context_vectors(width: int) -> Model[tuple[list[Doc], Ragged], Floats2d]:
    """(docs, spans) → the base model's token vectors around each span (4 × ``width``)."""
    return Model("context_vectors", _dense_forward, dims={"nI": width, "nO": 4 * width})


def _inputs_forward(model: Model[Any, Floats2d], inputs: tuple[list[Doc], Ragged], is_train: bool) -> Any:
    dense, sparse = model.layers
    d, _ = dense(inputs, is_train)
    x, back_sparse = sparse(inputs, is_train)
    width = d.shape[1]

    def backprop(dY: Floats2d) -> Any:
        back_sparse(model.ops.as_contig(dY[:, width:]))
        return inputs

    return model.ops.xp.hstack((d, x)), backprop


def _inputs_init(model: Model[Any, Floats2d], X: Any = None, Y: Any = None) -> None:
    for layer in model.layers:
        layer.initialize()


def trigger_inputs(tensor_width: int, embed_width: int, rows: int) -> Model[tuple[list[Doc], Ragged], Floats2d]:
    """(docs, spans) → one input vector per span: the token vectors around it, then its sparse features embedded."""
    sparse: Model[tuple[list[Doc], Ragged], Floats2d] = chain(
        trigger_feature_ids(), sparse_embed(embed_width, rows, 13)
    )
    if not tensor_width:
        sparse.set_dim("nO", embed_width)
        return sparse
    return Model(
        "trigger_inputs",
        _inputs_forward,
        init=_inputs_init,
        layers=[context_vectors(tensor_width), sparse],
        dims={"nO": 4 * tensor_width + embed_width},
    )


@registry.architectures("eventlens.TriggerClassifier.v1")  # type: ignore[untyped-decorator]
def build_trigger_classifier(
    tensor_width: int = 96, embed_width: int = 64, embed_rows: int = 8192, hidden: int = 0, dropout: float = 0.2
) -> Model[tuple[list[Doc], Ragged], Floats2d]:
    """The classifier ``spancat_singlelabel`` runs on each candidate span: token vectors and sparse context
    features, a hidden maxout layer if ``hidden`` (the shipped model has none: a linear model held out better on
    40 articles), a softmax over the types and "no event" (its width is set from the labels)."""
    inputs = trigger_inputs(tensor_width, embed_width, embed_rows)
    if hidden:
        model: Model[tuple[list[Doc], Ragged], Floats2d] = chain(
            inputs, Maxout(nO=hidden, nI=inputs.get_dim("nO"), nP=3, normalize=True, dropout=dropout), Softmax()
        )
    else:
        model = chain(inputs, Softmax(nI=inputs.get_dim("nO")))
    model.attrs["tensor_width"] = tensor_width
    return model


# ---------------------------------------------------------------------- run time
@dataclass(frozen=True)
class Judgement:
    """What the model says of one candidate: its most likely type (or ``NONE``) and the probabilities."""

    best: str
    probability: float
    probabilities: dict[str, float]

    def of(self, label: str) -> float:
        return self.probabilities.get(label, 0.0)


class TriggerClassifier:
    """The shipped model, loaded once per process: judges candidate trigger spans of a parsed ``Doc``."""

    def __init__(self, component: Any, tensor_width: int) -> None:
        self.component = component
        self.tensor_width = tensor_width
        self.labels: list[str] = [*component.labels, NONE]

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR) -> TriggerClassifier | None:
        """The classifier stored at ``path`` (a spaCy pipeline folder), or None when there is none."""
        import spacy

        path = Path(path)
        if not (path / "config.cfg").exists():
            log.info("no event classifier at %s: the lexicon's types stand", path)
            return None
        # Only the span categoriser is used (on Docs the main pipeline parsed): its own tokenizer's special cases
        # would cost a tenth of a second of every cold start to read for nothing.
        nlp = spacy.load(path, exclude=["tokenizer"])
        component: Any = nlp.get_pipe("spancat")
        width = int(component.model.attrs.get("tensor_width", 96))
        return cls(component, width)

    def usable(self, doc: Doc) -> bool:
        """Whether the base model left token vectors the classifier can read."""
        tensor = doc.tensor
        return (
            tensor is not None
            and tensor.ndim == 2
            and tensor.shape[0] == len(doc)
            and tensor.shape[1] == self.tensor_width
        )

    def judge(self, doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[Judgement]:
        """One judgement per candidate ``(start token, end token, proposed type)``, in the order given."""
        spans = list(spans)
        if not spans:
            return []
        had = CANDIDATES_KEY in doc.spans
        doc.spans[CANDIDATES_KEY] = [Span(doc, s, e, label=rule) for s, e, rule in spans]
        try:
            indices, scores = self.component.predict([doc])
        finally:
            if not had:
                del doc.spans[CANDIDATES_KEY]
        scores = self.component.model.ops.to_numpy(scores)
        out = []
        for row in range(scores.shape[0]):
            probs = {label: float(scores[row, i]) for i, label in enumerate(self.labels)}
            best = max(probs, key=lambda k: probs[k])
            out.append(Judgement(best, probs[best], probs))
        return out


@lru_cache(maxsize=4)
def shared_classifier(path: str = str(MODEL_DIR)) -> TriggerClassifier | None:
    """The classifier at ``path``, loaded once per process (every pipeline in a process shares it)."""
    return TriggerClassifier.load(path)


Judge = Callable[[Doc, list[tuple[int, int, str]]], list[Judgement]]

__all__ = [
    "CANDIDATES_KEY",
    "MODEL_DIR",
    "NONE",
    "NO_RULE",
    "Judgement",
    "TriggerClassifier",
    "build_trigger_classifier",
    "mention_features",
    "shared_classifier",
    "trigger_features",
]
