"""The actor dictionary: one id per real actor across scripts, and names found exactly in text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel import Locale
from typer.testing import CliRunner

from kg.actors import ActorDictionary, NameHit
from kg.names import to_simplified
from kg.resources import data_dir

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def _ids(dictionary: ActorDictionary, *names: str) -> set[str | None]:
    return {actor.id if (actor := dictionary.lookup(n)) else None for n in names}


def _found(dictionary: ActorDictionary, text: str) -> list[tuple[str, str, str]]:
    return [(h.surface, h.actor_id, h.kind) for h in dictionary.find(to_simplified(text))]


@pytest.mark.parametrize(
    ("names", "actor_id"),
    [
        (["王毅", "Wang Yi", "wang yi", "WANG YI"], "person:wang-yi"),
        (["習近平", "习近平", "Xi Jinping", "習主席"], "person:xi-jinping"),
        (["川普", "特朗普", "Trump", "Donald Trump", "唐納·川普"], "person:donald-trump"),
        (["普京", "普丁", "Vladimir Putin", "Putin"], "person:vladimir-putin"),
        (["宋金达", "宋金達", "Sok Chenda Sok"], "person:sok-chenda-sok"),
        (["趙克志", "赵克志", "Zhao Kezhi"], "person:zhao-kezhi"),
        (["薩肯", "萨肯", "Sar Kheng"], "person:sar-kheng"),
        (["洪玛奈", "洪馬奈", "Hun Manet"], "person:hun-manet"),
        (["寮國", "老撾", "老挝", "Laos", "Lao PDR", "Lao", "Laotian", "老方"], "country:laos"),
        (["柬埔寨", "柬方", "Cambodian", "Kingdom of Cambodia", "柬"], "country:cambodia"),
        (["缅甸", "緬甸", "缅方", "Burma", "Burmese", "Myanmar's", "Myanmar"], "country:myanmar"),
        (["中国", "中華人民共和國", "中方", "我国", "Chinese", "PRC"], "country:china"),
        (["韩国", "南韓", "韩方", "Republic of Korea", "South Korea"], "country:south-korea"),
        (["朝鲜", "北韓", "朝方", "DPRK"], "country:north-korea"),
        (["东盟", "東協", "亚细安", "亞細安", "ASEAN"], "org:asean"),
        (["上海合作组织", "上合组织", "上合組織", "SCO"], "org:sco"),
        (["中国共产党", "中國共產黨", "中國共産黨", "中共", "CPC"], "org:communist-party-of-china"),
        (["柬埔寨人民党", "柬埔寨人民黨", "Cambodian People's Party"], "org:cambodian-peoples-party"),
        (["公安部", "中华人民共和国公安部", "中國公安部"], "org:ministry-of-public-security-china"),
    ],
)
def test_every_spelling_of_an_actor_resolves_to_one_id(dictionary, names, actor_id):
    assert _ids(dictionary, *names) == {actor_id}


def test_every_cldr_country_resolves_in_every_script(dictionary):
    hand = yaml.safe_load((data_dir() / "actors" / "countries.yaml").read_text(encoding="utf-8"))
    skipped = set(hand["not_countries"])
    names = {loc: Locale.parse(loc).territories for loc in ("en", "zh_Hans", "zh_Hant", "zh_Hant_HK")}
    codes = [c for c in names["en"] if len(c) == 2 and c.isalpha() and c not in skipped]
    assert len(codes) > 240
    for code in codes:
        spellings = {names[loc][code] for loc in names if code in names[loc]}
        resolved = _ids(dictionary, *spellings)
        assert len(resolved) == 1 and None not in resolved, (code, spellings, resolved)
        assert dictionary.actors[resolved.pop()].type == "Country"


def test_actors_have_english_names_and_known_countries(dictionary):
    people = dictionary.by_kind("Person")
    assert len(people) >= 150
    for actor in dictionary.actors.values():
        assert actor.name_en, actor.id
        assert actor.name_zh_hans and actor.name_zh_hant, actor.id
        if actor.country is not None:
            assert actor.country in dictionary.actors, actor.id
    for person in people:
        assert person.country is not None, person.id
    national = {"org:ministry-of-public-security-china", "org:royal-thai-police", "org:myanmar-police-force",
                "org:ministry-of-interior-cambodia", "org:ministry-of-public-security-laos"}
    assert {dictionary.actors[o].country for o in national} == {
        "country:china", "country:thailand", "country:myanmar", "country:cambodia", "country:laos"}


def test_shared_forms_are_only_the_declared_ones(dictionary):
    declared = yaml.safe_load((data_dir() / "actors" / "ambiguous.yaml").read_text(encoding="utf-8")) or {}
    undeclared = {k: v for k, v in dictionary.ambiguous.items() if k not in declared}
    assert undeclared == {}


def test_abbreviation_table_points_at_known_actors(dictionary):
    assert dictionary.country_of_abbrev("柬") == "country:cambodia"
    assert dictionary.country_of_abbrev("巴") == "country:pakistan"
    assert dictionary.country_of_abbrev("老") == "country:laos"
    assert dictionary.country_of_abbrev("国") is None
    table = yaml.safe_load((data_dir() / "actors" / "abbreviations.yaml").read_text(encoding="utf-8"))
    for unit in table["units"]:
        assert dictionary.country_of_abbrev(unit) in dictionary.actors, unit


def test_names_found_in_a_seed_sentence():
    dictionary = ActorDictionary.load()
    text = "中国外交部长王毅在与柬埔寨副首相兼外交大臣宋金达会谈时表示，中柬要共同打击网赌电诈等违法活动。"
    hits = dictionary.find(text)
    assert [(h.surface, h.actor_id) for h in hits if h.kind == "name"] == [
        ("中国外交部", "org:ministry-of-foreign-affairs-china"),
        ("王毅", "person:wang-yi"),
        ("柬埔寨", "country:cambodia"),
        ("宋金达", "person:sok-chenda-sok"),
    ]
    start = text.index("中柬")
    assert [h for h in hits if h.kind == "abbrev"] == [
        NameHit(start, start + 1, "中", "country:china", "abbrev"),
        NameHit(start + 1, start + 2, "柬", "country:cambodia", "abbrev"),
    ]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动中老泰联通发展构想", ["country:china", "country:laos", "country:thailand"]),
        ("柬中命运共同体符合双方共同利益", ["country:cambodia", "country:china"]),
        ("中泰缅老四国警方", ["country:china", "country:thailand", "country:myanmar", "country:laos"]),
        ("其中美俄关系也在变化", ["country:united-states", "country:russia"]),
        ("今日中美关系面临挑战", ["country:china", "country:united-states"]),
        ("俄乌冲突持续", ["country:russia", "country:ukraine"]),
        ("中吉乌铁路开工", ["country:china", "country:kyrgyzstan", "country:uzbekistan"]),
        ("其中心任务是发展", []),
        ("维护中心地位", []),
        ("他们中老年人居多", []),
        ("日新月异的变化", []),
        ("新老交替已经完成", []),
        ("要弘扬美德", []),
        ("中英文版本", []),
    ],
)
def test_country_compounds_only_where_they_are_compounds(dictionary, text, expected):
    assert [h.actor_id for h in dictionary.find(text) if h.kind == "abbrev"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中方愿同柬方一道", [("中方", "country:china", "side"), ("柬方", "country:cambodia", "side")]),
        ("采用新方法和老方案，道德方面", []),
        ("中方可以提供帮助", [("中方", "country:china", "side")]),
        ("请柬已经发出", []),
        ("柬最信任的朋友", [("柬", "country:cambodia", "abbrev")]),
        ("在伦敦会见", []),
        ("王毅和敦会谈",
         [("王毅", "person:wang-yi", "name"), ("敦", "person:don-pramudwinai", "context_only")]),
        ("日韩正式建交", [("日", "country:japan", "abbrev"), ("韩", "country:south-korea", "abbrev")]),
        ("他信任这个人", []),
        ("内蒙古自治区", []),
    ],
)
def test_side_forms_and_short_names_in_context(dictionary, text, expected):
    assert _found(dictionary, text) == expected


def test_english_names_on_word_boundaries_and_case(dictionary):
    text = (
        "Chinese Foreign Minister Wang Yi met Cambodian Deputy Prime Minister Sok Chenda Sok. "
        "The US told us; Laotian and Lao officials; turkey and Turkey; a USB stick."
    )
    found = _found(dictionary, text)
    assert found == [
        ("Chinese", "country:china", "adjective"),
        ("Wang Yi", "person:wang-yi", "name"),
        ("Cambodian", "country:cambodia", "adjective"),
        ("Sok Chenda Sok", "person:sok-chenda-sok", "name"),
        ("US", "country:united-states", "name"),
        ("Laotian", "country:laos", "adjective"),
        ("Lao", "country:laos", "adjective"),
        ("Turkey", "country:turkiye", "name"),
    ]
    assert _found(dictionary, "Xi Jinping met Hun Sen; Xi said") == [
        ("Xi Jinping", "person:xi-jinping", "name"),
        ("Hun Sen", "person:hun-sen", "name"),
        ("Xi", "person:xi-jinping", "short"),
    ]


def test_the_seed_articles_name_the_people_in_them(dictionary):
    def ids_in(name: str) -> set[str]:
        # Seed 004 glues pinyin to characters (內(nèi)政部); the normalizer strips it before matching.
        raw = (EXAMPLES / name).read_text("utf-8")
        text = to_simplified(re.sub(r"(?<=[\u4e00-\u9fff])\([a-zàáǎèéěìíǐòóǒùúǔüǖǘǚǜ]+\)", "", raw))
        return {h.actor_id for h in dictionary.find(text)}

    assert {"person:xi-jinping", "person:hun-sen", "org:cambodian-peoples-party",
            "org:communist-party-of-china", "country:cambodia", "org:asean"}.issubset(
        ids_in("003_a0a0f59d0ea457fc.txt")
    )
    assert {"person:zhao-kezhi", "person:sar-kheng", "person:wang-wentian", "person:wang-xiaohong",
            "person:luo-zhaohui", "person:deng-li", "person:neth-savoeun", "person:khek-caimealy-sysoda",
            "person:jumakhon-giyosov", "org:sco-rats", "org:ministry-of-interior-cambodia",
            "org:ministry-of-public-security-china"} <= ids_in("004_49f9c83db72c5203.txt")
    assert {"person:wang-yi", "person:chen-wenqing", "person:don-pramudwinai", "country:thailand",
            "country:myanmar"} <= ids_in("002_54619307483b616e.txt")


def test_title_vocabulary_holds_the_titles_of_diplomatic_news(dictionary):
    vocabulary = dictionary.title_vocabulary()
    for title in ["外交部长", "外长", "副首相兼外交大臣", "国务委员", "公安部部长", "国家主席", "总书记",
                  "首相", "大使", "参议院主席", "内政大臣", "警察总监", "执委会主任", "部长助理",
                  "常务副部长",
                  "President", "Prime Minister", "Foreign Minister", "State Councilor", "Ambassador", "King"]:
        assert title in vocabulary, title
    assert vocabulary.index("副首相兼外交大臣") < vocabulary.index("外交大臣")


def test_kg_actors_shows_how_a_name_resolves():
    import kg.cli.actors_cmd  # noqa: F401  (registers the command)
    from kg.cli.app import app

    runner = CliRunner()
    result = runner.invoke(app, ["actors", "習近平"])
    assert result.exit_code == 0
    assert "person:xi-jinping" in result.output and "Xi Jinping" in result.output
    assert "国家主席" in result.output
    result = runner.invoke(app, ["actors", "中柬"])
    assert result.exit_code == 0 and "country:china" in result.output and "country:cambodia" in result.output
    result = runner.invoke(app, ["actors", "无名氏先生"])
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("sentences", "people"),
    [
        (["越南政府总理阮晋勇会见了老挝国家主席朱马里·赛雅颂。",
          "越南政府總理阮晉勇會見了寮國國家主席朱馬里·賽雅頌。",
          "Vietnamese Prime Minister Nguyen Tan Dung met Lao President Choummaly Sayasone."],
         {"person:nguyen-tan-dung", "person:choummaly-sayasone"}),
        (["泰国总理阿披实会见了柬埔寨副首相兼外交大臣贺南洪。",
          "泰國總理阿披實會見了柬埔寨副首相兼外交大臣賀南洪。",
          "Thai Prime Minister Abhisit Vejjajiva met Cambodian Foreign Minister Hor Namhong."],
         {"person:abhisit-vejjajiva", "person:hor-namhong"}),
        (["日本首相野田佳彦与韩国总统李明博举行会谈。",
          "日本首相野田佳彥與南韓總統李明博舉行會談。",
          "Japanese Prime Minister Yoshihiko Noda held talks with South Korean President Lee Myung-bak."],
         {"person:yoshihiko-noda", "person:lee-myung-bak"}),
        (["美国国务卿希拉里·克林顿会见了印度外长克里希纳。",
          "美國國務卿希拉蕊·柯林頓會見了印度外長克里希納。",
          "US Secretary of State Hillary Clinton met Indian External Affairs Minister S. M. Krishna."],
         {"person:hillary-clinton", "person:s-m-krishna"}),
        (["外交部长吴钊燮会见了菲律宾国防部长洛伦扎纳。",
          "外交部長吳釗燮會見了菲律賓國防部長洛倫扎納。",
          "Foreign Minister Joseph Wu met Philippine Defense Secretary Delfin Lorenzana."],
         {"person:joseph-wu", "person:delfin-lorenzana"}),
        (["澳门特区行政长官崔世安会见了欧盟委员会主席容克。",
          "澳門特區行政長官崔世安會見了歐盟委員會主席榮克。",
          "Macao Chief Executive Fernando Chui met European Commission President Jean-Claude Juncker."],
         {"person:fernando-chui", "person:jean-claude-juncker"}),
    ],
)
def test_leaders_resolve_to_one_id_in_every_script(dictionary, sentences, people):
    for sentence in sentences:
        hits = dictionary.find(to_simplified(sentence))
        found = {h.actor_id for h in hits if h.actor_id.startswith("person:")}
        assert found == people, sentence


@pytest.mark.parametrize(
    ("names", "actor_id"),
    [
        (["岸田文雄", "Fumio Kishida", "Kishida Fumio"], "person:fumio-kishida"),
        (["范明政", "范明正", "Pham Minh Chinh", "Phạm Minh Chính"], "person:pham-minh-chinh"),
        (["宋金达", "Sok Chenda Sophea", "索克·陈达·索菲亚"], "person:sok-chenda-sok"),
        (["赛宋蓬·丰威汉", "賽宋蓬·豐威漢", "Saysomphone Phomvihane"], "person:saysomphone-phomvihane"),
        (["小布什", "小布希", "George W. Bush"], "person:george-w-bush"),
    ],
)
def test_spelling_variants_of_leaders(dictionary, names, actor_id):
    assert _ids(dictionary, *names) == {actor_id}


@pytest.mark.parametrize("text", ["中方主张和平解决争端", "感谢辛勤工作的人们", "俄罗斯与克里米亚",
                                  "一片汪洋大海"])
def test_leader_names_inside_common_words_are_no_names(dictionary, text):
    hits = dictionary.find(text)
    people = [h for h in hits if h.actor_id.startswith("person:") and h.kind in ("name", "short")]
    assert people == []
