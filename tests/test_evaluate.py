"""`kg eval` scoring on the real gold files: matching rules, one-to-one pairing, borderline, dates."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg.evaluate import (
    GoldEvent,
    GoldFormatError,
    date_agrees,
    evaluate,
    evidence_overlap,
    format_report,
    read_gold,
    report_dict,
    resolve_doc,
)
from kg.names import to_traditional

ROOT = Path(__file__).resolve().parent.parent
_PLACES = (ROOT / "examples" / "gold", ROOT.parent / "shared")


def _gold_path(name: str) -> Path:
    for folder in _PLACES:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{name} not found in {', '.join(map(str, _PLACES))}")


@pytest.fixture(scope="module")
def gold() -> list[GoldEvent]:
    return read_gold(_gold_path("seeds_gold.jsonl"))


@pytest.fixture(scope="module")
def borderline() -> list[GoldEvent]:
    return read_gold(_gold_path("seeds_gold_borderline.jsonl"))


def as_prediction(event: GoldEvent, **changes: Any) -> dict[str, Any]:
    """A gold event as the extractor would print it, actors given as name lists."""
    actors = "participants" if event.type == "meeting" else "parties"
    prediction = {
        "kind": event.type,
        "doc": event.doc,
        "date": event.date,
        actors: [list(a) for a in event.actors],
        "evidence": event.evidence,
        "sources": [{"doc": event.doc, "sentence": event.evidence, "start": 0, "end": 0}],
    }
    return {**prediction, **changes}


def find(events: list[GoldEvent], doc_prefix: str, kind: str, text: str) -> GoldEvent:
    [event] = [e for e in events if e.doc.startswith(doc_prefix) and e.type == kind and text in e.evidence]
    return event


def test_gold_against_itself_is_perfect(gold: list[GoldEvent], borderline: list[GoldEvent]) -> None:
    report = evaluate(gold, [as_prediction(e) for e in gold], borderline)

    for score in (report.meeting, report.agreement, report.overall):
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert report.meeting.tp == sum(e.type == "meeting" for e in gold)
    assert report.agreement.tp == sum(e.type == "agreement" for e in gold)
    assert report.date_accuracy == 1.0
    assert not report.misses and not report.false_alarms and not report.wrong_dates


def test_a_wrong_participant_is_a_miss_and_a_false_alarm(gold: list[GoldEvent]) -> None:
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    wrong = as_prediction(talks, participants=[["王毅"], ["洪森"]])
    predictions = [wrong if e is talks else as_prediction(e) for e in gold]

    report = evaluate(gold, predictions)

    meetings = sum(e.type == "meeting" for e in gold)
    assert (report.meeting.tp, report.meeting.fp, report.meeting.fn) == (meetings - 1, 1, 1)
    assert [m.gold for m in report.misses] == [talks]
    assert "Sok Chenda Sok" in report.misses[0].reason
    assert report.false_alarms == [wrong]


def test_at_most_two_extra_participants(gold: list[GoldEvent]) -> None:
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    two_extra = as_prediction(talks, participants=[["王毅"], ["宋金达"], ["蔡奇"], ["洪森"]])
    three_extra = as_prediction(talks, participants=[["王毅"], ["宋金达"], ["蔡奇"], ["洪森"], ["普京"]])

    assert evaluate([talks], [two_extra]).meeting.tp == 1
    assert evaluate([talks], [three_extra]).meeting.fn == 1


@pytest.mark.parametrize(
    ("gold_xi", "predicted_xi", "matches"),
    [
        (["習近平"], {"id": "person:xi-jinping", "name": "习近平"}, True),
        (["习近平"], {"id": "person:xi-jinping", "name": "習近平"}, True),
        (["Xi Jinping"], {"id": "person:xi-jinping", "name": "习近平", "name_en": "Xi Jinping"}, True),
        (["Xi Jinping"], {"id": "person:xi-jinping"}, True),
        (["Xi Jinping"], {"id": "p1", "name": "習近平", "aliases": ["XI JINPING"]}, True),
        (["Xi Jinping"], "xi  jinping", True),
        (["Xi Jinping"], {"id": "p1", "name": "习近平"}, False),
        (["Xi Jinping", "習近平", "习近平", "Xi"], {"id": "p1", "name": "習近平"}, True),
    ],
)
def test_an_alias_in_another_script_matches(
    gold: list[GoldEvent], gold_xi: list[str], predicted_xi: Any, matches: bool
) -> None:
    visit = find(gold, "003", "meeting", "洪森")
    only_these_spellings = replace(visit, participants=[gold_xi, ["Hun Sen", "洪森"]])
    hun_sen = {"id": "person:hun-sen", "name": "洪森", "name_en": "Hun Sen"}
    prediction = as_prediction(visit, participants=[predicted_xi, hun_sen])

    assert evaluate([only_these_spellings], [prediction]).meeting.tp == int(matches)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def test_evidence_must_cover_half_of_the_gold_bigrams(gold: list[GoldEvent]) -> None:
    pledge = find(gold, "000", "agreement", "澜湄合作")
    assert not pledge.alt_evidence
    plain = re.sub(r"\W", "", pledge.evidence)
    wanted = _bigrams(plain)
    # the shortest prefix of the gold sentence that holds half of its distinct bigrams
    length = next(n for n in range(2, len(plain)) if 2 * len(_bigrams(plain[:n]) & wanted) >= len(wanted))

    def scored(evidence: str) -> int:
        prediction = as_prediction(pledge, evidence=evidence, sources=[])
        return evaluate([pledge], [prediction]).agreement.tp

    assert scored(plain[:length]) == 1
    assert scored(plain[: length - 1]) == 0


def test_evidence_matching_ignores_script_markup_and_looks_at_every_source(gold: list[GoldEvent]) -> None:
    crackdown = find(gold, "000", "agreement", "网赌电诈")
    sources = [{"doc": crackdown.doc, "sentence": s} for s in ("王毅说。", f"“{crackdown.evidence}”")]

    for prediction in (
        as_prediction(crackdown, evidence=f"**{to_traditional(crackdown.evidence)}**"),
        as_prediction(crackdown, evidence=crackdown.alt_evidence[0], sources=[]),
        as_prediction(crackdown, evidence="王毅说。", sources=sources),
    ):
        assert evaluate([crackdown], [prediction]).agreement.tp == 1, prediction["evidence"]


def test_pinyin_glued_into_gold_evidence_does_not_count(gold: list[GoldEvent]) -> None:
    decision = find(gold, "004", "agreement", "2019年1月")
    assert "習(xí)近平" in decision.evidence
    cleaned = decision.evidence.replace("(xí)", "").replace("(guān)", "").replace("(chuàng)", "")
    cleaned = cleaned.replace("(zhí)", "")
    assert "(" not in cleaned

    assert evidence_overlap(decision, {"evidence": cleaned}) == 1.0


def test_an_agreement_needs_a_party_in_common(gold: list[GoldEvent]) -> None:
    crackdown = find(gold, "000", "agreement", "网赌电诈")
    japan = as_prediction(crackdown, parties=[{"id": "country:japan", "name": "日本"}])
    cambodia = as_prediction(crackdown, parties=[{"id": "country:cambodia", "name": "柬埔寨"}])
    no_parties = as_prediction(crackdown, parties=[])

    assert evaluate([crackdown], [japan]).agreement.fn == 1
    assert evaluate([crackdown], [no_parties]).agreement.fn == 1
    assert evaluate([crackdown], [cambodia]).agreement.tp == 1


def test_a_country_behind_the_gold_parties_matches(gold: list[GoldEvent]) -> None:
    police = find(gold, "002", "agreement", "警方决议")
    assert not any("Myanmar" in a for a in police.parties) and any("Myanmar" in a for a in police.sides)
    myanmar = as_prediction(police, parties=[{"id": "country:myanmar", "name": "缅甸", "name_en": "Myanmar"}])
    japan = as_prediction(police, parties=[{"id": "country:japan", "name": "日本", "name_en": "Japan"}])

    assert evaluate([police], [myanmar]).agreement.tp == 1
    assert evaluate([police], [japan]).agreement.tp == 0


def test_an_event_in_another_document_does_not_match(gold: list[GoldEvent]) -> None:
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    report = evaluate([talks], [as_prediction(talks, doc="003_a0a0f59d0ea457fc.txt")])
    assert (report.meeting.tp, report.meeting.fp, report.meeting.fn) == (0, 1, 1)


def test_a_borderline_match_is_not_a_false_alarm(gold: list[GoldEvent], borderline: list[GoldEvent]) -> None:
    generic = find(borderline, "000", "agreement", "深化战略互信")
    predictions = [*(as_prediction(e) for e in gold), as_prediction(generic)]

    strict = evaluate(gold, predictions)
    lenient = evaluate(gold, predictions, borderline)

    assert (strict.agreement.fp, strict.agreement.neutral) == (1, 0)
    assert (lenient.agreement.fp, lenient.agreement.neutral) == (0, 1)
    assert lenient.agreement.precision == 1.0
    assert lenient.agreement.tp == strict.agreement.tp


@pytest.mark.parametrize(
    ("gold_date", "predicted", "agrees"),
    [
        ("2021", "2021-08-28", True),
        ("2021", "2021", True),
        ("2023-08", "2023-08-19", True),
        ("2024-04-21", "2024-04-21", True),
        (None, "2024-04-21", True),
        (None, None, True),
        ("2024-04-21", "2024-04-22", False),
        ("2024-04-21", "2024-04", False),
        ("2021", "2022-01-01", False),
        ("2021", None, False),
    ],
)
def test_date_agrees_on_what_gold_fixes(gold_date: str | None, predicted: str | None, agrees: bool) -> None:
    assert date_agrees(gold_date, predicted) is agrees


def test_date_accuracy_on_matched_meetings_and_agreements(gold: list[GoldEvent]) -> None:
    zhao = find(gold, "004", "meeting", "薩肯")
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    crackdown = find(gold, "000", "agreement", "网赌电诈")
    assert (zhao.date, talks.date, crackdown.date) == ("2021", "2024-04-21", "2024-04-21")

    report = evaluate(
        [zhao, talks, crackdown],
        [
            as_prediction(zhao, date="2021-08-28"),
            as_prediction(talks, date="2024-04-22"),
            as_prediction(crackdown, date=None),
        ],
    )

    assert (report.meeting.tp, report.agreement.tp) == (2, 1)
    assert (report.meeting.dates_right, report.meeting.dates_total, report.date_accuracy) == (1, 2, 0.5)
    assert (report.agreement.dates_right, report.agreement.dates_total) == (0, 1)
    assert report.agreement.date_accuracy == 0.0
    assert [w.gold for w in report.wrong_dates] == [talks, crackdown]
    text = format_report(report)
    assert "date accuracy on matched meetings: 1/2 = 0.500" in text
    assert "date accuracy on matched agreements: 0/1 = 0.000" in text


def test_two_meetings_of_the_same_people_pair_by_date(gold: list[GoldEvent]) -> None:
    wang_don = [
        e for e in gold if e.type == "meeting" and e.doc.startswith("002") and "敦" in str(e.participants)
    ]
    assert len({e.date for e in wang_don}) == 2
    predictions = [as_prediction(e) for e in reversed(wang_don)]

    report = evaluate(wang_don, predictions)

    assert report.meeting.tp == 2
    assert report.date_accuracy == 1.0


def test_each_gold_event_matches_one_prediction(gold: list[GoldEvent]) -> None:
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    report = evaluate([talks], [as_prediction(talks), as_prediction(talks)])
    assert (report.meeting.tp, report.meeting.fp, report.meeting.fn) == (1, 1, 0)
    assert report.meeting.precision == 0.5


def test_a_miss_whose_prediction_went_to_another_gold_event_says_so(gold: list[GoldEvent]) -> None:
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    report = evaluate([talks, replace(talks, date="2024-04-22")], [as_prediction(talks)])
    [miss] = report.misses
    assert "paired with another gold event" in miss.reason


def test_a_bad_gold_line_names_file_and_line(tmp_path: Path, gold: list[GoldEvent]) -> None:
    path = tmp_path / "gold.jsonl"
    good = json.dumps(
        {"doc": "a.txt", "type": "meeting", "participants": [["王毅"]], "evidence": "王毅会见。"}
    )
    path.write_text(f"{good}\n\n{{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(f"{path}:3")):
        read_gold(path)

    path.write_text(good.replace('"meeting"', '"visit"') + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(f"{path}:1") + ".*type"):
        read_gold(path)

    path.write_text(good.replace('"evidence"', '"date": "21 Apr", "evidence"') + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(f"{path}:1") + ".*date"):
        read_gold(path)


def test_the_report_shows_what_to_fix(gold: list[GoldEvent]) -> None:
    talks = find(gold, "000", "meeting", "宋金达举行会谈")
    spurious = as_prediction(talks, participants=[["王毅"], ["洪森"]], evidence="王毅同洪森通电话。")
    report = evaluate(gold, [as_prediction(e) for e in gold if e is not talks] + [spurious])

    text = format_report(report)

    assert re.search(r"^meeting\s+\d+\s+1\s+1\b", text, re.MULTILINE)
    assert talks.evidence in text and "missing Sok Chenda Sok" in text
    assert "王毅同洪森通电话。" in text
    data = json.loads(json.dumps(report_dict(report), ensure_ascii=False))
    assert (data["meeting"]["tp"], data["meeting"]["fp"], data["meeting"]["fn"]) == (report.meeting.tp, 1, 1)
    assert data["date_accuracy"] == {"meeting": 1.0, "agreement": 1.0}
    assert "documents" not in data


def test_eval_of_the_extractor_on_the_examples(
    examples_dir: Path, gold: list[GoldEvent], borderline: list[GoldEvent]
) -> None:
    from kg.pipeline import iter_event_dicts

    predictions = [e for e in iter_event_dicts([examples_dir]) if isinstance(e, dict)]
    report = evaluate(gold, predictions, borderline)

    for kind in ("meeting", "agreement"):
        score = report.score(kind)
        assert score.tp + score.fn == sum(e.type == kind for e in gold)
        assert score.tp + score.fp + score.neutral == sum(p["kind"] == kind for p in predictions)
    assert report.meeting.f1 >= 0.9
    assert report.agreement.f1 >= 0.7
    assert report.date_accuracy == 1.0
    text = format_report(report)
    assert all(m.gold.evidence in text for m in report.misses)
    assert all(p["evidence"] in text for p in report.false_alarms)


@pytest.mark.parametrize(
    ("gold_doc", "names", "found"),
    [
        ("talks.txt", ["news/talks.txt", "wire/call.txt"], "news/talks.txt"),
        ("news/talks.txt", ["news/talks.txt", "wire/talks.txt"], "news/talks.txt"),
        ("talks.txt", ["news/talks.txt", "wire/talks.txt"], "talks.txt"),
        ("corpus/news/talks.txt", ["news/talks.txt", "wire/talks.txt"], "news/talks.txt"),
        ("news/talks.txt", ["talks.txt"], "talks.txt"),
        ("alks.txt", ["news/talks.txt"], "alks.txt"),
        ("other.txt", ["news/talks.txt"], "other.txt"),
    ],
)
def test_a_gold_doc_names_the_one_article_whose_path_ends_with_it(
    gold_doc: str, names: list[str], found: str
) -> None:
    assert resolve_doc(gold_doc, names) == found


def test_a_bare_file_name_in_gold_matches_only_when_one_article_has_it(gold: list[GoldEvent]) -> None:
    talks = replace(find(gold, "000", "meeting", "宋金达举行会谈"), doc="talks.txt")
    predicted = as_prediction(talks, doc="news/talks.txt")

    alone = evaluate([talks], [predicted], documents=["news/talks.txt"])
    # an article with no events still makes the bare name ambiguous
    two = evaluate([talks], [predicted], documents=["news/talks.txt", "wire/talks.txt"])

    assert (alone.meeting.tp, alone.meeting.fp) == (1, 0)
    assert (two.meeting.tp, two.meeting.fp, two.meeting.fn) == (0, 1, 1)


# --- kg eval on articles and gold written here ------------------------------------------------

TALKS = "新华社北京2024年5月10日电 外交部长王毅在北京同柬埔寨副首相兼外交大臣宋金达举行会谈。"
AGREED = "双方一致同意共同打击电信诈骗和网络赌博。"
CALL = "新华社北京2024年6月3日电 外交部长王毅应约同柬埔寨参议院主席洪森通电话。"


@pytest.fixture
def small_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two articles in two folders, and gold with a wrong date, a miss and a call left out."""
    articles = tmp_path / "articles"
    (articles / "news").mkdir(parents=True)
    (articles / "wire").mkdir()
    (articles / "news" / "talks.txt").write_text(f"{TALKS}{AGREED}\n", encoding="utf-8")
    (articles / "wire" / "call.txt").write_text(f"{CALL}\n", encoding="utf-8")
    wang_yi, sok_chenda, putin = ["Wang Yi", "王毅"], ["Sok Chenda Sok", "宋金达"], ["Vladimir Putin", "普京"]
    events = [
        # a date no article gives: the matched meeting's date is wrong whatever the extractor reads
        {"type": "meeting", "doc": "talks.txt", "participants": [wang_yi, sok_chenda], "date": "2023-01-01"},
        {"type": "agreement", "doc": "news/talks.txt", "parties": [["China"], ["Cambodia"]], "date": "2024"},
        {"type": "meeting", "doc": "talks.txt", "participants": [wang_yi, putin], "date": "2024-05-10"},
    ]
    for event, evidence in zip(events, (TALKS, AGREED, TALKS), strict=True):
        event["evidence"] = evidence
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    return gold, articles


