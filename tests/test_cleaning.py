"""Cleaning: measured against hand-labelled gold, rule by rule, and never crashing on any text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsweave.cleaning.rules import classify
from newsweave.config import Settings
from newsweave.errors import StageError
from newsweave.evaluation.cleaning import evaluate
from newsweave.model import Article
from newsweave.stages.clean import CleanStage
from newsweave.stages.text import TextStage, split_blocks

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "cleaning" / "gold.jsonl"

#: Pinned floors: a change may raise them, never lower them. Measured: precision 1.00, recall 1.00.
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.95

PROSE = "The committee will publish its final report next month, after hearing from more than forty witnesses."


def test_gold_precision_and_recall(settings: Settings) -> None:
    result = evaluate(GOLD, settings, base=ROOT)
    overall = result["overall"]
    print("\ncleaning gold:", json.dumps(overall))
    for name, counts in result["inputs"].items():
        print(f"  {name}: P={counts['precision']:.3f} R={counts['recall']:.3f} errors={counts['errors']}")
    assert overall["tp"] + overall["fn"] >= 100, "the gold must stay a fair size"
    assert overall["precision"] >= PRECISION_FLOOR
    assert overall["recall"] >= RECALL_FLOOR


def _kept(blocks: list[str], title: str | None = "hint") -> list[str]:
    decisions, _ = classify(blocks, title)
    return [b for b, d in zip(blocks, decisions, strict=True) if d.keep]


def test_prose_with_cue_words_is_kept() -> None:
    blocks = [
        PROSE,
        "Officials will share the draft with unions and read more submissions before the vote, she said.",
        "Die Diskussion über die Reform dauert seit Monaten an, sagte der Minister am Dienstag in Berlin.",
        PROSE + " End.",
    ]
    assert _kept(blocks) == blocks


def test_read_more_prompt_takes_its_headline_but_not_the_next_paragraph() -> None:
    blocks = [PROSE, "Читайте также", "Урожай зерна может снизиться", PROSE + " Second.", PROSE + " Third."]
    assert _kept(blocks) == [PROSE, PROSE + " Second.", PROSE + " Third."]


def test_repeated_paragraph_kept_once_and_caption_removed() -> None:
    blocks = [PROSE, "Minister at the press conference", "Photo: AFP", PROSE, PROSE + " Also."]
    decisions, _ = classify(blocks, "hint")
    assert [d.rule for d in decisions] == ["", "caption", "photo-credit", "repeated", ""]
    assert decisions[2].moved_to == "photo_credit"


def test_paywall_cuts_the_rest() -> None:
    blocks = [PROSE, PROSE + " Two.", "Il vous reste 65% de cet article à lire.", "Déjà abonné ?", "Connexion"]
    assert _kept(blocks) == [PROSE, PROSE + " Two."]


def test_subheadings_stay_and_are_marked() -> None:
    blocks = [PROSE, "What happens next", PROSE + " More.", PROSE + " Most."]
    decisions, _ = classify(blocks, "hint")
    assert all(d.keep for d in decisions) and decisions[1].kind == "heading"


def test_title_from_body_only_without_hint() -> None:
    blocks = ["Budget approved after long debate", PROSE, PROSE + " Two."]
    assert classify(blocks, None)[1] == "Budget approved after long debate"
    assert classify(blocks, "Another title")[1] is None
    decisions, _ = classify(blocks, "Budget approved after long debate")
    assert decisions[0].rule == "title"  # the hinted title repeated at the top of the body


def test_byline_and_date_lines_move_to_metadata() -> None:
    blocks = ["By Anna Smith and John Doe", "Updated: 12.05.2024 14:20", PROSE, PROSE + " Two."]
    decisions, _ = classify(blocks, "hint")
    assert (decisions[0].moved_to, decisions[0].value) == ("byline", "Anna Smith and John Doe")
    assert (decisions[1].moved_to, decisions[1].value) == ("updated", "2024-05-12T14:20")


def test_words_that_merely_start_like_a_cue_are_not_cues() -> None:
    blocks = [PROSE, "Database growth 12.05.2024 and more words here", "Standardowe ceny 2024", PROSE + " Two."]
    decisions, _ = classify(blocks, "hint")
    assert decisions[2].keep and decisions[1].rule != "published-line"


def test_article_that_is_all_debris_is_a_problem(settings: Settings) -> None:
    article = Article(source="x", raw="", extracted="Share\nComments\nRead more")
    article = TextStage()(article)
    with pytest.raises(StageError, match="no article text left"):
        CleanStage()(article)


def test_hard_wrapped_text_joins_lines() -> None:
    para = (
        "The council met on Monday to discuss the budget for the next year and the\n"
        "plans for new schools, roads and a library in the centre of the small town\n"
        "where most residents have lived for many decades without any real change.\n"
    )
    text = (para + "\n") * 3
    assert len(split_blocks(text)) == 3


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=12), st.one_of(st.none(), _TEXT))
def test_classify_never_crashes(blocks: list[str], title: str | None) -> None:
    decisions, _ = classify(blocks, title)
    assert len(decisions) == len(blocks)
    assert all(d.keep or d.rule for d in decisions)


@hsettings(max_examples=200, deadline=None)
@given(_TEXT)
def test_text_and_clean_stages_never_crash(text: str) -> None:
    article = Article(source="h", raw=text, extracted=text)
    try:
        article = CleanStage()(TextStage()(article))
    except StageError:
        return
    for para in article.paragraphs:
        assert 0 <= para.start < para.end <= len(article.text)
