"""How diplomatic news is written: trigger words and phrase shapes, compiled once.

All Chinese patterns run on the simplified-Chinese view of a sentence.
"""

from __future__ import annotations

import re

import ahocorasick

from kg.records import Mode

# Meeting verbs -> (mode, kind, directional). A directional verb takes its guest or
# recipient after it (A会见B, A致函B); a symmetric one lists both sides before it.
MEETING_TRIGGERS_ZH: list[tuple[str, Mode, str, bool]] = [
    (
        r"视频会晤|视频会见|视频会谈|视频会议|视频通话|视频连线|云会见|以视频方式(?:会见|会谈|会晤)",
        "video",
        "video_meeting",
        False,
    ),
    (r"通电话|通话|电话交谈|电话会谈|热线通话", "phone", "phone_call", False),
    (r"致函|致信|复信|复函|致贺信|致贺电|致电|致口信|致国书", "letter", "letter", True),
    (r"会谈|会晤|会面|见面|磋商|举行会议", "in_person", "talks", False),
    (r"会见|接见|拜会|拜见|礼节性拜会", "in_person", "meeting", True),
]

MEETING_TRIGGERS_EN: list[tuple[str, Mode, str, bool]] = [
    (
        r"held (?:a )?(?:video|virtual) (?:call|meeting|talks|conference)s?(?: with)?|"
        r"(?:in|via|by) (?:a )?video (?:link|call|conference)|virtual(?:ly)? met(?: with)?",
        "video",
        "video_meeting",
        False,
    ),
    (
        r"(?:spoke|talked|held (?:a )?(?:phone|telephone) (?:call|conversation|talks)) "
        r"(?:by|over the|on the|via) (?:tele)?phone|(?:had|held) (?:a )?(?:phone|telephone) "
        r"(?:call|conversation|talks) with|(?:phone|telephone) (?:call|conversation|talks) with|"
        r"\b(?:by|over the|on the) (?:tele)?phone\b|phone call|telephone conversation",
        "phone",
        "phone_call",
        False,
    ),
    (
        r"sent (?:a )?(?:congratulatory )?(?:letter|message) to|in a letter to|wrote to",
        "letter",
        "letter",
        True,
    ),
    (r"(?:held|holds|hold|holding) (?:talks|a meeting|consultations)(?: with)?", "in_person", "talks", False),
    (r"(?:met|meets|meeting) with|\bmet\b|\bmeets\b", "in_person", "meeting", True),
]

MEETING_ZH = [(re.compile(p), mode, kind, directional) for p, mode, kind, directional in MEETING_TRIGGERS_ZH]
MEETING_EN = [(re.compile(p, re.IGNORECASE), mode, kind, d) for p, mode, kind, d in MEETING_TRIGGERS_EN]

# "分别会见", "met separately with": one meeting per guest.
SEPARATELY = re.compile(r"分别|separately|respectively", re.I)

# "在会谈中指出": the talks are referred to, not reported.
MEETING_REFERENCE_ZH = re.compile(r"在(?:会谈|会见|会晤|通话|会面)(?:中|时)")

# "蔡奇、王毅参加会谈。" / "... attended the talks": attendees of the last meeting reported.
ATTENDEES_ZH = re.compile(
    r"(?:参加|出席|陪同|在座)(?:了)?(?:会谈|会见|会晤|会面|活动|上述活动|上述会见|会见和会谈|签字仪式|视频会晤)"
    r"[。；]?\s*$|(?:参加|出席)(?:了)?(?:上述|以上)?(?:会见|会谈|活动)"
)
ATTENDEES_EN = re.compile(
    r"\b(?:attended|were present at|were also present at|took part in) the (?:talks|meeting)", re.I
)

