"""The nodes of the figure tree: a batch, or a breakdown of one, with every mention of it."""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.figures.amounts import Amount
from extractor.figures.mentions import Mention
from extractor.figures.scopes import Scope
from extractor.hits import Hit


@dataclass(eq=False)
class Node:
    """A batch or a breakdown of one."""

    mentions: list[Mention]
    parent: Node | None = None
    group: int = 0  # the run that made it a child: children of one run are parts of one whole
    virtual_category: str | None = None  # a subset named only by its kind (在今年新开工的项目里)
    parallel_of: Node | None = None  # (全省共4个) after a figure: its sibling with another scope
    ref_amounts: list[Amount] = field(default_factory=list)  # 本次开工项目…，总投资6737亿元
    last_group: int = 0
    last_seen: int = 0
    # resolved
    category: str | None = None
    category_hit: Hit | None = None
    amount: Amount | None = None
    amount_mention: Mention | None = None
    scope: Scope | None = None
    scope_rank: int = 0
    segment: Hit | None = None
    place_breakdown: bool = False  # its own place is its scope (其中，我市9个): no segment
    index: int | None = None

    @property
    def virtual(self) -> bool:
        return not self.mentions

    @property
    def first(self) -> Mention:
        body = [m for m in self.mentions if not m.title]
        return (body or self.mentions)[0]

    @property
    def value(self) -> int | None:
        return self.mentions[0].value if self.mentions else None

    def own_category(self) -> Mention | None:
        """The mention whose own words give the node's kind (a context kind only if none does)."""
        strong = next((m for m in self.mentions if m.category is not None and not m.context_category), None)
        return strong or next((m for m in self.mentions if m.category is not None), None)

    @property
    def output_parent(self) -> Node | None:
        """The nearest ancestor that is a figure (a kind-only subset is skipped)."""
        parent = self.parent
        while parent is not None and parent.virtual:
            parent = parent.parent
        return parent


def plain_amount(mention: Mention) -> Amount | None:
    """The mention's first amount that is not a completed-investment figure."""
    for amount in ([mention.amount_before] if mention.amount_before else []) + mention.amounts:
        if not amount.completed:
            return amount
    return None
