"""http(s) addresses as RFC 3986 URIs: what an editor pastes, written the way the standard asks.

`normalise_url` percent-encodes, as UTF-8, every character a URI may not hold where it stands
(`"`, `<`, `>`, spaces, `|`, non-ASCII text, a `%` that starts no escape, a second `#`),
writes an internationalised host name in its IDNA form, lowers the scheme's case, and drops
tabs and line breaks (RFC 3986, appendix C) and the spaces and control characters around the
address. A valid URI comes back exactly as it was: its host's case, its escapes, its dot
segments and its default port are left alone. Anything that is not an http(s) address is
returned untouched, for the validators to refuse.
"""

from __future__ import annotations

import re
from urllib.parse import quote

HTTP = re.compile(r"(https?)://", re.IGNORECASE)
# RFC 3986, section 3: what each part may hold besides letters, digits and "-._~" (which
# `quote` never escapes) and "%" (kept where it starts an escape; see STRAY_PERCENT).
SUB_DELIMS = "!$&'()*+,;="
USERINFO = SUB_DELIMS + ":%"
PATH = SUB_DELIMS + ":@/%"
QUERY = FRAGMENT = PATH + "?"
STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
AROUND = "".join(map(chr, range(0x21)))  # C0 controls and the space (WHATWG URL, basic parser)
LINE_BREAKS = str.maketrans("", "", "\t\n\r")
# A host we can write: a name (or IPv4 address) of letters, digits, "-", "." and escapes, or
# an IP literal in brackets. Any other ASCII in it is a mistake no encoding can mend.
ASCII_HOST = re.compile(r"[A-Za-z0-9\-._~%!$&'()*+,;=]*|\[[0-9A-Fa-f:.]+\]")
PORT = re.compile(r"[0-9]*")


def normalise_url(url: str) -> str:
    """`url` as an RFC 3986 URI, when it is an http(s) address; otherwise `url` as it is."""
    candidate = url.strip(AROUND).translate(LINE_BREAKS)
    scheme = HTTP.match(candidate)
    if scheme is None:
        return url
    rest = candidate[scheme.end() :]
    authority, tail = _split(rest, "/?#")
    host = _authority(authority)
    if host is None:
        return url
    before_fragment, fragment = _split(tail, "#")
    path, query = _split(before_fragment, "?")
    return (
        scheme.group(1).lower()
        + "://"
        + host
        + _escape(path, PATH)
        + _escape(query, QUERY)
        + _escape(fragment, FRAGMENT)
    )


def _split(text: str, delimiters: str) -> tuple[str, str]:
    """`text` cut before the first of `delimiters`; the second part keeps its delimiter."""
    for index, character in enumerate(text):
        if character in delimiters:
            return text[:index], text[index:]
    return text, ""


def _escape(part: str, safe: str) -> str:
    if not part:
        return part
    # The delimiter that opens the part ("?" or "#") stays as it is.
    opening, body = (part[0], part[1:]) if part[0] in "?#" else ("", part)
    return opening + quote(STRAY_PERCENT.sub("%25", body), safe=safe)


def _authority(authority: str) -> str | None:
    """userinfo@host:port with each part written as a URI holds it; None when unusable."""
    userinfo, at, hostport = authority.rpartition("@")
    if hostport.startswith("["):
        host, bracket, port = hostport.partition("]")
        if not bracket:
            return None
        host += bracket
    else:
        host, _colon, port = hostport.partition(":")
        port = ":" + port if _colon else ""
    if port and not (port.startswith(":") and PORT.fullmatch(port[1:])):
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if not ASCII_HOST.fullmatch(host):
        return None
    userinfo = quote(STRAY_PERCENT.sub("%25", userinfo), safe=USERINFO) + at if at else ""
    return userinfo + host + port
