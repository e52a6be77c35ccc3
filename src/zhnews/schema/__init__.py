"""The public data model of zhnews-extractor: Pydantic v2 records."""
from zhnews.schema.record import (
    ArticleRecord,
    DirectiveGroup,
    DirectiveItem,
    EventDate,
    Leader,
    Money,
    Organization,
    ProjectStat,
    Reporter,
    Speaker,
    TextEvidence,
    TitleBlock,
)

__all__ = [
    "ArticleRecord",
    "DirectiveGroup",
    "DirectiveItem",
    "EventDate",
    "Leader",
    "Money",
    "Organization",
    "ProjectStat",
    "Reporter",
    "Speaker",
    "TextEvidence",
    "TitleBlock",
]
