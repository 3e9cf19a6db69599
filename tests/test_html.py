"""HTML pages to article text and metadata, including hostile markup."""
from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from militantmap.clean.html import HtmlText, html_to_text
from militantmap.errors import InputError

PAGE = """<!doctype html>
<html><head>
<title>Police college attacked | The Daily Example</title>
<meta property="og:title" content="Gunmen attack police college in Quetta">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2016-10-25T08:00:00+05:00">
<link rel="canonical" href="https://news.example.org/2016/10/25/quetta-attack">
<script>var secret = "SCRIPT TEXT MUST NOT APPEAR";</script>
<style>.x { content: "STYLE TEXT MUST NOT APPEAR" }</style>
</head>
<body onload="alert('ONLOAD')">
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/asia">Asia</a></nav>
<article>
<h1>Gunmen attack police college in Quetta</h1>
<p>QUETTA: Heavily armed gunmen stormed a police training college in Quetta late on Monday,
killing at least 59 people, officials said on Tuesday.</p>
<p>Three attackers wearing suicide vests entered the hostel where cadets were sleeping, a senior
police officer told reporters at the scene.</p>
<script>document.write("INLINE SCRIPT MUST NOT APPEAR")</script>
<p onclick="steal()">The assault lasted about five hours before troops regained control of the
campus, the army said in a statement.</p>
</article>
<footer>Copyright 2016 The Daily Example. All rights reserved.</footer>
</body></html>"""


def test_text_and_metadata():
    h = html_to_text(PAGE, "https://news.example.org/x?utm=1")
    assert isinstance(h, HtmlText)
    assert h.title == "Gunmen attack police college in Quetta"
    assert h.published == dt.date(2016, 10, 25)
    assert h.publisher == "The Daily Example"
    assert h.url == "https://news.example.org/2016/10/25/quetta-attack"
    lines = h.text.split("\n")
    assert lines[0].startswith("QUETTA: Heavily armed gunmen stormed")  # the title is not repeated
    assert len(lines) == 3  # one paragraph per line
    assert "troops regained control" in lines[2]


def test_scripts_styles_and_handlers_never_reach_the_text():
    h = html_to_text(PAGE)
    for junk in ("SCRIPT TEXT", "STYLE TEXT", "INLINE SCRIPT", "ONLOAD", "steal()", "alert"):
        assert junk not in h.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "plain words without any markup at all",
        "<html><script>alert(1)</script><style>p{}</style></html>",
        "<div>" * 100_000 + "deep" + "</div>" * 100_000,
        "<html><body><p>Unclosed <b>bold <i>italic<p>broken <table><tr><td>cell",
        "<p>" + "&#0;&#xD800;&amp;" * 1000,
        "<html><body>" + "<span>" * 5000 + "</body>",
    ],
)
def test_hostile_or_empty_html_does_not_crash(html):
    start = time.perf_counter()
    try:
        h = html_to_text(html)
    except InputError as err:
        assert err.reason
    else:
        assert isinstance(h.text, str)
        assert "alert" not in h.text
    assert time.perf_counter() - start < 10


def test_binary_junk_is_an_input_error():
    junk = bytes(range(256)).decode("latin-1") * 50
    with pytest.raises(InputError) as err:
        html_to_text(junk, "https://example.org/file.bin")
    assert "binary" in str(err.value) and "example.org/file.bin" in str(err.value)
    with pytest.raises(InputError):
        html_to_text(os.urandom(4096).decode("latin-1"))


def test_too_large_is_an_input_error():
    with pytest.raises(InputError) as err:
        html_to_text("<p>" + "a" * 6_000_000 + "</p>")
    assert "too large" in str(err.value)


def test_metadata_survives_when_there_is_no_text():
    html = ('<html><head><meta property="og:title" content="Only a headline">'
            '<meta property="article:published_time" content="2020-01-02"></head><body></body></html>')
    h = html_to_text(html)
    assert h.text == ""
    assert h.title == "Only a headline"
    assert h.published == dt.date(2020, 1, 2)


def test_stray_nul_bytes_are_dropped():
    html = PAGE.replace("Heavily armed", "Heavily\x00 armed")
    assert "\x00" not in html_to_text(html).text
