"""HTML to article text: paragraphs and figure captions, without scripts, navigation or ads.

Only text nodes are ever read, never attributes, so nothing from `on*` handlers,
`javascript:` URLs or image addresses can reach the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

PARAGRAPH_BREAK = "\u2029"
"""Unicode paragraph separator: marks block boundaries in the extracted text."""

_DROPPED_ELEMENTS = (
    "head, script, style, noscript, template, nav, header, footer, aside, form, iframe, frame, frameset, "
    "object, embed, applet, svg, math, canvas, button, input, select, textarea, dialog, menu, video, audio, "
    "map, picture, img, source, track, link, meta, [hidden], [aria-hidden=true]"
)
_BLOCK_ELEMENTS = (
    "address, article, blockquote, br, caption, dd, details, div, dl, dt, fieldset, figcaption, figure, "
    "h1, h2, h3, h4, h5, h6, hr, li, main, ol, p, pre, section, summary, table, tbody, td, tfoot, th, "
    "thead, tr, ul, center"
)
_AD_WORDS = (
    "ad ads adv advert adverts advertisement advertising adsense adslot dfp gpt paywall share sharing "
    "sharebar social comment comments related recommend recommended promo promotion sponsor "
    "sponsored newsletter subscribe subscription banner cookie cookies popup modal breadcrumb "
    "breadcrumbs sidebar outbrain taboola innity nav navbar menu masthead toolbar"
)
_AD_TOKENS = frozenset(_AD_WORDS.split())
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WRAPPER_SHARE = 0.6
"""An ad-looking block holding more than this share of the page text is a wrapper, kept."""

_TAG = re.compile(
    r"<(?:/?(?:p|div|br|span|a|b|i|em|strong|img|figure|figcaption|section|article|table|ul|ol|li|h[1-6]"
    r"|script|style|iframe|blockquote|font|center|html|body|head|meta|title)\b[^>]*>|!--)",
    re.IGNORECASE,
)
_DATE_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
    "article.published",
    "weibo:article:create_at",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


@dataclass(frozen=True)
class HtmlMeta:
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None


def looks_like_html(text: str) -> bool:
    """True when the text holds real HTML tags (not just a stray `<` in prose)."""
    return _TAG.search(text) is not None


def parse_html(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def html_meta(tree: LexborHTMLParser, html: str) -> HtmlMeta:
    """Title, publication date, canonical address and author, from <head> and the page."""
    metas: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        key = (
            node.attributes.get("property") or node.attributes.get("name") or node.attributes.get("itemprop")
        )
        content = (node.attributes.get("content") or "").strip()
        if key and content:
            metas.setdefault(key.strip().lower(), content)
    date = next((metas[k] for k in _DATE_META_KEYS if k in metas), None) or _time_element(tree)
    if date is None:
        json_ld = _JSON_LD_DATE.search(html)
        date = json_ld.group(1) if json_ld else None
    return HtmlMeta(
        title=metas.get("og:title") or _text_of(tree, "h1") or _text_of(tree, "title"),
        date=date,
        url=_canonical(tree) or _web_address(metas.get("og:url")),
        author=metas.get("author") or metas.get("article:author"),
    )


def _time_element(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("time[datetime]"):
        value = (node.attributes.get("datetime") or "").strip()
        if value:
            return value
    return None


def _canonical(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("link[rel=canonical]")
    return _web_address(node.attributes.get("href")) if node else None


def _web_address(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def _text_of(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    text = " ".join(node.text(separator=" ").split())
    return text or None


def html_text(tree: LexborHTMLParser) -> str:
    """The page's readable text, PARAGRAPH_BREAK between blocks; source whitespace kept as it is.

    The tree is modified (unwanted elements removed)."""
    for node in tree.css(_DROPPED_ELEMENTS):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    _drop_ads_and_hidden(root)
    for node in root.css(_BLOCK_ELEMENTS):
        node.insert_before(PARAGRAPH_BREAK)
        node.insert_after(PARAGRAPH_BREAK)
    return root.text(separator="")


def _drop_ads_and_hidden(root: LexborNode) -> None:
    candidates = [node for node in root.css("[class], [id], [style]") if _is_ad_or_hidden(node)]
    if not candidates:
        return
    page_chars = len(root.text(separator=""))
    for node in candidates:
        if node.parent is None:  # already gone with an ancestor
            continue
        if len(node.text(separator="")) > page_chars * WRAPPER_SHARE:
            continue
        node.decompose()


def _is_ad_or_hidden(node: LexborNode) -> bool:
    if node.tag in ("body", "html", "main", "article"):
        return False
    attrs = node.attributes
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return any(token in _AD_TOKENS for token in _TOKEN_SPLIT.split(names) if token)
