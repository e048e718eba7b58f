"""Train the event-type classifier (#13 §2: the word proposes, the context decides) and measure it honestly.

    PYTHONPATH=$PWD .venv/bin/python scripts/train_event_types.py [--folds 5] [--no-ship] [--work out/event_types]

1. Examples. The current extractor, with the classifier off, runs over the dev and train gold articles
   (tests/fixtures/gold/dev.jsonl, train.jsonl): every candidate trigger the lexicon proposes becomes an example,
   labelled with the type of the gold event whose trigger it overlaps (or, failing that, a gold event of its type in
   its sentence that no candidate overlaps, as ``eventlens eval`` matches them), else ``NONE``; every gold event no
   candidate found is added as a positive example (its trigger's head word in its sentence). The PLOVER gold
   sentences (tests/fixtures/plover_gsr/PLOVER_GSR_CAMEO.json, CC BY-SA 4.0, Open Event Data Alliance) add theirs:
   the candidate on the event's marked words (``EVT:``) of the gold type (the first marked one, else) takes the gold
   type, the other candidates on marked words are ``NONE`` (parts of that one event: "demanding that he abandon"),
   candidates elsewhere in the sentence are left out (the sentence's other events are not coded).
2. Cross-validation (``--folds``): the dev articles are split into folds by a fixed seed; for each fold a model is
   trained on the other folds, the train articles and the PLOVER sentences, and the held-out articles are extracted
   with it; the records of all folds together are scored with ``eventlens eval``'s scorer, next to the rules alone on
   the same articles. No figure comes from an article a model was trained on.
3. The shipped model is trained on every dev and train article and the PLOVER sentences, its frozen tok2vec is
   removed (at run time the pipeline's own fills ``doc.tensor``), and it is written to
   eventlens/data/models/event_types/.

Training is spaCy's own (``spacy train`` with training/event_types.cfg; this file registers the corpus reader,
so ``python -m spacy train training/event_types.cfg --code scripts/train_event_types.py`` works on the examples it
writes). Everything is seeded; the training is on CPU.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eventlens.extract.events.classifier import CANDIDATES_KEY, MODEL_DIR, NO_RULE, NONE  # noqa: E402

CONFIG = ROOT / "training" / "event_types.cfg"
DEV_GOLD = ROOT / "tests" / "fixtures" / "gold" / "dev.jsonl"
#: Gold articles coded only to train on (never scored): they are in every fold's training set.
TRAIN_GOLD = ROOT / "tests" / "fixtures" / "gold" / "train.jsonl"
PLOVER_GOLD = ROOT / "tests" / "fixtures" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
#: The reference docs' labelled spans (the spancat component's ``spans_key``).
SPANS_KEY = "event_types"
SEED = 20261207
#: Reporting verbs PLOVER marks as part of an event's words; they are never its trigger.
SPEECH = frozenset("say says said saying announce announced announces tell told state stated".split())


MODEL_README = """# The event-type classifier (#13 §2)

A spaCy pipeline folder holding one `spancat_singlelabel` component (architecture `eventlens.TriggerClassifier.v1`,
eventlens/extract/events/classifier.py) that judges the lexicon's candidate triggers: their type, or no event. It
reads the token vectors the pinned base model (en_core_web_sm 3.8.0) has already computed, so it has no encoder of
its own.

Made by `PYTHONPATH=$PWD .venv/bin/python scripts/train_event_types.py` (seed {seed}, config
training/event_types.cfg) from:

- eventlens's dev and train gold articles, tests/fixtures/gold/dev.jsonl and train.jsonl (Voice of America
  articles, US-government public domain, hand-coded for eventlens; the frozen test part is never read);
- the PLOVER gold-standard sentences, tests/fixtures/plover_gsr/PLOVER_GSR_CAMEO.json (Open Event Data Alliance,
  CC BY-SA 4.0): this model, trained partly on them, is shared under the same licence.

