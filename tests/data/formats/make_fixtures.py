"""Write the binary and generated fixtures of this folder (invented Dutch news text).

    .venv/bin/python tests/data/formats/make_fixtures.py

The text fixtures (``lexisnexis.TXT``, ``lexisnexis-missing.txt``) are
written by hand; this script writes ``nexis-uni.docx``, ``archive.warc.gz``
and the HTML, feed and CSV files, the same bytes every run except the
timestamps python-docx stores inside the ``.docx``.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent

PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Storm raast over het midden van het land | NOS</title>
<meta property="og:site_name" content="NOS">
<meta property="og:title" content="Storm raast over het midden van het land">
<meta property="article:published_time" content="2015-03-09T10:00:00+01:00">
<meta name="author" content="Anne Bakker">
<meta name="description" content="Code oranje in Utrecht en Gelderland.">
</head>
<body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weer">Weer</a></nav>
<article>
<h1>Storm raast over het midden van het land</h1>
<p>Bomen vielen om in Utrecht en Amersfoort. De brandweer rukte honderden keren uit om takken
van de weg te halen en daken te stutten.</p>
<p>Het KNMI gaf code oranje af voor het midden van het land. Treinen reden de hele ochtend niet
tussen Utrecht en Arnhem, meldt ProRail.</p>
<p>Volgens de weerman neemt de wind vanavond af. Morgen is het rustiger, maar blijft het koud.</p>
</article>
<footer>Deel dit artikel. Cookie-instellingen. Copyright NOS 2015.</footer>
</body>
</html>
"""

UNDATED_PAGE = """<html><head><title>Over deze website</title></head><body>
<div class="content"><p>Deze website verzamelt berichten over de polder, het water en de dijken
van Nederland. Wij schrijven elke week over de mensen die er wonen en werken.</p>
<p>De redactie bestaat uit vrijwilligers die allemaal in de Alblasserwaard wonen.</p></div>
</body></html>
"""

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>NU.nl - Algemeen</title>
<link>https://www.nu.nl/</link>
<description>Het laatste nieuws</description>
<item>
<title>Kabinet trekt vijftig miljoen uit voor opvang</title>
<link>https://www.nu.nl/politiek/1.html</link>
<dc:creator>Piet de Boer</dc:creator>
<pubDate>Mon, 01 May 2023 08:30:00 +0200</pubDate>
<description>&lt;p&gt;Het kabinet trekt vijftig miljoen euro uit voor de opvang van asielzoekers.&lt;/p&gt;
&lt;p&gt;Dat meldt de staatssecretaris.&lt;/p&gt;</description>
</item>
<item>
<title>Regen op Koningsdag</title>
<link>https://www.nu.nl/weer/2.html</link>
<pubDate>Thu, 27 Apr 2023 23:45:00 -0200</pubDate>
<description>Koningsdag valt in het water: het KNMI verwacht de hele dag regen.</description>
</item>
<item>
<title>Een bericht zonder tekst</title>
<link>https://www.nu.nl/leeg/3.html</link>
<pubDate>Tue, 02 May 2023 10:00:00 +0200</pubDate>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>De Correspondent</title>
<id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
<updated>2023-05-03T12:00:00Z</updated>
<entry>
<title>Waarom de dijken hoger moeten</title>
<link href="https://decorrespondent.nl/1/dijken"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<published>2023-05-02T22:30:00-02:00</published>
<updated>2023-05-03T09:00:00Z</updated>
<author><name>Lotte Visser</name></author>
<content type="html">&lt;p&gt;De zeespiegel stijgt sneller dan gedacht.&lt;/p&gt;
&lt;p&gt;Waterschappen willen de dijken verhogen.&lt;/p&gt;</content>
</entry>
<entry>
<title>Zonder datum</title>
<link href="https://decorrespondent.nl/2/zonder"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
<summary>Een stuk zonder publicatiedatum.</summary>
</entry>
</feed>
"""

RSS091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.91">
<channel>
<title>Omroep West</title>
<link>https://www.omroepwest.nl/</link>
<description>Nieuws uit de regio</description>
<language>nl</language>
<item>
<title>Scheveningen krijgt nieuwe pier</title>
<link>https://www.omroepwest.nl/1</link>
<description>De gemeente Den Haag bouwt een nieuwe pier in Scheveningen.
Caf\xe9s op de boulevard zijn blij.</description>
</item>
</channel>
</rss>
"""

