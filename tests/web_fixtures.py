"""Web inputs the tests build themselves: HTML pages, RSS/Atom feeds and WARC archives (all text invented)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = [
    "The harbour of Vestvik reopened on Wednesday after a storm kept it closed for three days, the port "
    "authority said.",
    "Waves of up to nine metres damaged two piers on Sunday night. Nobody was hurt, harbour master Tor Eklund said.",
    "The regional council will meet on Friday to decide how the repair costs are shared.",
]


def page(title: str = "Vestvik harbour reopens after storm", paragraphs: list[str] | None = None,
         url: str = "https://coastdaily.example/2025/01/15/vestvik", author: str = "Mara Lind",
         published: str | None = "2025-01-15", site: str = "Coast Daily", charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    date_meta = f'<meta property="article:published_time" content="{published}T07:30:00+01:00">' if published else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>{title} | {site}</title>
<link rel="canonical" href="{url}"><meta name="author" content="{author}">
<meta property="og:site_name" content="{site}">{date_meta}
<script>var tracker = "SCRIPT-SHOULD-NOT-SURVIVE";</script></head>
<body><nav><a href="/">NAV-HOME</a> <a href="/sport">NAV-SPORT</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>FOOTER-COPYRIGHT Coast Daily</footer></body></html>
"""


EMPTY_PAGE = """<!DOCTYPE html><html><head><title>Coast Daily</title></head>
<body><nav><a href="/">Home</a></nav><script>var a = 1;</script></body></html>
"""


def rss(items: list[dict], title: str = "Tidemark News") -> str:
    """items: dicts with guid, link, title, date, author, html (any may be missing)."""
    parts = []
    for it in items:
        fields = []
        if "guid" in it:
            fields.append(f'<guid isPermaLink="false">{it["guid"]}</guid>')
        if "title" in it:
            fields.append(f"<title>{it['title']}</title>")
        if "link" in it:
            fields.append(f"<link>{it['link']}</link>")
        if "date" in it:
            fields.append(f"<pubDate>{it['date']}</pubDate>")
        if "author" in it:
            fields.append(f"<dc:creator>{it['author']}</dc:creator>")
        if "html" in it:
            fields.append(f"<description><![CDATA[{it['html']}]]></description>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{title}</title><link>https://tidemark.example/</link>{''.join(parts)}</channel></rss>\n")


FERRY = {"guid": "tm-1", "link": "https://tidemark.example/ferry", "title": "Ferry fares frozen",
         "date": "Tue, 11 Feb 2025 23:15:00 -0500", "author": "Ola Strand",
         "html": "<p>The county council froze ferry fares to the outer islands for 2025.</p>"
                 "<p>Islanders had protested against a rise of 12 percent.</p>"}
SALMON = {"guid": "tm-2", "link": "https://tidemark.example/salmon", "title": "Salmon farm fined",
          "date": "Mon, 10 Feb 2025 16:40:00 +0100", "author": "Kari Vik",
          "html": "<p>A salmon farm near Halsnes was fined 800,000 kroner after 20,000 fish escaped.</p>"}
BRIDGE = {"guid": "tm-3", "link": "https://tidemark.example/bridge", "title": "Footbridge opens",
          "date": "Wed, 12 Feb 2025 08:00:00 +0100", "author": "Ines Varga",
          "html": "<p>A new footbridge across the river Lenna opened in Torsby on Wednesday.</p>"}


def atom() -> str:
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title><id>urn:valley</id>
<entry><id>urn:valley:1</id><title>Library extends hours</title><link href="https://valleypost.example/library"/>
<published>2025-02-04T23:30:00-05:00</published><author><name>Jonas Pihl</name></author>
<summary>Short summary only.</summary>
<content type="html">&lt;p&gt;The town library of Torsby will stay open until nine in the evening from March.&lt;/p&gt;</content>
</entry>
<entry><title>No id here</title><link href="https://valleypost.example/no-id"/>
<updated>2025-02-05T10:00:00Z</updated><summary>Only a plain summary about the new school bus routes in Torsby.</summary>
</entry></feed>
"""


def warc_bytes(records: list[tuple], gzip: bool = True) -> bytes:
    """records: (kind, url, payload bytes, content type) with kind response, request, warcinfo, metadata.
    Record ids are fixed: <urn:uuid:...-00000000000N> for the N-th record (1-based)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for n, (kind, url, payload, ctype) in enumerate(records, start=1):
        headers = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
                   "WARC-Date": "2025-02-05T08:00:00Z"}
        if kind == "warcinfo":
            rec = writer.create_warcinfo_record("test.warc", {"software": "newsetl tests"})
            rec.rec_headers.replace_header("WARC-Record-ID", headers["WARC-Record-ID"])
        elif kind == "request":
            rec = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), warc_headers_dict=headers,
                                            http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")],
                                                                          is_http_request=True))
        elif kind == "metadata":
            rec = writer.create_warc_record(url, "metadata", payload=io.BytesIO(payload), warc_content_type=ctype,
                                            warc_headers_dict=headers)
        else:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), warc_headers_dict=headers,
                                            http_headers=http)
        writer.write_record(rec)
    return out.getvalue()


def rid(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