Do not edit by hand: retrain with the script.
"""


# ---------------------------------------------------------------------- the corpus reader spacy train uses
@spacy.registry.readers("eventlens.TriggerExamples.v1")
def trigger_examples(path: Path) -> Callable[[Language], Iterator[Example]]:
    """Examples from a DocBin this script wrote: the predicted side is the doc as the pipeline parsed it, with the
    candidates to judge; the reference side adds their labels."""

    def read(nlp: Language) -> Iterator[Example]:
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
            predicted = doc.copy()
            if SPANS_KEY in predicted.spans:
                del predicted.spans[SPANS_KEY]
            yield Example(predicted, doc)

    return read


# ---------------------------------------------------------------------- examples
def _pipeline() -> Any:
    from eventlens.config import Settings
    from eventlens.extract.pipeline import build_nlp

    return build_nlp(Settings(event_classifier=False))


def _candidates(nlp: Any, doc: Doc) -> list[Any]:
    from eventlens.extract.events import EventCoder

    comp = nlp.get_pipe("eventlens_events")
    coder = EventCoder(doc, comp.lexicon, comp.for_token, comp.magnitude_key)
    return [f for found in coder.candidates() for f in found]


def _head_token(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = [t for t in span if t.lower_ not in SPEECH and not t.is_punct] or list(span)
    root = span.root if span.root in words else words[0]
    return root.i


def _finish(doc: Doc, cands: list[tuple[int, int, str]], labels: dict[tuple[int, int], str]) -> Doc:
    seen: set[tuple[int, int]] = set()
    group = []
    for s, e, rule in cands:
        if (s, e) not in seen:
            seen.add((s, e))
            group.append(Span(doc, s, e, label=rule))
    doc.spans[CANDIDATES_KEY] = group
    doc.spans[SPANS_KEY] = [Span(doc, s, e, label=lab) for (s, e), lab in sorted(labels.items()) if lab != NONE]
    return doc


def article_doc(nlp: Any, article: Any, stats: Counter[str]) -> Doc:
    """One dev article as a labelled doc (see the module docstring)."""
    from eventlens.extract.pipeline import make_doc
    from eventlens.record import Article

    doc = nlp(make_doc(nlp, Article(text=article.text, id=article.id, published=article.published)))
    found = _candidates(nlp, doc)
    cands: list[tuple[int, int, str]] = []
    labels: dict[tuple[int, int], str] = {}
    used: set[int] = set()
    pending = []
    for f in found:
        s, e = f.tokens
        cands.append((s, e, f.entry.type))
        over = [g for g, ev in enumerate(article.events) if ev.trigger_start < f.end and f.start < ev.trigger_end]
        if over:
            same = [g for g in over if article.events[g].type == f.entry.type]
            labels[(s, e)] = article.events[(same or over)[0]].type
            used.update(over)
        else:
            pending.append(f)
    for f in pending:  # a gold event of its type in its sentence that no candidate overlaps
        s, e = f.tokens
        sent = f.token.sent
        fits = [
            g
            for g, ev in enumerate(article.events)
            if g not in used and ev.type == f.entry.type and sent.start_char <= ev.trigger_start < sent.end_char
        ]
        labels[(s, e)] = f.entry.type if fits else NONE
        used.update(fits[:1])
        stats["candidate in sentence" if fits else "candidate NONE"] += 1
    for g, ev in enumerate(article.events):
        if g in used:
            continue
        head = _head_token(doc, ev.trigger_start, ev.trigger_end)
        if head is not None and (head, head + 1) not in labels:
            cands.append((head, head + 1, NO_RULE))
            labels[(head, head + 1)] = ev.type
            stats["gold the rules missed"] += 1
    stats["candidates"] += len(found)
    stats["candidate overlapping gold"] += len(found) - len(pending)
    return _finish(doc, cands, labels)


_MARK = re.compile(r"\((SRC|TAR|EVT|LOC|SRC/TAR)[^:]*: ")


def plover_marks(item: dict[str, Any]) -> list[tuple[int, int]]:
    """The character spans of the event's marked words (``(EVT: ...)``) in the sentence's text."""
    info = item.get("textInfo")
    markup = info.get("markup") or "" if isinstance(info, dict) else ""
    text = item["text"]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for m in re.finditer(r"\(EVT: ([^)]*)\)", markup):
        words = m.group(1).strip()
        at = text.find(words, cursor)
        if at < 0:
            at = text.find(words)
        if at >= 0:
            spans.append((at, at + len(words)))
            cursor = at + len(words)
    return spans


def plover_doc(nlp: Any, item: dict[str, Any], gold_type: str, stats: Counter[str]) -> Doc | None:
    """One PLOVER gold sentence as a labelled doc (see the module docstring)."""
    from eventlens.extract.pipeline import make_doc
    from eventlens.record import Article

    marks = plover_marks(item)
    if not marks:
        stats["plover without marks"] += 1
        return None
    doc = nlp(make_doc(nlp, Article(text=item["text"], published=item.get("date"))))
    found = _candidates(nlp, doc)
    on_marks = [f for f in found if any(f.start < e and s < f.end for s, e in marks)]
    cands = [(*f.tokens, f.entry.type) for f in on_marks]
    labels: dict[tuple[int, int], str] = {f.tokens: NONE for f in on_marks}
    if on_marks:
        main = next((f for f in on_marks if f.entry.type == gold_type), on_marks[0])
        labels[main.tokens] = gold_type
        stats["plover candidate"] += 1
    else:
        heads = [h for s, e in marks if (h := _head_token(doc, s, e)) is not None and doc[h].lower_ not in SPEECH]
        if not heads:
            return None
        cands.append((heads[0], heads[0] + 1, NO_RULE))
        labels[(heads[0], heads[0] + 1)] = gold_type
        stats["plover missed"] += 1
    stats["plover left out"] += len(found) - len(on_marks)
    return _finish(doc, cands, labels)


def build_examples(nlp: Any) -> tuple[dict[str, Doc], list[Doc], Counter[str]]:
    """The dev articles' docs by id, and the always-trained-on docs (train articles, PLOVER sentences)."""
    from eventlens.evaluation.gold import load
    from eventlens.evaluation.plover_sentences import PLOVER_05

    stats: Counter[str] = Counter()
    articles = {a.id: article_doc(nlp, a, stats) for a in load(DEV_GOLD)}
    always = [article_doc(nlp, a, stats) for a in (load(TRAIN_GOLD) if TRAIN_GOLD.exists() else [])]
    stats["train articles"] = len(always)
    for item in json.loads(PLOVER_GOLD.read_text(encoding="utf-8")):
        if item.get("event") in (None, "DOCUMENT") or not item.get("text"):
            continue
        doc = plover_doc(nlp, item, PLOVER_05.get(item["event"], item["event"]), stats)
        if doc is not None:
            always.append(doc)
    labels = Counter(
        (s.label_ for d in [*articles.values(), *always] for s in d.spans[SPANS_KEY]),
    )
    negatives = sum(len(d.spans[CANDIDATES_KEY]) - len(d.spans[SPANS_KEY]) for d in [*articles.values(), *always])
    stats.update({f"label {k}": v for k, v in labels.items()})
    stats["label NONE"] = negatives
    return articles, always, stats


