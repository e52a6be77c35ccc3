"""The nodes of the figure tree: a batch, or a breakdown of one, with every mention of it."""
from __future__ import annotations

from dataclasses import dataclass, field

from zhnews.pipeline.figures.amounts import Amount
from zhnews.pipeline.figures.mentions import Mention
from zhnews.pipeline.figures.scopes import Scope
from zhnews.pipeline.figures.sentence import RANK_NAMED as NAMED_RANK
from zhnews.pipeline.hits import Hit


@dataclass(eq=False)
class Node:
    """A batch or a breakdown of one."""

    mentions: list[Mention]
    parent: Node | None = None
    depth: int = 0  # 0 for a batch, 1 for its parts, …
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
    # what the mentions give, kept as they are added (a batch restated a thousand times costs no more)
    _first_body: Mention | None = None
    _strong: Mention | None = None
    _weak: Mention | None = None
    plain: Amount | None = None  # the first amount a mention gives that is not a completed investment
    named: set[str] = field(default_factory=set)  # the named places its mentions give

    def __post_init__(self) -> None:
        initial, self.mentions = self.mentions, []
        for mention in initial:
            self.add(mention)

    def add(self, mention: Mention) -> None:
        """Add a mention of this batch."""
        self.mentions.append(mention)
        if self._first_body is None and not mention.title:
            self._first_body = mention
        if mention.category is not None:
            if self._strong is None and not mention.context_category:
                self._strong = mention
            if self._weak is None:
                self._weak = mention
        if self.plain is None:
            self.plain = plain_amount(mention)
        if mention.scope is not None and mention.scope_rank >= NAMED_RANK:
            self.named.add(mention.scope.shown.text)

    @property
    def virtual(self) -> bool:
        return not self.mentions

    @property
    def first(self) -> Mention:
        return self._first_body or self.mentions[0]

    @property
    def value(self) -> int | None:
        return self.mentions[0].value if self.mentions else None

    def own_category(self) -> Mention | None:
        """The mention whose own words give the node's kind (a context kind only if none does)."""
        return self._strong or self._weak

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