CSV_NL = (
    "\ufeffkop;tekst;datum;krant;rubriek\n"
    "Kabinet valt;\"Het kabinet is gevallen; de premier biedt zijn ontslag aan.\";07-07-2023;NOS;Politiek\n"
    "Hittegolf;De eerste hittegolf van het jaar is een feit, meldt het KNMI.;15/06/2023;AD;Weer\n"
    "Nieuwe brug;\"In Zwolle opent de nieuwe brug over de IJssel, zegt de wethouder.\";1-3-2023;"
    "de Stentor;Regio\n"
)

NEXIS_UNI = [
    "User Name: Onderzoeker",
    "Date and Time: Wednesday, May 3, 2023 10:15:00 AM CEST",
    "Job Number: 1234567",
    "Documents (2)",
    "1. Stikstofplan verdeelt de coalitie",
    "Client/Matter: -None-",
    "Search Terms: stikstof",
    "Search Type: Terms and Connectors",
    "2. Boeren blokkeren snelwegen",
    "Client/Matter: -None-",
    "Search Terms: stikstof",
    "Search Type: Terms and Connectors",
    None,  # page break
    "Stikstofplan verdeelt de coalitie",
    "de Volkskrant",
    "May 2, 2023 Tuesday",
    "Copyright 2023 DPG Media B.V. All Rights Reserved",
    "Section: Binnenland; Blz. 4",
    "Length: 24 words",
    "Byline: Sanne de Wit",
    "Body",
    "Het stikstofplan van het kabinet verdeelt de coalitie.",
    "De ene partij wil sneller, de andere wil de boeren meer tijd geven om te veranderen.",
    "Classification",
    "Language: DUT; NLD",
    "Publication-Type: Krant",
    "Subject: LANDBOUW (90%); MILIEU (80%)",
    "Load-Date: May 3, 2023",
    "End of Document",
    None,
    "Boeren blokkeren snelwegen",
    "NRC",
    "3 mei 2023 woensdag",
    "Length: 14 woorden",
    "Byline: Koen Smit",
    "Body",
    "Boeren blokkeerden woensdag snelwegen rond Utrecht en Zwolle uit protest.",
    "Load-Date: 4 mei 2023",
    "End of Document",
]


def write_docx(path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for text in NEXIS_UNI:
        if text is None:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            document.add_paragraph(text)
    document.save(str(path))


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, body: bytes, content_type: str, date: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record("archive.warc.gz", {"software": "test fixture"}))
        response("https://nos.nl/artikel/storm", PAGE.encode(), "text/html; charset=utf-8",
                 "2015-03-10T08:00:00Z")
        response("https://nos.nl/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "2015-03-10T08:00:01Z")
        response("https://polder.nl/over", UNDATED_PAGE.encode(), "text/html", "2016-07-01T12:00:00Z")
        response("https://nos.nl/weg", b"<html><body>Niet gevonden</body></html>", "text/html",
                 "2016-07-01T12:00:02Z", status="404 Not Found")


def main() -> None:
    (HERE / "page.html").write_text(PAGE, encoding="utf-8")
    (HERE / "undated.htm").write_text(UNDATED_PAGE, encoding="utf-8")
    (HERE / "nu-rss2.xml").write_text(RSS2, encoding="utf-8")
    (HERE / "correspondent.atom").write_text(ATOM, encoding="utf-8")
    (HERE / "west-rss091.rss").write_bytes(RSS091.encode("latin-1"))
    (HERE / "excel-nl.csv").write_bytes(CSV_NL.replace("\n", "\r\n").encode("utf-8"))
    write_docx(HERE / "nexis-uni.docx")
    write_warc(HERE / "archive.warc.gz")


if __name__ == "__main__":
    main()