def write_docbin(docs: Iterable[Doc], path: Path) -> Path:
    db = DocBin(store_user_data=False)
    for doc in docs:
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return path


# ---------------------------------------------------------------------- training
#: Config values given with ``--set`` (``components.spancat.model.hidden=64``), applied to every training run.
OVERRIDES: dict[str, Any] = {}


def parse_override(text: str) -> tuple[str, Any]:
    """``section.key=value`` as spaCy's config override: the value read as JSON when it is JSON, else a string."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected SECTION.KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def train(train_path: Path, dev_path: Path, output: Path, seed: int) -> Path:
    """spaCy's training on ``train_path``; the last model, without its frozen tok2vec, in ``output/shipped``."""
    from spacy.cli.train import train as spacy_train

    if output.exists():
        shutil.rmtree(output)
    overrides = {**OVERRIDES, "paths.train": str(train_path), "paths.dev": str(dev_path), "system.seed": seed}
    spacy_train(CONFIG, output, overrides=overrides, use_gpu=-1)
    nlp = spacy.load(output / "model-last")
    nlp.remove_pipe("tok2vec")
    # the shipped folder names no local paths and no training-only component
    nlp.config["paths"]["train"] = nlp.config["paths"]["dev"] = None
    nlp.config["training"]["frozen_components"] = nlp.config["training"]["annotating_components"] = []
    shipped = output / "shipped"
    nlp.to_disk(shipped)
    return shipped


def extract_with(model_dir: Path | None, articles: list[Any]) -> list[dict[str, Any]]:
    """Records of the gold ``articles`` extracted with the classifier at ``model_dir`` (None: the rules alone)."""
    from eventlens.config import Settings
    from eventlens.extract.events.classifier import TriggerClassifier
    from eventlens.extract.pipeline import Extractor
    from eventlens.record import Article

    extractor = Extractor(Settings(event_classifier=model_dir is not None))
    if model_dir is not None:
        extractor.nlp.get_pipe("eventlens_events").classifier = TriggerClassifier.load(model_dir)
    batch = [Article(text=a.text, id=a.id, published=a.published, title=a.title) for a in articles]
    return [r.as_dict() for r in extractor.pipe(batch)]  # type: ignore[union-attr]


