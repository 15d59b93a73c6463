"""Ingest: find article files, read and decode them, and turn their markup into plain paragraphs.

`read_document` never raises: a file that cannot be read becomes a `Skipped` with a
one-line reason, so one bad file never stops a corpus. `RawDocument.text` holds one
paragraph per line, markup gone, but otherwise as written (normalize cleans it).
"""

from __future__ import annotations

import logging
import os
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from kg.records import ArticleFile, RawDocument, Skipped
from kg.text.decode import NotText, decode_bytes
from kg.text.frontmatter import BrokenFrontMatter, FrontMatter, split_front_matter
from kg.text.html import PARAGRAPH_BREAK, html_meta, html_text, looks_like_html, parse_html
from kg.text.markdown import join_wrapped, markdown_paragraphs, strip_markdown_inline, text_paragraphs

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".txt"})
MAX_BYTES = 20_000_000
"""Larger files are refused unread: no news article is this big, and reading it would cost memory."""

Format = Literal["markdown", "html", "text"]
log = logging.getLogger(__name__)


def discover(inputs: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """The paths of `discover_articles`, and the files passed over."""
    articles, skipped = discover_articles(inputs)
    return [article.path for article in articles], skipped


def discover_articles(inputs: Sequence[Path]) -> tuple[list[ArticleFile], list[Skipped]]:
    """Article files under `inputs` (files and directories, recursively), in a stable order,
    each with its name, and the files that were passed over, with why.

    Directories yield their files with an article suffix, sorted by path; other files in them
    are reported as skipped (hidden files and folders are ignored). A file named explicitly
    is always read, whatever its suffix.

    An article's name is its POSIX path relative to the folder it was found in, or its basename
    when it was given as a file: two `index.html` in two subfolders are two articles. Should
    two folders given yield the same relative name, those files are named by their paths as
    given, so a name never stands for two files."""
    articles: list[ArticleFile] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path, name: str, real: Path) -> None:
        if real not in seen:
            seen.add(real)
            articles.append(ArticleFile(path, name))

    for given in inputs:
        path = Path(given)
        if path.is_dir():
            real_root = path.resolve()
            for found, relative, linked in _walk(path):
                if found.suffix.lower() in ARTICLE_SUFFIXES:
                    add(found, relative, found.resolve() if linked else real_root / relative)
                else:
                    skipped.append(Skipped(str(found), _unsupported(found)))
        elif path.is_file():
            add(path, path.name, path.resolve())
        elif path.exists():
            skipped.append(Skipped(str(path), "not a regular file or directory"))
        else:
            skipped.append(Skipped(str(path), "no such file or directory"))
    return _unique_names(articles), skipped


def _unique_names(articles: list[ArticleFile]) -> list[ArticleFile]:
    uses = Counter(article.name for article in articles)
    return [a if uses[a.name] == 1 else ArticleFile(a.path, a.path.as_posix()) for a in articles]


def _walk(root: Path) -> list[tuple[Path, str, bool]]:
    """The files under `root` (hidden ones and hidden folders left out; linked folders not
    entered), each with its POSIX path relative to `root` and whether it is a symbolic link:
    any other file's real path is the real root's joined with the relative path."""
    found: list[tuple[list[str], Path, bool]] = []
    folders: list[tuple[str, list[str]]] = [(str(root), [])]
    while folders:
        folder, parts = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    if not entry.is_symlink():
                        folders.append((entry.path, [*parts, entry.name]))
                else:
                    found.append(([*parts, entry.name], Path(entry.path), entry.is_symlink()))
    found.sort(key=lambda item: item[0])
    return [(path, "/".join(parts), linked) for parts, path, linked in found]


def _unsupported(path: Path) -> str:
    kind = f"'{path.suffix}'" if path.suffix else "no suffix"
    return f"not an article file ({kind}; articles are {', '.join(sorted(ARTICLE_SUFFIXES))})"


def read_document(
    path: Path, *, name: str | None = None, max_bytes: int = MAX_BYTES, data: bytes | Skipped | None = None
) -> RawDocument | Skipped:
    """The decoded article at `path` (named `name`, by default its basename), or why it cannot be used.
    `data`: what read_bytes(path) gave, when the file was read elsewhere (for a remote worker)."""
    try:
        if data is None:
            data = read_bytes(path, max_bytes)
        if isinstance(data, Skipped):
            return data
        return parse_document(data, path=path, name=name)
    except NotText as exc:
        return Skipped(str(path), str(exc))
    except BrokenFrontMatter as exc:
        return Skipped(str(path), f"broken front matter: {exc}")
    except Exception as exc:  # one malformed file must never stop the corpus
        reason = f"could not be read: {type(exc).__name__}: {exc}".splitlines()[0]
        return Skipped(str(path), reason, traceback="".join(traceback.format_exception(exc)))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes | Skipped:
    """The bytes of one article file, or why they cannot be used (too large, empty, unreadable)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return Skipped(str(path), "not a regular file")
        if size > max_bytes:
            return Skipped(
                str(path), f"too large: {_megabytes(size)}, over the {_megabytes(max_bytes)} limit"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except FileNotFoundError:
        return Skipped(str(path), "no such file")
    except PermissionError:
        return Skipped(str(path), "permission denied")
    except OSError as exc:
        return Skipped(str(path), f"cannot be read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Skipped(str(path), f"too large: over the {_megabytes(max_bytes)} limit")
    if not data:
        return Skipped(str(path), "empty file")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def parse_document(data: bytes, *, path: Path, name: str | None = None) -> RawDocument | Skipped:
    """Decode and de-markup the bytes of one article (raises NotText / BrokenFrontMatter)."""
    text, encoding = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Skipped(str(path), "only whitespace, no text")
    suffix = path.suffix.lower()
    split = split_front_matter(text)
    front, body = split if split else (FrontMatter(), text)
    if front.problem:
        log.warning("%s: %s", path, front.problem)
    fmt: Format
    if suffix in (".html", ".htm") or (split is None and _is_html_page(body)):
        fmt = "html"
        paragraphs, front = _html_paragraphs(body)
    else:
        markdown = suffix in (".md", ".markdown") or split is not None or _looks_like_markdown(body)
        fmt = "markdown" if markdown else "text"
        if looks_like_html(body):
            body = html_text(parse_html(body)).replace(PARAGRAPH_BREAK, "\n\n")
        paragraphs = markdown_paragraphs(strip_markdown_inline(body)) if markdown else text_paragraphs(body)
    paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        what = (
            "the HTML holds no article text (only markup, scripts or navigation)"
            if fmt == "html"
            else ("no article text left after removing markup")
        )
        return Skipped(str(path), what)
    return RawDocument(
        path=str(path),
        name=name or path.name,
        text="\n".join(paragraphs),
        fmt=fmt,
        title=front.title,
        url=front.url,
        author=front.author,
        published_text=front.date,
        encoding=encoding,
    )


def _is_html_page(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4000].lower()


def _html_paragraphs(html: str) -> tuple[list[str], FrontMatter]:
    tree = parse_html(html)
    meta = html_meta(tree, html)
    blocks = html_text(tree).split(PARAGRAPH_BREAK)
    paragraphs = [join_wrapped(block) for block in blocks]
    return paragraphs, FrontMatter(title=meta.title, date=meta.date, url=meta.url, author=meta.author)


_MARKDOWN_SIGNS = ("](", "\n# ", "\n## ", "**", "\n---", "\n===")


def _looks_like_markdown(text: str) -> bool:
    return text.startswith("#") or any(sign in text for sign in _MARKDOWN_SIGNS)
