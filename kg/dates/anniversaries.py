"""Founding years behind the anniversaries news marks (`新中国成立75周年` is 1949 + 75 = 2024).

Public facts, kept small: events Chinese diplomatic news commemorates, and the years the
People's Republic of China established diplomatic relations with the countries of the region
and its main partners."""

from __future__ import annotations

import re

EVENTS_ZH: list[tuple[str, int]] = [
    (r"中国共产党成立|中国共产党的成立|中共成立|建党", 1921),
    (r"中国人民解放军建军|建军", 1927),
    (r"(?:中国人民)?抗日战争(?:暨世界反法西斯战争)?胜利|世界反法西斯战争胜利|二战胜利|第二次世界大战胜利"
     r"|抗战胜利|联合国成立", 1945),
    (r"新中国成立|中华人民共和国成立|共和国成立", 1949),
    (r"和平共处五项原则", 1954),
    (r"万隆会议", 1955),
    (r"东盟成立", 1967),
    (r"日韩邦交正常化|日韩建交|韩日建交|韩日邦交正常化", 1965),
    (r"越柬建交|柬越建交|越南(?:同|与|和)柬埔寨建交", 1967),
    (r"越老建交|老越建交|越南(?:同|与|和)老挝建交", 1962),
    (r"老挝(?:人民民主共和国)?国庆|老挝人民民主共和国成立", 1975),
    (r"越南(?:社会主义共和国)?国庆|越南民主共和国成立", 1945),
    (r"柬埔寨(?:王国)?(?:国庆|独立)", 1953),
    (r"东盟[—-]?欧盟对话关系|东盟(?:同|与)欧盟建立对话关系", 1977),
    (r"改革开放", 1978),
    (r"中国[—-]?东盟(?:建立)?对话关系|中国同东盟建立对话关系", 1991),
    (r"香港回归", 1997),
    (r"澳门回归", 1999),
    (r"中非合作论坛", 2000),
    (r"上海合作组织成立|上合组织成立|中国加入世贸组织|中国加入世界贸易组织", 2001),
    (r"[“\"]?一带一路[”\"]?倡议", 2013),
    (r"澜湄合作", 2016),
]

RELATIONS_ZH: dict[str, int] = {
    "俄": 1949, "俄罗斯": 1949, "苏": 1949, "朝": 1949, "朝鲜": 1949,
    "越": 1950, "越南": 1950, "缅": 1950, "缅甸": 1950, "印": 1950, "印度": 1950, "印尼": 1950,
    "印度尼西亚": 1950, "巴基斯坦": 1951, "尼泊尔": 1955, "斯里兰卡": 1957,
    "柬": 1958, "柬埔寨": 1958, "老": 1961, "老挝": 1961,
    "法": 1964, "法国": 1964, "日": 1972, "日本": 1972, "德": 1972, "德国": 1972, "英": 1972, "英国": 1972,
    "马": 1974, "马来西亚": 1974, "巴西": 1974, "泰": 1975, "泰国": 1975, "菲": 1975, "菲律宾": 1975,
    "欧": 1975, "欧盟": 1975, "美": 1979, "美国": 1979, "新": 1990, "新加坡": 1990, "文莱": 1991,
    "韩": 1992, "韩国": 1992, "哈": 1992, "哈萨克斯坦": 1992, "东帝汶": 2002,
}

EVENTS_EN: list[tuple[str, int]] = [
    (r"founding of the (?:Communist Party of China|CPC)", 1921),
    (r"founding of the (?:Chinese People's Liberation Army|PLA)", 1927),
    (r"victory of the (?:Chinese People's War of Resistance|World Anti-Fascist War)|end of World War II"
     r"|victory (?:in|of) World War II|founding of the United Nations", 1945),
    (r"founding of (?:the People's Republic of China|the PRC|New China)", 1949),
    (r"Five Principles of Peaceful Coexistence", 1954),
    (r"ASEAN-EU Dialogue Relations", 1977),
    (r"Japan-(?:South )?Korea(?:n)? (?:diplomatic relations|diplomatic ties|normali[sz]ation)", 1965),
    (r"Vietnam-Cambodia diplomatic (?:relations|ties)", 1967),
    (r"Vietnam-Laos diplomatic (?:relations|ties)", 1962),
    (r"Lao National Day|founding of the Lao PDR", 1975),
    (r"Bandung Conference", 1955),
    (r"reform and opening[- ]up", 1978),
    (r"founding of the (?:Shanghai Cooperation Organization|SCO)", 2001),
    (r"Belt and Road Initiative", 2013),
    (r"Lancang-Mekong Cooperation", 2016),
]

RELATIONS_EN: dict[str, int] = {
    "Russia": 1949, "Vietnam": 1950, "Myanmar": 1950, "India": 1950, "Indonesia": 1950, "Pakistan": 1951,
    "Sri Lanka": 1957, "Cambodia": 1958, "Laos": 1961, "France": 1964, "Japan": 1972, "Germany": 1972,
    "Malaysia": 1974,
    "Brazil": 1974, "Thailand": 1975, "the Philippines": 1975, "Philippines": 1975,
    "the EU": 1975, "EU": 1975,
    "the United States": 1979, "US": 1979, "U.S.": 1979, "Singapore": 1990, "Brunei": 1991,
    "South Korea": 1992, "the ROK": 1992, "ROK": 1992, "Kazakhstan": 1992,
}


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


EVENT_ZH = re.compile("|".join(f"(?P<e{i}>{pattern})" for i, (pattern, _) in enumerate(EVENTS_ZH)))
RELATION_ZH = re.compile(
    rf"中(?:国)?(?:同|与|和)?(?P<c>{_alternation(RELATIONS_ZH)})(?:两国)?(?:建交|建立外交关系|邦交正常化)"
    rf"|(?P<c2>{_alternation(RELATIONS_ZH)})中(?:建交|邦交正常化)"
)
EVENT_EN = re.compile("|".join(f"(?P<e{i}>{pattern})" for i, (pattern, _) in enumerate(EVENTS_EN)), re.I)
RELATION_EN = re.compile(
    rf"diplomatic (?:relations|ties) between China and (?P<c>{_alternation(RELATIONS_EN)})"
    rf"|China-(?P<c2>{_alternation(RELATIONS_EN)}) diplomatic (?:relations|ties)"
)


def founding_year_zh(clause: str) -> tuple[int, str] | None:
    """The founding year of the last commemorated event named in a Chinese clause, with its name."""
    return _last(clause, EVENT_ZH, EVENTS_ZH, RELATION_ZH, RELATIONS_ZH)


def founding_year_en(phrase: str) -> tuple[int, str] | None:
    return _last(phrase, EVENT_EN, EVENTS_EN, RELATION_EN, RELATIONS_EN)


def _last(text: str, events: re.Pattern[str], table: list[tuple[str, int]], relations: re.Pattern[str],
          countries: dict[str, int]) -> tuple[int, str] | None:
    best: tuple[int, int, str] | None = None
    for m in events.finditer(text):
        year = table[int((m.lastgroup or "e0")[1:])][1]
        best = (m.start(), year, m.group()) if best is None or m.start() >= best[0] else best
    for m in relations.finditer(text):
        year = countries[m.group("c") or m.group("c2")]
        best = (m.start(), year, m.group()) if best is None or m.start() >= best[0] else best
    return None if best is None else (best[1], best[2])