def test_eval_detail_lists_each_document_with_its_misses_wrong_dates_and_false_alarms(
    small_corpus: tuple[Path, Path],
) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    gold, articles = small_corpus
    result = CliRunner().invoke(app, ["eval", str(gold), str(articles), "--detail"])

    assert result.exit_code == 0, result.output
    text = result.output
    assert "date accuracy on matched meetings: 0/1 = 0.000" in text
    assert "date accuracy on matched agreements: 1/1 = 1.000" in text
    talks_part, call_part = text.split("\nnews/talks.txt")[1].split("\nwire/call.txt")
    assert talks_part.startswith("  tp 2  fp 0  fn 1")
    assert "miss: [meeting] 2024-05-10  Wang Yi + Vladimir Putin\n" in talks_part
    assert "why:      missing Vladimir Putin" in talks_part
    assert re.search(r"wrong date: \[meeting\] gold 2023-01-01 predicted 2024-05-\d\d  Wang Yi", talks_part)
    assert f"evidence:  {TALKS}" in talks_part
    assert call_part.startswith("  tp 0  fp 1  fn 0")
    assert re.search(
        r"false alarm: \[meeting\] 2024-06-\d\d  Wang Yi \+ Hun Sen\n +evidence: .*洪森通电话", call_part
    )


