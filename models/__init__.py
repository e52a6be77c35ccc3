"""The public data model of zhnews-extractor: Pydantic v2 records."""
from models.record import (
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
