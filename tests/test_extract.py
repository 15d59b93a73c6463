"""Extraction on the seed articles and on small articles written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import extract_corpus
from kg.records import Corpus, Meeting

ARTICLES = Path(__file__).parent / "articles"


def meetings_between(corpus: Corpus, *people: str) -> list[Meeting]:
    wanted = set(people)
    return [m for m in corpus.meetings if wanted <= {p.id for p in m.participants if p.role != "attendee"}]


def corpus_of(text: str, tmp_path: Path, date: str = "2024-06-20") -> Corpus:
    """The corpus of one article written for a test, published on `date`."""
    (tmp_path / "article.md").write_text(f"---\ndate: {date}\n---\n\n{text}\n", encoding="utf-8")
    return extract_corpus([tmp_path])


@pytest.fixture(scope="module")
def written() -> Corpus:
    return extract_corpus([ARTICLES])


def test_seed_000_talks_in_phnom_penh_on_the_sunday_before_publication(examples_corpus: Corpus) -> None:
    (talks,) = meetings_between(examples_corpus, "person:wang-yi", "person:sok-chenda-sok")
    assert talks.date and talks.date.iso() == "2024-04-21"
    assert talks.place and talks.place.name_en == "Phnom Penh"
    assert talks.mode == "in_person"
    (king,) = meetings_between(examples_corpus, "person:wang-yi", "person:norodom-sihamoni")
    assert king.date and king.date.iso() == "2024-04-21", "同日 takes the day of the talks before it"


def test_seed_003_one_meeting_from_the_chinese_and_english_halves(examples_corpus: Corpus) -> None:
    (talks,) = meetings_between(examples_corpus, "person:xi-jinping", "person:hun-sen")
    assert talks.date and talks.date.iso() == "2024-12-03"
    docs = {s.doc for s in talks.sources}
    assert docs == {"003_a0a0f59d0ea457fc.txt"}
    sentences = " ".join(s.sentence for s in talks.sources)
    assert "釣魚臺國賓館" in sentences and "held talks with" in sentences
    attendees = {p.id for p in talks.participants if p.role == "attendee"}
    assert {"person:cai-qi", "person:wang-yi"} <= attendees


def test_each_person_is_one_actor_across_articles_and_scripts(examples_corpus: Corpus) -> None:
    wang = examples_corpus.actors["person:wang-yi"]
    assert wang.name_en == "Wang Yi" and wang.name_zh_hans == "王毅"
    docs_naming_wang = {
        s.doc
        for m in examples_corpus.meetings
        for s in m.sources
        if any(p.id == wang.id for p in m.participants)
    }
    assert {
        "000_2a8417f8f61e67d4.txt",
        "002_54619307483b616e.txt",
        "003_a0a0f59d0ea457fc.txt",
    } <= docs_naming_wang
    xi_ids = {
        p.id
        for m in examples_corpus.meetings
        for p in m.participants
        if p.name in {"习近平", "習近平", "Xi Jinping"}
    }
    assert xi_ids == {"person:xi-jinping"}


def test_every_event_carries_its_evidence_sentence(examples_corpus: Corpus, examples_dir: Path) -> None:
    for event in [*examples_corpus.meetings, *examples_corpus.agreements]:
        assert event.sources, event
        for source in event.sources:
            assert source.sentence.strip()
            assert (examples_dir / source.doc).exists()


def test_seed_000_agreement_parties_topics_and_meeting(examples_corpus: Corpus) -> None:
    fraud = [a for a in examples_corpus.agreements if "telecom-fraud" in a.topics and a.doc.startswith("000")]
    assert len(fraud) == 1, "the lead and the body state one agreement"
    (agreement,) = fraud
    assert {p.id for p in agreement.parties} == {"country:china", "country:cambodia"}
    assert {"online-gambling", "human-trafficking"} <= set(agreement.topics)
    assert agreement.date and agreement.date.iso() == "2024-04-21"
    (talks,) = meetings_between(examples_corpus, "person:wang-yi", "person:sok-chenda-sok")
    assert agreement.meeting == talks.id
    assert len(agreement.sources) >= 2


def test_english_weekdays_resolve_to_the_days_before_publication(written: Corpus) -> None:
    (talks,) = meetings_between(written, "person:wang-yi", "person:maris-sangiampongsa")
    assert talks.date and talks.date.iso() == "2025-02-10"
    assert talks.place and talks.place.name_en == "Beijing"
    (call,) = [
        m
        for m in meetings_between(written, "person:xi-jinping", "person:vladimir-putin")
        if m.mode == "phone"
    ]
    assert call.mode == "phone" and call.date and call.date.iso() == "2025-02-11"
    (agreement,) = [a for a in written.agreements if a.meeting == talks.id]
    assert {p.id for p in agreement.parties} == {"country:china", "country:thailand"}
    assert {"telecom-fraud", "online-gambling"} <= set(agreement.topics)


def test_traditional_chinese_video_meeting_consensus_and_same_day(written: Corpus) -> None:
    video = [m for m in written.meetings if m.mode == "video"]
    assert len(video) == 1
    (meeting,) = video
    assert meeting.date and meeting.date.iso() == "2023-06-14"
    names = {p.name for p in meeting.participants}
    assert "王小洪" in names and any("拉坎" in n for n in names)
    (consensus,) = [a for a in written.agreements if a.meeting == meeting.id]
    assert consensus.kind == "consensus"
    assert {"telecom-fraud", "online-gambling"} <= set(consensus.topics)
    (envoy,) = [m for m in written.meetings if any("范" in p.name for p in m.participants)]
    assert envoy.date and envoy.date.iso() == "2023-06-14"
    roles = {p.name: p.role for p in envoy.participants}
    assert roles["王小洪"] == "host"


def test_letters_and_people_found_by_their_title(written: Corpus) -> None:
    (letter,) = [m for m in written.meetings if m.mode == "letter"]
    roles = {p.id: p.role for p in letter.participants}
    assert roles["person:wang-yi"] == "sender"
    recipient = next(p for p in letter.participants if p.role == "recipient")
    assert recipient.name == "阿里·萨布里"
    assert written.actors[recipient.id].country == "country:sri-lanka"
    assert letter.date and letter.date.iso() == "2024-03-08"
    (envoy,) = [m for m in written.meetings if any(p.name == "姜再冬" for p in m.participants)]
    assert envoy.date and envoy.date.iso() == "2024-03-09"
    assert envoy.place and envoy.place.name_en == "Vientiane"
    (signed,) = [a for a in written.agreements if a.kind == "signed" and a.doc.startswith("zh_hans_letter")]
    assert signed.meeting == envoy.id
    assert "human-trafficking" in signed.topics
    assert {p.id for p in signed.parties} == {"country:china", "country:laos"}


def test_signatories_represent_their_countries(written: Corpus) -> None:
    (talks,) = meetings_between(written, "person:xi-jinping", "person:kassym-jomart-tokayev")
    assert talks.date and talks.date.iso() == "2024-07-02"
    (statement,) = [a for a in written.agreements if a.meeting == talks.id]
    roles = {p.id: p.role for p in statement.parties}
    assert roles["country:china"] == roles["country:kazakhstan"] == "party"
    assert roles["person:xi-jinping"] == roles["person:kassym-jomart-tokayev"] == "representative"


def test_separate_meetings_with_each_guest(written: Corpus) -> None:
    guests = {
        frozenset(p.name for p in m.participants if p.role == "guest")
        for m in written.meetings
        if m.date and m.date.iso() == "2024-07-03" and m.mode == "in_person"
    }
    assert guests == {frozenset({"扎帕罗夫"}), frozenset({"拉赫蒙"})}


def test_a_phone_call_named_before_its_sides(written: Corpus) -> None:
    (call,) = [
        m for m in written.meetings if {p.name for p in m.participants} == {"Wang Yi", "Sergei Lavrov"}
    ]
    assert call.mode == "phone"
    assert call.date and call.date.iso() == "2024-07-03", "Wednesday before an article of Thursday 2024-07-04"


def test_a_headline_and_its_body_give_one_meeting_and_one_agreement(written: Corpus) -> None:
    (talks,) = meetings_between(written, "person:wang-yi", "person:antony-blinken")
    assert talks.date and talks.date.iso() == "2024-04-26"
    assert talks.place and talks.place.name_en == "Beijing"
    (agreement,) = [a for a in written.agreements if a.meeting == talks.id]
    assert len(agreement.sources) == 2, "the headline and the paragraph state one agreement"
    assert agreement.date == talks.date
    assert {"drugs", "climate"} <= set(agreement.topics)
    (later,) = meetings_between(written, "person:antony-blinken", "person:xi-jinping")
    assert later.date == talks.date, "當天 is the day of the talks before it"


def test_one_meeting_reported_by_two_articles_in_two_scripts(written: Corpus) -> None:
    talks = [
        m
        for m in meetings_between(written, "person:xi-jinping", "person:vladimir-putin")
        if m.mode == "in_person"
    ]
    assert len(talks) == 1
    (meeting,) = talks
    assert meeting.date and meeting.date.iso() == "2024-05-16"
    assert {s.doc for s in meeting.sources} == {"same_talks_en.md", "same_talks_zh_hant.txt"}


def test_a_person_named_in_full_is_found_again_by_surname_and_title(tmp_path: Path) -> None:
    text = "越南政府总理范明政19日抵达北京进行正式访问。\n\n当天下午，国务院总理李强同范总理举行会谈。"
    corpus = corpus_of(text, tmp_path)
    [talks] = meetings_between(corpus, "person:li-qiang", "person:pham-minh-chinh")
    assert talks.date is not None and talks.date.iso() == "2024-06-19"


def test_a_pronoun_opening_a_sentence_is_the_person_before_it_but_a_speaker_is_no_participant(
    tmp_path: Path,
) -> None:
    text = (
        "Foreign Minister Wang Yi arrived in Moscow on June 19.\n\n"
        "He later held talks with Sergey Lavrov.\n\n"
        "She said the talks between Vladimir Putin and Xi Jinping were productive."
    )
    corpus = corpus_of(text, tmp_path)
    assert meetings_between(corpus, "person:wang-yi", "person:sergey-lavrov")
    assert all("person:sergey-lavrov" not in {p.id for p in m.participants}
               for m in meetings_between(corpus, "person:vladimir-putin"))


def test_each_both_sides_that_follows_stands_for_the_same_pair(tmp_path: Path) -> None:
    filler = [f"莫斯科{n}点的气温是{n + 10}度。" for n in range(7)]
    sentences = ["王毅同拉夫罗夫举行会谈。", "双方同意加强执法合作。", *filler, "双方同意扩大人员交流。"]
    body = "\n\n".join(sentences)
    corpus = corpus_of(body, tmp_path, "2024-06-20")
    assert len(corpus.agreements) == 2
    for agreement in corpus.agreements:
        assert {p.id for p in agreement.parties if p.role == "party"} == {"country:china", "country:russia"}


@pytest.mark.parametrize(
    "text",
    [
        "王毅6月19日在莫斯科同拉夫罗夫举行会谈。\n\n两人上一次会面是在去年12月。",
        "Wang Yi held talks with Sergey Lavrov in Moscow on June 19.\n\n"
        "The two ministers last met in December 2023.",
    ],
)
def test_the_two_looked_back_on_meet_earlier_on_their_own_date(text: str, tmp_path: Path) -> None:
    corpus = corpus_of(text, tmp_path, "2024-06-20")
    talks = meetings_between(corpus, "person:wang-yi", "person:sergey-lavrov")
    dates = sorted(m.date.iso() for m in talks if m.date)
    assert dates == ["2023-12", "2024-06-19"]


def test_two_english_agreements_of_one_meeting_are_not_taken_for_one(tmp_path: Path) -> None:
    body = (
        "Wang Yi held talks with Sergey Lavrov in Moscow on June 19.\n\n"
        "The two ministers agreed to fight telecom fraud.\n\n"
        "The two ministers also agreed to expand student exchanges."
    )
    assert len(corpus_of(body, tmp_path, "2024-06-20").agreements) == 2


def test_the_two_ministers_are_the_two_people_named_together_last(tmp_path: Path) -> None:
    filler = [f"磋商议程包括第{n}项议题。" for n in range(1, 9)]
    sentences = [
        "12月28日，王毅与拉夫罗夫共同主持第八次中俄外长磋商。",
        *filler,
        "中国外交部长王毅与俄罗斯外交部长拉夫罗夫出席记者会。",
        "两位部长一致同意加强执法合作。",
    ]
    body = "\n\n".join(sentences)
    [agreement] = corpus_of(body, tmp_path, "2024-12-29").agreements
    assert {"person:wang-yi", "person:sergey-lavrov"} <= {p.id for p in agreement.parties}


def test_name_particles_of_the_grammar_are_never_a_name_alone() -> None:
    from kg.extract.references import short_forms
    from kg.grammar import load_grammars

    particles = frozenset(p.lower() for g in load_grammars() for p in g.name_particles)
    assert short_forms("Gilberto Teodoro III", particles) == {"Gilberto Teodoro III", "Gilberto"}
    assert "III" in short_forms("Gilberto Teodoro III")


@pytest.mark.parametrize(
    ("text", "principals"),
    [
        ("王毅6月19日表示，普京与莫迪当天举行了会谈。", {"person:vladimir-putin", "person:narendra-modi"}),
        (
            "Wang Yi told reporters on June 19 after his meeting with Sergey Lavrov that ties were strong.",
            {"person:wang-yi", "person:sergey-lavrov"},
        ),
    ],
)
def test_who_reports_the_meeting_of_others_is_not_in_it(
    text: str, principals: set[str], tmp_path: Path
) -> None:
    [meeting] = corpus_of(text, tmp_path, "2024-06-20").meetings
    assert {p.id for p in meeting.participants if p.role != "attendee"} == principals


def test_three_countries_listed_with_commas_are_all_parties(tmp_path: Path) -> None:
    text = "Japan, South Korea and China agreed on Monday to resume their trilateral summit."
    [agreement] = corpus_of(text, tmp_path, "2024-06-12").agreements
    assert {p.id for p in agreement.parties} == {"country:japan", "country:south-korea", "country:china"}


def test_a_call_told_with_one_side_named_is_with_the_other_of_the_pair_named_last(tmp_path: Path) -> None:
    text = (
        "Philippine Defense Secretary Gilberto Teodoro and US Defense Secretary Lloyd Austin discussed "
        "the South China Sea.\n\nIn a phone conversation on Wednesday, Austin reaffirmed the alliance."
    )
    corpus = corpus_of(text, tmp_path, "2024-03-28")
    [call] = meetings_between(corpus, "person:gilberto-teodoro", "person:lloyd-austin")
    assert call.mode == "phone" and call.date is not None and call.date.iso() == "2024-03-27"


def test_one_official_telling_another_is_a_meeting_whatever_the_quote_plans(tmp_path: Path) -> None:
    text = (
        "Japanese Foreign Minister Yoko Kamikawa arrived in Manila on Monday.\n\n"
        '"We would like to strengthen our partnership," Kamikawa told President Ferdinand Marcos Jr.\n\n'
        '"Ties will grow," Kamikawa told reporters.'
    )
    corpus = corpus_of(text, tmp_path, "2024-07-09")
    assert len(meetings_between(corpus, "person:yoko-kamikawa", "person:ferdinand-marcos-jr")) == 1
    assert len(corpus.meetings) == 1


@pytest.mark.parametrize(
    ("text", "principals", "agreements"),
    [
        ("岸田文雄预定14日与莫迪举行会谈。", set(), 0),
        ("6月11日，马科斯在总统府与来访的惠普斯会晤。", set(), 0),  # 府与惠普斯 is no one's name
        (
            "Lee Jae-myung held phone talks with Shigeru Ishiba on Monday, "
            "agreeing to continue shuttle diplomacy.",
            {"person:lee-jae-myung", "person:shigeru-ishiba"},
            1,
        ),
    ],
)
def test_planned_talks_a_palace_and_a_participle(
    text: str, principals: set[str], agreements: int, tmp_path: Path
) -> None:
    corpus = corpus_of(text, tmp_path)
    assert {p.id for m in corpus.meetings for p in m.participants if p.role != "attendee"} == principals
    assert len(corpus.agreements) == agreements


def test_a_host_with_several_guests_each_under_a_title_is_one_meeting_of_all(tmp_path: Path) -> None:
    text = (
        "Later in the day, Joe Biden hosted Narendra Modi, Australian Prime Minister Anthony Albanese "
        "and Japanese Prime Minister Fumio Kishida for the Quad summit on Saturday."
    )
    [summit] = corpus_of(text, tmp_path, "2024-09-22").meetings
    assert {p.id for p in summit.participants} == {
        "person:joe-biden", "person:narendra-modi", "person:anthony-albanese", "person:fumio-kishida"
    }


def test_a_dinner_with_someone_the_dictionary_does_not_know(tmp_path: Path) -> None:
    text = "会晤前，黄循财星期一晚上与柔佛州务大臣翁哈菲兹共进晚餐。"
    [dinner] = corpus_of(text, tmp_path, "2025-01-07").meetings
    assert sorted(p.name for p in dinner.participants) == sorted(["黄循财", "翁哈菲兹"])


def test_a_talk_told_by_one_of_its_people_dates_nothing_after_it(tmp_path: Path) -> None:
    text = (
        "习近平表示：“去年3月，我对俄罗斯进行国事访问，同普京总统在莫斯科举行会谈。”\n\n"
        "当天下午，李强在人民大会堂会见普京。"
    )
    dates = {m.date.iso() for m in corpus_of(text, tmp_path, "2024-05-17").meetings if m.date}
    assert "2023-03" not in dates


def test_what_was_agreed_at_a_summit_looked_back_on_belongs_to_that_summit(tmp_path: Path) -> None:
    text = (
        "日本首相岸田文雄13日与美国总统拜登举行会谈。\n\n"
        "岸田与拜登上次于今年4月在华府举行峰会，当时双方同意升级同盟。"
    )
    corpus = corpus_of(text, tmp_path, "2024-06-14")
    dates = sorted(m.date.iso() for m in corpus.meetings if m.date)
    assert dates == ["2024-04", "2024-06-13"]
    [agreement] = corpus.agreements
    assert agreement.date is not None and agreement.date.iso() == "2024-04"
    parties = {p.id for p in agreement.parties if p.role == "party"}
    assert parties == {"country:japan", "country:united-states"}
