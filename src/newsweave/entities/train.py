"""Train the mention tagger (a CRF over language-transferable features) from annotated corpora.

Why a CRF: it trains in minutes on a CPU, tags thousands of tokens per millisecond, ships as a few
megabytes, and its features (see ``features.py``) can be designed to carry over to languages without
training data. ``docs/entities.md`` records the measurements behind the choice.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsweave.entities.artifacts import BASEFORMS, artifact_path
from newsweave.entities.baseform import train_rules
from newsweave.entities.clusters import build as build_clusters
from newsweave.entities.corpus import Doc, corpus_files, read_docs, tagged_sentences
from newsweave.entities.demonyms import demonyms_path
from newsweave.entities.demonyms import learn as learn_demonyms
from newsweave.entities.features import token_features
from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.known_people import learn as learn_people
from newsweave.entities.known_people import people_path

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "entities.crfsuite"


def rules_path(model: Path) -> Path:
    return artifact_path(model, BASEFORMS)


@dataclass(slots=True)
class TrainReport:
    model: Path
    sentences: int
    tokens: int
    seconds: float
    held_out: list[Doc]
    rules: Path


def load_corpora(root: Path) -> list[Doc]:
    docs: list[Doc] = []
    for path in corpus_files(root):
        docs.extend(read_docs(path))
    return docs


def split(
    docs: list[Doc], holdout_topic: str | None, dev_share: float = 0.0, seed: int = 13
) -> tuple[list[Doc], list[Doc]]:
    """Hold out one topic (how the model will be judged: on news it never saw), or a random share."""
    if holdout_topic:
        return [d for d in docs if d.topic != holdout_topic], [d for d in docs if d.topic == holdout_topic]
    if dev_share <= 0:
        return docs, []
    shuffled = sorted(docs, key=lambda d: d.id)
    random.Random(seed).shuffle(shuffled)
    cut = int(len(shuffled) * dev_share)
    return shuffled[cut:], shuffled[:cut]


def train(
    corpora: Path,
    out: Path = DEFAULT_MODEL,
    holdout_topic: str | None = None,
    iterations: int = 60,
    c1: float = 0.2,
    c2: float = 0.01,
    max_docs: int | None = None,
    progress: Callable[[str], None] = lambda msg: None,
) -> TrainReport:
    import pycrfsuite

    began = time.monotonic()
    docs = load_corpora(corpora)
    if max_docs:
        docs = sorted(docs, key=lambda d: d.id)[:max_docs]
    train_docs, held = split(docs, holdout_topic)
    if not train_docs:
        raise ValueError(f"no training documents under {corpora} (holdout topic {holdout_topic!r})")
    if out == DEFAULT_MODEL:  # the shipped tagger: its word clusters are rebuilt with it (a few seconds)
        progress(f"word clusters → {build_clusters()}")
    progress(f"{len(train_docs)} training documents, {len(held)} held out")
    gazetteer = Gazetteer(cities=False)  # countries only in training: see Gazetteer
    trainer = pycrfsuite.Trainer(verbose=False)
    n_sent = n_tok = 0
    for doc in train_docs:
        for tokens, labels in tagged_sentences(doc):
            trainer.append(token_features(tokens, gazetteer), labels)
            n_sent += 1
            n_tok += len(tokens)
    progress(f"features for {n_sent:,} sentences, {n_tok:,} tokens in {time.monotonic() - began:.0f}s; training")
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True, "feature.minfreq": 2}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    rules = train_rules(train_docs)
    rules_file = rules_path(out)
    _write_compact(rules_file, rules)
    progress(f"base-form rules: {sum(len(t) for lang in rules.values() for t in lang.values()):,} → {rules_file}")
    people = learn_demonyms(train_docs)
    _write_compact(demonyms_path(out), people)
    progress(f"words for countries' people: {sum(len(t) for t in people.values()):,} → {demonyms_path(out)}")
    surnames = learn_people(train_docs)
    _write_compact(people_path(out), surnames)
    progress(f"surname forms of well-known people: {len(surnames):,} → {people_path(out)}")
    return TrainReport(out, n_sent, n_tok, time.monotonic() - began, held, rules_file)


def _write_compact(path: Path, data: object) -> None:
    """The JSON artifacts shipped beside the model: sorted and compact, so a rebuild gives the same bytes."""
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
