"""Ingest: the seed articles and small articles written here come out as the article's paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import build_graph
from kg.ingest import discover, discover_articles, read_document
from kg.pipeline import extract_corpus
from kg.records import RawDocument, Skipped
from kg.sinks.jsonl import event_dicts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def read(path: Path) -> RawDocument:
    raw = read_document(path)
    assert isinstance(raw, RawDocument), raw
    return raw


def seed(prefix: str) -> RawDocument:
    return read(next(EXAMPLES.glob(f"{prefix}_*.txt")))


def test_discover_lists_the_seed_articles_in_order():
    paths, skipped = discover([EXAMPLES])
    assert [p.name[:3] for p in paths] == ["000", "001", "002", "003", "004"]
    assert skipped == []


def test_jekyll_post_with_html_yields_only_the_article_paragraphs():
    raw = seed("000")
    assert raw.fmt == "markdown"
    assert raw.title == "王毅：中柬共同打击网赌电诈和人口贩卖等违法活动"
    assert raw.url == "https://www.zaobao.com/realtime/china/story20240422-3478505"
    assert raw.author == "联合早报"
    assert raw.published_text is not None and raw.published_text.startswith("2024-04-22")
    lines = raw.text.split("\n")
    assert lines[0] == raw.title  # the title link line, as plain text
    assert (
        "中共政治局委员、中国外交部长王毅（左）星期天（4月21日）在金边同柬埔寨副首相兼外交大臣宋金达（右）举行会谈。（新华社）"
        in lines
    )
    assert "王毅同日也在金边与柬埔寨国王西哈莫尼会面。" in lines
    assert lines[-1].endswith("680余名嫌疑人已全部被从柬埔寨押解回中国。")
    for leftover in (
        "img",
        "dfp",
        "http",
        "layout:",
        "categories",
        "<",
        ">",
        "](",
        "------",
        "1713745985000",
    ):
        assert leftover not in raw.text


def test_markdown_images_links_bold_and_headings_become_plain_text():
    raw = seed("002")
    assert raw.fmt == "markdown"
    for leftover in ("![", "](", "**", "inews.gtimg.com", "# "):
        assert leftover not in raw.text
    lines = raw.text.split("\n")
    assert lines[0] == "严厉打击！王毅、陈文清接连提到这一问题，公安部已出手"
    assert "撰文 | 余晖" in lines
    # the converter's padding around bold is gone, and its wrapped lines are joined again
    assert "王毅表示，中方愿同泰方深化各领域合作，推动中老泰联通发展构想取得更多可视成果。" in lines
    assert any("地区国家的前列”“电信诈骗就是网络安全的漏洞之一" in line for line in lines)
    assert any(line.startswith("各方决定，在泰国清迈共同建立专项行动综合协调中心，并针对") for line in lines)


def test_plain_text_keeps_every_line_as_a_paragraph():
    raw = seed("004")
    assert raw.fmt == "text"
    assert raw.text.count("\n") == 12
    assert raw.text.startswith("國務(wù)委員、公安部部長趙克志")  # cleaning is normalize's job


def test_html_page_keeps_paragraphs_and_captions_and_drops_page_furniture(tmp_path: Path):
    page = tmp_path / "talks.html"
    page.write_text(
        """<!DOCTYPE html><html><head>
        <title>王毅同宋金达会谈 - 新闻网</title>
        <meta property="og:title" content="王毅同宋金达举行会谈">
        <meta property="article:published_time" content="2024-04-21T20:15:00+08:00">
        <link rel="canonical" href="https://news.example.org/2024/04/21/talks.html">
        <meta name="author" content="本网记者">
        <style>p { color: red }</style>
        </head><body>
        <header><a href="/">首页</a> 新闻网</header>
        <nav><ul><li>国际</li><li>国内</li></ul></nav>
        <article>
          <h1>王毅同宋金达举行会谈</h1>
          <figure><img src="photo.jpg" alt="照片说明文字">
            <figcaption>王毅（左）同宋金达（右）会谈。（新华社）</figcaption></figure>
          <p>据外交部网站消息，王毅星期天（4月21日）
             在金边同宋金达举行会谈。</p>
          <div class="share-buttons">分享到微信</div>
          <div id="dfp-ad-mid">广告内容</div>
          <p>双方同意共同打击网赌电诈。<br>这是第二段。</p>
          <section class="related-articles"><p>相关新闻：别的文章</p></section>
        </article>
        <aside>热门排行</aside>
        <footer>版权所有</footer>
        <script>var tracker = "跟踪代码";</script>
        </body></html>""",
        encoding="utf-8",
    )
    raw = read(page)
    assert raw.fmt == "html"
    assert raw.title == "王毅同宋金达举行会谈"
    assert raw.published_text == "2024-04-21T20:15:00+08:00"
    assert raw.url == "https://news.example.org/2024/04/21/talks.html"
    assert raw.author == "本网记者"
    assert raw.text.split("\n") == [
        "王毅同宋金达举行会谈",
        "王毅（左）同宋金达（右）会谈。（新华社）",
        "据外交部网站消息，王毅星期天（4月21日）在金边同宋金达举行会谈。",
        "双方同意共同打击网赌电诈。",
        "这是第二段。",
    ]


def test_html_date_from_time_element_when_no_meta(tmp_path: Path):
    page = tmp_path / "page.htm"
    page.write_text(
        '<html><body><p>Posted <time datetime="2025-02-12">Feb 12</time></p>'
        "<p>Wang Yi held talks with Maris Sangiampongsa.</p></body></html>",
        encoding="utf-8",
    )
    raw = read(page)
    assert raw.published_text == "2025-02-12"
    assert "Wang Yi held talks with Maris Sangiampongsa." in raw.text.split("\n")


def test_front_matter_that_is_not_valid_yaml_is_still_read(tmp_path: Path):
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Wang Yi: talks in Phnom Penh\ndate: 2024-04-21\nfrom: https://example.org/a\n---\n\n"
        "Wang Yi held talks with Sok Chenda Sok in Phnom Penh.\n",
        encoding="utf-8",
    )
    raw = read(post)
    assert raw.title == "Wang Yi: talks in Phnom Penh"
    assert raw.published_text == "2024-04-21"
    assert raw.url == "https://example.org/a"
    assert raw.text == "Wang Yi held talks with Sok Chenda Sok in Phnom Penh."


def test_markdown_lists_quotes_and_setext_headings(tmp_path: Path):
    post = tmp_path / "list.markdown"
    post.write_text(
        "Talks in Beijing\n================\n\n> Xi Jinping met Hun Sen.\n\n"
        '- China and Cambodia agreed to fight telecom fraud.\n- They signed [a plan](https://x.org/p "t").\n',
        encoding="utf-8",
    )
    raw = read(post)
    assert raw.text.split("\n") == [
        "Talks in Beijing",
        "Xi Jinping met Hun Sen.",
        "China and Cambodia agreed to fight telecom fraud.",
        "They signed a plan.",
    ]


ZH_HANS = "外交部长王毅同泰国副总理兼外长敦举行会谈。双方一致同意共同打击电信诈骗。"
ZH_HANT = (
    "國務委員、公安部部長趙克志與柬埔寨副首相兼內政大臣薩肯出席視頻會晤和簽字儀式。雙方同意繼續推進執法合作。"
)


@pytest.mark.parametrize(
    ("text", "encoding", "reported"),
    [
        (ZH_HANS * 3, "gb18030", "gb18030"),
        (ZH_HANS * 3, "gbk", "gb18030"),
        (ZH_HANT * 3, "big5", "big5"),
        (ZH_HANT * 3, "utf-8-sig", "utf-8-sig"),
        (ZH_HANS, "utf-16", "utf-16"),
        (ZH_HANS, "utf-8", "utf-8"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, text: str, encoding: str, reported: str):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    raw = read(path)
    assert raw.text == text
    assert raw.encoding == reported


def test_utf8_with_a_few_broken_bytes_is_read_as_utf8(tmp_path: Path):
    path = tmp_path / "cut.txt"
    good = (ZH_HANS * 4).encode("utf-8")
    path.write_bytes(good[:50] + b"\xe4\xb8" + good[50:])  # a character cut in half
    raw = read(path)
    assert raw.encoding.startswith("utf-8")
    assert "双方一致同意共同打击电信诈骗" in raw.text


def test_discover_walks_folders_in_order_and_reports_other_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in (
        "b/2.md",
        "a/deep/1.html",
        "a/0.txt",
        "z.htm",
        "y.markdown",
        ".git/config.txt",
        ".hidden.md",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "a" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    paths, skipped = discover([tmp_path, tmp_path / "z.htm"])
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "a/0.txt",
        "a/deep/1.html",
        "b/2.md",
        "y.markdown",
        "z.htm",
    ]
    assert [(Path(s.path).name, "'.png'" in s.reason) for s in skipped] == [("photo.png", True)]


def test_discover_is_deterministic_and_reads_explicit_files_whatever_their_suffix(tmp_path: Path):
    note = tmp_path / "article.text"
    note.write_text("王毅同宋金达举行会谈。", encoding="utf-8")
    paths, skipped = discover([note, note, tmp_path / "missing.md"])
    assert paths == [note]
    assert [(s.path, s.reason) for s in skipped] == [
        (str(tmp_path / "missing.md"), "no such file or directory")
    ]
    assert read(note).text == "王毅同宋金达举行会谈。"
    assert discover([tmp_path]) == discover([tmp_path])
    assert isinstance(read_document(tmp_path / "missing.md"), Skipped)


def test_markdown_without_blank_lines_keeps_one_paragraph_per_line(tmp_path: Path):
    post = tmp_path / "scraped.md"
    post.write_text(
        "**就上合组织演习赵克志致函吉约索夫**\n国务委员赵克志日前致函吉约索夫。\n", encoding="utf-8"
    )
    assert read(post).text.split("\n") == [
        "就上合组织演习赵克志致函吉约索夫",
        "国务委员赵克志日前致函吉约索夫。",
    ]


def test_markdown_wrapped_lines_join_without_spaces_between_chinese_characters(tmp_path: Path):
    post = tmp_path / "wrapped.md"
    post.write_text(
        "# 标题\n\n双方同意，加强合作\n共同打击电信诈骗。\n\nThe two sides\nagreed.\n", encoding="utf-8"
    )
    assert read(post).text.split("\n") == [
        "标题",
        "双方同意，加强合作共同打击电信诈骗。",
        "The two sides agreed.",
    ]


def _page(title: str, published: str, body: str) -> str:
    return (
        f'<!doctype html><html><head><title>{title}</title><meta name="date" content="{published}">'
        f"</head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def test_an_article_is_named_by_its_path_under_the_folder_given(tmp_path: Path):
    (tmp_path / "news" / "asia").mkdir(parents=True)
    (tmp_path / "news" / "asia" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "top.md").write_text("x", encoding="utf-8")

    articles, _ = discover_articles([tmp_path / "news", tmp_path / "top.md"])

    assert [a.name for a in articles] == ["asia/index.html", "top.md"]


def test_two_folders_given_with_the_same_file_name_keep_two_names(tmp_path: Path):
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(folder, encoding="utf-8")

    articles, _ = discover_articles([tmp_path / "monday", tmp_path / "tuesday"])

    assert [a.name for a in articles] == [
        (tmp_path / "monday" / "index.html").as_posix(),
        (tmp_path / "tuesday" / "index.html").as_posix(),
    ]


def test_two_index_pages_in_two_folders_are_two_articles_with_their_own_evidence(tmp_path: Path):
    pages = {
        "cambodia/index.html": ("王毅同宋金达会谈", "2024-04-22", "王毅4月21日在金边同宋金达举行会谈。"),
        "senate/index.html": ("王毅同洪森通电话", "2024-05-07", "王毅5月6日同洪森通电话。"),
    }
    for name, page in pages.items():
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(_page(*page), encoding="utf-8")

    def own_words(name: str, sentence: str) -> bool:
        title, _, body = pages[name]
        return sentence in (title, body)

    corpus = extract_corpus([tmp_path])
    graph = build_graph(corpus)
    events = list(event_dicts(corpus.meetings, corpus.agreements, corpus.actors))

    assert sorted(d.name for d in corpus.documents) == sorted(pages)
    meetings = [e for e in events if e["kind"] == "meeting"]
    assert sorted(e["doc"] for e in meetings) == sorted(pages)
    assert all(own_words(s["doc"], s["sentence"]) for e in meetings for s in e["sources"])
    articles = {n: d for n, d in graph.nodes(data=True) if d["label"] == "Article"}
    assert sorted(d["name"] for d in articles.values()) == sorted(pages)
    for article, data in articles.items():
        assert Path(data["path"]) == tmp_path / data["name"]
        reported = [graph.edges[e]["sentence"] for e in graph.out_edges(article, keys=True)]
        assert reported and all(own_words(data["name"], sentence) for sentence in reported)
    again = build_graph(extract_corpus([tmp_path]))
    assert set(articles) == {n for n, d in again.nodes(data=True) if d["label"] == "Article"}


def test_discover_reads_a_linked_file_once_and_does_not_enter_linked_folders(tmp_path: Path):
    news = tmp_path / "news"
    (news / "asia").mkdir(parents=True)
    (news / "asia" / "talks.md").write_text("Wang Yi met Lee Jae-myung.", encoding="utf-8")
    (news / "again.md").symlink_to(news / "asia" / "talks.md")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "other.md").write_text("Xi Jinping met Lula.", encoding="utf-8")
    (news / "linked_folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)

    articles, skipped = discover_articles([news, news / "asia" / "talks.md"])

    assert [a.name for a in articles] == ["again.md"], "one file under two names is one article"
    assert skipped == []
