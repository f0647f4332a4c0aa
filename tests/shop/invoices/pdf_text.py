"""The text of a ReportLab PDF, read from its page streams (no PDF library needed): what a reader of it sees."""

import base64
import re
import zlib

STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", re.S)
SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape(match):
    code = match.group(1)
    if code.isdigit():
        return bytes([int(code, 8)])
    return {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(code, code)


def pdf_text(data):
    """Every string the pages show, in order, joined by spaces (WinAnsi, as ReportLab writes its standard fonts)."""
    shown = []
    for header, body in STREAM.findall(data):
        if b"ASCII85Decode" in header:
            body = base64.a85decode(body.strip(), adobe=True)
        if b"FlateDecode" in header:
            body = zlib.decompress(body)
        shown += [ESCAPE.sub(_unescape, text).decode("cp1252") for text in SHOWN.findall(body)]
    return " ".join(shown)
