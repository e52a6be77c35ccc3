"""Where a saved news page says when it was published: its metadata, then a labelled date in its text.

``meta_date`` reads what the page declares about itself: ``<meta>`` publication names
(``article:published_time``, ``pubdate``, ``PubDate``, ``publishdate``, Dublin Core's, ...), an element
marked ``itemprop="datePublished"`` or ``<time pubdate>``, and JSON-LD's ``datePublished``. Dates of
other articles in a page's sidebars and lists are never metadata, so a page that declares its date
gets that one, not the oldest date on the page. ``labelled_date`` reads the label news pages print
under the headline (``发布时间：2021-10-09``, ``日期: 2021年10月9日``). Tags are scanned by bounded
patterns that open with a literal: linear in the page.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from zhnews.text.header import HeaderError, parse_date

# <meta name|property|itemprop=...> names of the publication date (htmldate's list, less its loose and
# modified-date entries, plus names Chinese content systems use). Modified dates are not publication dates.
PUBLISHED_NAMES = frozenset({
    "analyticsattributes.articledate", "article.created", "article_date_original", "article:post_date",
    "article.published", "article:published", "article:published_date", "article:published_time",
    "article:publicationdate", "bt:pubdate", "citation_date", "citation_publication_date", "content_create_date",
    "created", "cxenseparse:recs:publishtime", "date", "date_created", "date_published", "datecreated",
    "dateposted", "datepublished", "dc.date", "dc.created", "dc.date.created", "dc.date.issued",
    "dc.date.publication", "dcsext.articlefirstpublished", "dcterms.created", "dcterms.date", "dcterms.issued",
    "dc:created", "dc:date", "displaydate", "doc_date", "field-name-post-date", "gentime",
    "mediator_published_time", "og:article:published", "og:article:published_time", "og:datepublished",
    "og:pubdate", "og:publish_date", "og:published_time", "og:question:published_time", "og:regdate",
    "originalpublicationdate", "parsely-pub-date", "pdate", "ptime", "pubdate", "publishdate", "publish_date",
    "publish_time", "publish-date", "published-date", "published_date", "published_time", "publisheddate",
    "publication_date", "rbpubdate", "rnews:datepublished", "sailthru.date", "shareaholic:article_published_time",
    "twt-published-at", "vr:published_time",
    # Chinese content systems (TRS and others): PubDate, pubtime, firstpublishedtime, weibo's share card
    "pubtime", "publishtime", "firstpublishedtime", "weibo: article:create_at",
})
_NAME_ATTRIBUTES = ("name", "property", "itemprop")

# Tags that may declare a date (an element of any of these kinds may carry itemprop="datePublished").
_DATED_TAG = re.compile(r"<(?:meta|time|span|div|abbr|p)\s[^<>]{0,2000}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z][-A-Za-z0-9_:.]{0,59})(?:\s{0,5}=\s{0,5}(?:"([^"]{0,1000})"|'([^']{0,1000})'"""
                        r"""|([^\s"'<>=`]{1,1000})))?""")
_JSON_LD = re.compile(r'"datePublished"\s{0,5}:\s{0,5}"([^"\\]{1,64})"')
_VALUE = re.compile(r"(?:content|datetime)\s{0,5}=", re.IGNORECASE)  # a tag without a value declares nothing

_TAG = re.compile(r"<[^<>]{0,4000}>|&nbsp;|&#160;")
# 发布时间：2021-10-09, 日期: 2021年10月9日 (the label opens the pattern: a literal the engine skips to).
_LABELLED_DATE = re.compile(r"(?:时间|日期)[\s\u3000]{0,10}[:：][\s\u3000]{0,10}"
                            r"(\d{4}\s{0,3}[-/.年]\s{0,3}\d{1,2}\s{0,3}[-/.月]\s{0,3}\d{1,2})")


def meta_date(html: str) -> str | None:
    """The publication date the page's metadata declares (the first one that reads as a date; else the
    first declared, for the caller to warn about), or None when the page declares none."""
    declared: str | None = None
    for value in _declared_dates(html):
        if _readable(value):
            return value
        declared = declared or value
    return declared


def _declared_dates(html: str) -> Iterator[str]:
    """The dates the page declares as its publication's, in the page's order; JSON-LD's last."""
    for match in _DATED_TAG.finditer(html):
        tag = match.group(0)
        if not _VALUE.search(tag):
            continue
        attributes = _attributes(tag)
        value = (attributes.get("content") or attributes.get("datetime") or "").strip()
        kind = tag[1:5].lower()
        names = {attributes.get(key, "").strip().lower() for key in _NAME_ATTRIBUTES}
        if value and ((kind == "meta" and names & PUBLISHED_NAMES) or "datepublished" in names
                      or (kind == "time" and "pubdate" in attributes)):
            yield value
    match = _JSON_LD.search(html)
    if match:
        yield match.group(1)


def _attributes(tag: str) -> dict[str, str]:
    """A tag's attributes, names in lower case (a name without a value maps to "")."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(tag, 1):  # the tag's own name reads as an attribute without a value
        name, double, single, bare = match.groups()
        found.setdefault(name.lower(), double if double is not None else single if single is not None else bare or "")
    return found


def _readable(value: str) -> bool:
    try:
        parse_date(value, "page date")
        return True
    except HeaderError:
        return False


def labelled_date(html: str) -> str | None:
    """The first date a page's text labels as its time or date (发布时间：2021-10-09), or None.
    (htmldate's search of the text turns a lone year into 1 January: no guess is better.)"""
    match = _LABELLED_DATE.search(_TAG.sub(" ", html))
    return match.group(1) if match else None
