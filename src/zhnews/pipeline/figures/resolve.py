"""Resolving the figure tree: each node's category, amount, scope and segment, and the checks.

A child takes its batch's category (a status subset naming a kind right before its count,
续建项目复工25个, takes that kind) and scope (a place breakdown, 其中，我市9个, takes the place);
a batch takes the best-ranked scope any of its mentions gives, else the event's (for the event's
own batch, 本次…) or the batch's before it. The checks warn of what looks misread.
"""
from __future__ import annotations

from decimal import Decimal

from zhnews.pipeline.figures.nodes import Node
from zhnews.pipeline.figures.scopes import Scope
from zhnews.pipeline.figures.tree import FigureTree
from zhnews.pipeline.hits import Hit


class Resolver:
    """Resolves the nodes of one built tree."""

    def __init__(self, tree: FigureTree) -> None:
        self.tree = tree
        self.words = tree.words
        self.text = tree.text
        self.events = tree.events
        self.kind_only = tree.words.kind_only_pattern
        self.leading_verb = tree.words.leading_verb
        self._with_level: dict[str, Scope] | None = None  # a place's name without its level -> as written with it

    def resolve(self) -> list[Node]:
        """Resolve every node; the output nodes (not virtual), in text order."""
        self.tree.add_titles()
        order = sorted((n for n in self.tree.nodes if not n.virtual), key=lambda n: n.first.count.start)
        for node in self.tree.nodes:
            self._resolve_category(node)
        for node in order:
            self._resolve_amount(node)
        previous: Node | None = None
        for node in order:
            if node.parent is None and node.parallel_of is None:
                self._resolve_top_scope(node, previous)
                previous = node
        for node in order:
            if node.parent is not None or node.parallel_of is not None:
                self._resolve_child_scope(node)
        for node in order:
            if node.parent is not None and not node.place_breakdown:
                node.segment = self._segment(node)
        for i, node in enumerate(order):
            node.index = i
        return order

    def _resolve_category(self, node: Node) -> None:
        """A node's category; its batch (and a parallel figure's sibling) come before it in the
        tree's order, so they are resolved already."""
        if node.virtual:
            node.category = node.virtual_category or None
            return
        if node.parallel_of is not None:
            node.category, node.category_hit = node.parallel_of.category, node.parallel_of.category_hit
            return
        own = node.own_category()
        if node.parent is None:
            if own is not None and own.category:
                node.category, node.category_hit = own.category, own.category_hit
            return
        first = node.first
        if first.direct_verb and first.category:
            node.category, node.category_hit = first.category, first.category_hit
        elif node.parent.category:
            node.category, node.category_hit = node.parent.category, node.parent.category_hit
        elif own is not None and own.category and not own.context_category:
            node.category, node.category_hit = own.category, own.category_hit  # a verb of another part
            # of a batch of several kinds is not this part's (签约280个、开工180个；亿元以上项目300个)

    def _resolve_amount(self, node: Node) -> None:
        finished = node.category in self.words.finished_categories
        for mention in sorted(node.mentions, key=lambda m: m.title):
            for amount in ([mention.amount_before] if mention.amount_before else []) + mention.amounts:
                if amount.completed and not finished:
                    continue
                node.amount, node.amount_mention = amount, mention
                return
        for amount in node.ref_amounts:
            if amount.completed and not finished:
                continue
            node.amount = amount
            return

    def _resolve_top_scope(self, node: Node, previous: Node | None) -> None:
        best = max((m for m in node.mentions if m.scope is not None), key=lambda m: (m.scope_rank, not m.title),
                   default=None)
        if best is not None:
            node.scope, node.scope_rank = best.scope, best.scope_rank
        elif any(m.event_batch for m in node.mentions if not m.title) or previous is None:
            node.scope = self._event_fill()
        else:
            node.scope = previous.scope
        node.scope = self._expanded(node.scope)

    def _event_fill(self) -> Scope | None:
        """The event's place (林芝市为2020年第二批…举行), else its 全X word."""
        for event in self.events:
            if event.place is not None and not event.local and (event.place.kind != "bare" or event.place.period_after):
                return event.place
        return next((e.quan for e in self.events if e.quan is not None), None)

    def _expanded(self, scope: Scope | None) -> Scope | None:
        """A place named without its level (南昌, 福州) as the document writes it with it (南昌市)."""
        if scope is None or scope.kind not in ("bare", "named"):
            return scope
        if scope.refers is not None:
            return scope
        if self._with_level is None:  # built once: a figure per place would otherwise scan every scope
            self._with_level = {}
            for other in self.tree.all_scopes:
                written = other.hit.text
                if other.leveled and len(written) > 1 and written[-1] in self.words.level_chars:
                    self._with_level.setdefault(written[:-1], other)
        return self._with_level.get(scope.hit.text, scope)

    def _resolve_child_scope(self, node: Node) -> None:
        place = self.tree.place_scope(node.first)
        if place is not None:
            node.scope, node.place_breakdown = self._expanded(place), True
            return
        if node.parallel_of is not None:
            node.scope, node.place_breakdown = node.first.scope, True
            return
        if node.first.own_place and not node.first.title:
            node.scope = self._expanded(node.first.scope)  # 其中，甲县签约了A项目等9个项目: that place's part
            return
        parent = node.output_parent
        node.scope = parent.scope if parent is not None else None

    def _segment(self, node: Node) -> Hit | None:
        """The part's noun phrase as written, a leading verb of the batch's own kind left out
        (签约10亿元以上项目 -> 10亿元以上项目); none when the phrase names nothing but a kind that
        sets the part apart (新开工项目 of a 开工复工 batch)."""
        mention = node.first
        if mention.phrase is None or mention.form in ("kind", "place", "glue"):
            return None
        text = self.text
        start, end = mention.phrase
        if mention.own_place and start <= mention.scope.hit.start < end:
            start = mention.scope.hit.end  # the part's place is its scope, not its label
        if end <= start:
            return None
        parent = node.parent
        parent_kind = parent.category if parent is not None else None
        if node.category and node.category != parent_kind:
            # a part set apart by its kind: its label is what comes before the kind (续建项目复工25个)
            verb = self.words.verb_pattern.search(text, start, end)
            if verb is not None:
                end = verb.start()
                if end <= start or self.kind_only.fullmatch(text, start, end):
                    return None
        if self.kind_only.fullmatch(text, start, end):
            written = text[start:end]
            keep = (node.category and node.category == parent_kind and "项目" in written
                    and written not in ("项目", "的项目") and not mention.event_lead)
            return Hit(text[start:end], start, end) if keep else None
        lead = self.leading_verb.match(text, start, end)
        if lead and node.category and self.words.category(lead.group("verb")) == node.category:
            rest = lead.end()
            if rest < end and not self.kind_only.fullmatch(text, rest, end):
                start = rest
        return Hit(text[start:end], start, end)

    def warnings(self, nodes: list[Node]) -> list[str]:
        """What looks misread: parts that sum to more than their batch, a figure with neither a
        count nor an amount, an amount implausible for its count."""
        found = []
        words = self.words
        parts: dict[tuple[Node, int], list[Node]] = {}
        for node in nodes:
            parent = node.output_parent
            if parent is not None and node.parallel_of is None:
                parts.setdefault((parent, node.group), []).append(node)
        for node in nodes:
            if node.value is None and node.amount is None:
                found.append(f"project figure {node.index} has neither a count nor an amount")
            if node.amount is not None and node.value:
                average = node.amount.hit.amount / node.value
                if not words.min_amount_per_project <= average <= words.max_amount_per_project:
                    found.append(f"project figure {node.index}: {node.amount.hit.evidence.text} for {node.value} "
                                 f"projects is an implausible amount per project")
        for (node, _), group in parts.items():
            found += self._sum_warnings(node, group)
        return found

    def _sum_warnings(self, node: Node, parts: list[Node]) -> list[str]:
        found = []
        counts = [p.value for p in parts if p.value is not None]
        if node.value is not None and sum(counts) > node.value:
            found.append(f"breakdown counts of project figure {node.index} sum to {sum(counts)}, "
                         f"more than its {node.value}")
        if node.amount is not None:
            same = [p.amount.hit.amount for p in parts if p.amount is not None
                    and p.amount.hit.currency == node.amount.hit.currency]
            tolerance = self.words.approximate_tolerance if node.amount.approximate else self.words.sum_tolerance
            total = node.amount.hit.amount
            if same and sum(same) > total * (1 + Decimal(str(tolerance))):
                found.append(f"breakdown amounts of project figure {node.index} sum to {sum(same)}, "
                             f"more than its {total}")
        return found
