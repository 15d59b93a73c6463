"""Bytes to text: UTF-8 first (the common case, and fast), then a detected CJK encoding.

Files that are not text at all (images, PDFs, archives, random bytes) are refused with
a reason a person can act on, rather than decoded into garbage that extraction would read.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer


class NotText(ValueError):
    """The bytes are not readable text; the message says why, in one line."""


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
)

_UTF16_32_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Detection is only asked to choose among encodings Chinese and English news really use;
# left free it happily "decodes" GBK bytes as some Cyrillic code page.
_CANDIDATES = ["gb18030", "big5", "big5hkscs", "cp950", "utf_16", "shift_jis", "euc_kr", "cp1252"]

_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
MAX_UNREADABLE_SHARE = 0.02
"""Above this share of control, private-use or replacement characters the text is refused."""
MAX_BROKEN_UTF8_SHARE = 0.005
"""A UTF-8 file with at most this share of broken bytes is read as UTF-8, broken bytes replaced."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for `data`, or NotText saying why it cannot be read as text."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(data[len(codecs.BOM_UTF8) :].decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise NotText(f"starts with a UTF-8 byte-order mark but is not UTF-8 ({exc.reason})") from exc
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(name)), name
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {name.upper()} byte-order mark but does not decode") from exc
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise NotText(f"binary file: {what}, not text")
    if b"\x00" in data[:65536]:
        raise NotText("binary file: contains NUL bytes, not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8, "utf-8 (broken bytes replaced)"
    match = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if match is None:
        raise NotText("undecodable bytes: not UTF-8, GB18030, Big5 or any other known text encoding")
    return _checked(str(match), match.encoding), match.encoding


def _mostly_utf8(data: bytes) -> str | None:
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - broken
    if broken <= max(1, int(len(text) * MAX_BROKEN_UTF8_SHARE)) and multibyte > broken * 20:
        return text
    return None


def _checked(text: str, encoding: str | None = None) -> str:
    if not text:
        return text
    unreadable = len(_UNREADABLE.findall(text))
    if unreadable > len(text) * MAX_UNREADABLE_SHARE:
        how = f" as {encoding}" if encoding else ""
        raise NotText(
            f"undecodable bytes: {unreadable} of {len(text)} characters are control or replacement "
            f"characters when read{how}"
        )
    return text