def test_eval_json_gives_the_figures_and_with_detail_the_lists(small_corpus: tuple[Path, Path]) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    gold, articles = small_corpus
    plain = json.loads(CliRunner().invoke(app, ["eval", str(gold), str(articles), "--json"]).output)
    detailed = json.loads(
        CliRunner().invoke(app, ["eval", str(gold), str(articles), "--json", "--detail"]).output
    )

    meeting = {k: plain["meeting"][k] for k in ("tp", "fp", "fn", "neutral", "precision", "recall")}
    assert meeting == {"tp": 1, "fp": 1, "fn": 1, "neutral": 0, "precision": 0.5, "recall": 0.5}
    assert plain["meeting"]["f1"] == 0.5 and plain["agreement"]["f1"] == 1.0
    assert plain["date_accuracy"] == {"meeting": 0.0, "agreement": 1.0}
    assert "documents" not in plain
    talks, call = detailed["documents"]
    assert (talks["doc"], talks["tp"], talks["fp"], talks["fn"]) == ("news/talks.txt", 2, 0, 1)
    [miss] = talks["misses"]
    assert miss["actors"] == ["Wang Yi", "Vladimir Putin"] and "Vladimir Putin" in miss["why"]
    assert miss["closest"]["actors"] == ["Wang Yi", "Sok Chenda Sok"]
    [wrong] = talks["wrong_dates"]
    assert (wrong["gold_date"], wrong["evidence"]) == ("2023-01-01", TALKS)
    assert wrong["predicted_date"].startswith("2024-05") and "宋金达举行会谈" in wrong["predicted_evidence"]
    assert (call["doc"], call["fp"], call["misses"], call["wrong_dates"]) == ("wire/call.txt", 1, [], [])
    assert [f["actors"] for f in call["false_alarms"]] == [["Wang Yi", "Hun Sen"]]