# Agreement triggers. STRONG ones make an agreement on their own; JOINT ones need a
# plural subject (双方, 两国, 中柬, X与Y ...).
AGREEMENT_STRONG_ZH = re.compile(
    r"一致同意|达成(?:了)?(?:重要|广泛|多项|新的)?(?:共识|一致|协议)|签署|签订|草签|商定|议定|决议|"
    r"作出(?:了)?[^，。；]{0,20}?(?:决定|决策)|决定|同意|发表(?:了)?[^，。；]{0,30}?联合声明|宣布建立|签字|交换(?:了)?[^，。；]{0,12}?文本"
)
# A joint action verb: "共同打击", "联合开展", "携手推进". Not "共同体", "共同利益", "联合国",
# nor joint words used as description ("在双方共同努力下", "共同引领").
AGREEMENT_JOINT_ZH = re.compile(
    r"(?:共同|联合|合力|携手|一道|一起)(?:来|去)?(?:全力)?"
    r"(?:打击|推动|推进|维护|建立|设立|开展|应对|加强|促进|纪念|签署|发起|建设|落实|制定|研究|举办|防范|铲除|"
    r"致力|实施|探讨|抵制|反对|捍卫|构建|努力(?!下)|做好|办好|用好|把握|保障|支持|遏制|整治|治理|规划|开发|投资)"
)
# The will of both sides, said before the joint verb: "中柬要共同", "双方将以共同", "希望双方共同".
JOINT_MODAL_ZH = re.compile(r"要|将|应|应当|应该|愿|愿意|同意|决定|一致|希望|决心|承诺|商定|约定")
# "中方愿同柬方一道", "柬方……愿同中方团结协作": one side's pledge, not an agreement.
ONE_SIDED_ZH = re.compile(r"(?:愿|愿意|将|希望|期待|准备)(?:继续|进一步)?(?:同|与|和|跟)")
QUOTED_ZH = re.compile(r"“[^”]{0,80}”|「[^」]{0,80}」|《[^》]{0,80}》")

AGREEMENT_EN = re.compile(
    r"\b(?:agreed|agree|signed|sign|inked|reached (?:an? )?(?:consensus|agreement|understanding)|"
    r"decided|pledged|vowed|committed|issued (?:a )?joint statement|adopted (?:a )?joint statement) (?:to )?",
    re.IGNORECASE,
)
PLURAL_SUBJECT_EN = re.compile(
    r"\b(?:(?:the two|both) (?:sides|countries|nations|governments|leaders|heads of state|presidents|"
    r"premiers|prime ministers|(?:foreign )?ministers|parties)|the parties|all parties|all sides)\b",
    re.I,
)

# A reporting clause before the content: "王毅也说，" "He said" — its speaker is not a party.
REPORTING_ZH = re.compile(r"(?:表示|指出|说|强调|提到|称|认为|介绍|宣布|希望|呼吁|谈到)[，,：:]")

PLURAL_SIDES_ZH = re.compile(r"双方|两国|两党|两军|彼此")
MULTI_SIDES_ZH = re.compile(r"各方|三方|四方|几方|[三四五六]国")


# Words without which no trigger above can match. Sentences with none of them only feed the
# context (which two sides '双方' means), so the costly steps skip them. One Aho-Corasick pass
# is several times faster than searching the trigger patterns themselves.
_HINT_LINES = (
    "会谈 会晤 会面 见面 磋商 会议 会见 接见 拜会 拜见 视频 电话 通话",
    "致函 致信 复信 复函 致贺 致电 致口信 致国书",
    "签署 签字 文本 签订 草签 商定 议定 决议 决定 决策 同意 达成 一致 联合 共同 合力 携手 一道 一起 宣布建立",
    "参加 出席 陪同 在座",
    "talks meet phone telephone video virtual letter wrote consultations",
    "agree sign inked joint consensus understanding decided pledged vowed committed attended",
)
# English words that are also parts of common words ("method", "department") keep their spaces.
_SPACED_HINTS = [" met ", " met,", " present ", "took part"]
_HINT_WORDS = [word for line in _HINT_LINES for word in line.split()] + _SPACED_HINTS
_HINTS = ahocorasick.Automaton()
for _word in _HINT_WORDS:
    _HINTS.add_word(_word, _word)
_HINTS.make_automaton()


def has_event_hint(text: str) -> bool:
    return next(_HINTS.iter(text.lower()), None) is not None