def headline(figures: dict[str, Any]) -> dict[str, Any]:
    firm = figures["firm"]
    return {
        "type": figures["type"],
        "whole_event": figures["whole_event"],
        "fields": {k: figures["fields"][k] for k in ("actor", "recipient", "factuality")},
        "predicted_events": figures["predicted_events"],
        "firm_type": firm["type"],
        "firm_whole_event": firm["whole_event"],
    }


def cross_validate(articles: dict[str, Doc], always: list[Doc], folds: int, work: Path, seed: int) -> dict[str, Any]:
    from eventlens.evaluation.articles import score_articles
    from eventlens.evaluation.gold import load

    gold = load(DEV_GOLD)
    ids = sorted(articles)
    random.Random(seed).shuffle(ids)
    fold_of = {aid: i % folds for i, aid in enumerate(ids)}
    dev_path = write_docbin(always[-4:], work / "tiny_dev.spacy")
    records: dict[str, dict[str, Any]] = {}
    for k in range(folds):
        train_docs = [d for aid, d in articles.items() if fold_of[aid] != k] + always
        train_path = write_docbin(train_docs, work / f"fold{k}" / "train.spacy")
        started = time.perf_counter()
        shipped = train(train_path, dev_path, work / f"fold{k}" / "model", seed)
        held = [a for a in gold if fold_of[a.id] == k]
        for a, r in zip(held, extract_with(shipped, held), strict=True):
            records[a.id] = r
        print(f"fold {k}: trained and scored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    after = [records[a.id] for a in gold]
    before = extract_with(None, gold)
    with (work / "cv_records.jsonl").open("w", encoding="utf-8") as f:
        for r in after:
            f.write(json.dumps(r) + "\n")
    with (work / "rules_records.jsonl").open("w", encoding="utf-8") as f:
        for r in before:
            f.write(json.dumps(r) + "\n")
    return {
        "rules alone": headline(score_articles(gold, before)),
        f"with the classifier ({folds}-fold, held-out articles)": headline(score_articles(gold, after)),
        "folds": {aid: fold_of[aid] for aid in sorted(fold_of)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds over the dev articles (0: none)")
    parser.add_argument("--work", type=Path, default=ROOT / "out" / "event_types", help="scratch folder")
    parser.add_argument("--no-ship", action="store_true", help="do not train and write the shipped model")
    parser.add_argument("--examples-only", action="store_true", help="only write the examples (all.spacy)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--set",
        type=parse_override,
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="override a value of training/event_types.cfg, e.g. components.spancat.model.hidden=64 (repeatable)",
    )
    args = parser.parse_args(argv)
    OVERRIDES.update(args.set)
    started = time.perf_counter()
    random.seed(args.seed)
    nlp = _pipeline()
    articles, always, stats = build_examples(nlp)
    print(json.dumps(dict(sorted(stats.items())), indent=1), file=sys.stderr)
    all_path = write_docbin([*articles.values(), *always], args.work / "all.spacy")
    print(f"examples built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.examples_only:
        return 0
    report: dict[str, Any] = {"examples": dict(sorted(stats.items()))}
    if args.folds:
        report["cross_validation"] = cross_validate(articles, always, args.folds, args.work, args.seed)
        print(json.dumps(report["cross_validation"], indent=1))
    if not args.no_ship:
        tiny_dev = write_docbin(always[-4:], args.work / "tiny_dev.spacy")  # spaCy wants one; nothing is chosen by it
        shipped = train(all_path, tiny_dev, args.work / "final", args.seed)
        if MODEL_DIR.exists():
            shutil.rmtree(MODEL_DIR)
        shutil.copytree(shipped, MODEL_DIR)
        (MODEL_DIR / "README.md").write_text(MODEL_README.format(seed=args.seed), encoding="utf-8")
        size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
        report["model"] = {"path": str(MODEL_DIR.relative_to(ROOT)), "bytes": size}
    report["seconds"] = round(time.perf_counter() - started)
    (args.work / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"done in {report['seconds']} s; report in {args.work / 'report.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
