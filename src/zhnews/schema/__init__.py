"""The public data model of zhnews-extractor: Pydantic v2 records, one concept per module.

Every extracted value carries ``span``: ``[start, end)`` character offsets into the ORIGINAL
input text. The scored fields keep the names and shapes of the corpus gold format
(``corpus/README.md``); where the gold holds a plain string (a reporter, an organisation, a
speaker) the record holds an object with it under ``name``.
"""
from zhnews.schema.article import SCHEMA_VERSION, ArticleRecord
from zhnews.schema.base import FIELDS, RecordPart, Span, TextEvidence
from zhnews.schema.directive import DirectiveGroup, DirectiveItem, Speaker
from zhnews.schema.event_date import EventDate
from zhnews.schema.leader import Leader
from zhnews.schema.organization import Organization
from zhnews.schema.project_stat import Money, ProjectStat
from zhnews.schema.reporter import Reporter
from zhnews.schema.title import TitleBlock

__all__ = [
    "FIELDS", "SCHEMA_VERSION", "ArticleRecord", "DirectiveGroup", "DirectiveItem", "EventDate", "Leader", "Money",
    "Organization", "ProjectStat", "RecordPart", "Reporter", "Span", "Speaker", "TextEvidence", "TitleBlock",
]
