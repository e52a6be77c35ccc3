"""The figure tree: batches and their breakdowns, one node per batch however often it is restated.

A sentence's mentions are placed in order. A breakdown opener (其中 / 包括 / 分别是, or a
dimension 从投资规模看 / 按行业分) or a reference to a batch (签约的35个项目里, 这些项目中,
已竣工的项目里) opens a *run*: the counts after it, to the end of the sentence, are children
of the batch it points to (a part opener inside a run opens a nested run up to the next ；).
Outside a run, a count equal to a batch's (and compatible with it) restates that batch; a
count without a kind of its own continues the current batch's breakdown; any other count is
a new batch. A new way of introducing a breakdown is a word-list entry, not a code path.

Once the text is read, each node resolves its category, amount, scope and segment: a child
takes its batch's category (a status subset naming a kind, 续建项目复工25个, takes that kind)
and scope (a place breakdown, 其中，我市9个, takes the place); a batch takes the best scope any
of its mentions gives (a named place beats 全市; a headline's scope counts least).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import islice

from zhnews import lexicon
from zhnews.pipeline.figures.amounts import AmountReader
from zhnews.pipeline.figures.mentions import Mention, Opener, Reference
from zhnews.pipeline.figures.nodes import Node, plain_amount
from zhnews.pipeline.figures.scopes import NAMED, EventScope, Scope
from zhnews.pipeline.figures.sentence import RANK_NAMED, RANK_TITLE, SentenceReader
from zhnews.pipeline.figures.words import Words, ends_with_any

PLACE_KINDS = NAMED | {"deictic", "quan"}
_MAX_IMPLICIT_DISTANCE = 2500  # characters a batch stays open for counts without a kind of their own
_MAX_DEPTH = 4  # levels of breakdown below a batch (the genre writes three at most)
_RECENT = 64  # batches a reference or a restatement is looked for among (the most recent)
_STATUS_NEAR = 200  # characters after its batch a status subset of the batch's own kind may stand


@dataclass
class _Run:
    target: Node
    group: int
    end: int
    start: int
    outer: _Run | None = None
    placed: list[Node] = field(default_factory=list)
    weak: bool = False  # opened by a reference that is a clause's subject: only parts of its kind join


class FigureTree:
    """Builds the nodes of one document, sentence by sentence."""

    def __init__(self, words: Words, text: str, events: list[EventScope], amount_reader: AmountReader) -> None:
        self.words = words
        self.text = text
        self.events = events
        self.amount_reader = amount_reader
        self.lex = lexicon.load()
        self.reader = SentenceReader(text, events, amount_reader, self.lex)
        self.nodes: list[Node] = []
        self.by_value: dict[int, list[Node]] = {}  # count -> the nodes with that count, for restatements
        self.scopes_at: dict[int, list[Scope]] = {}  # start -> the scopes found there
        self.recent: dict[Node, None] = {}  # the batches, the one mentioned last at the end
        self.group_sums: dict[tuple[Node, int], int] = {}  # (batch, group) -> the counts of its parts
        self.top: Node | None = None
        self.last: Node | None = None
        self.title_mentions: list[Mention] = []
        self.open_run: tuple[_Run, int] | None = None
        self.last_by_level: dict[str, Scope] = {}  # 市, 县 … -> the place of that level named last
        self._event_places = sorted((e.place for e in events if e.place is not None and e.place.leveled),
                                    key=lambda s: s.hit.end)
        self._event_last: dict[str, Scope] = {}
        self._event_i = 0
        self._next: dict[int, Mention] = {}  # id of a mention of the current sentence -> the mention after it
        self.groups = 0
        self.all_scopes: list[Scope] = [s for e in events for s in (e.place, e.quan) if s is not None]
        self.leading_verb = words.leading_verb
        self.kind_only = words.kind_only_pattern

    # --- building ------------------------------------------------------------------
    def add_sentence(self, sentence: tuple[int, int], mentions: list[Mention], openers: list[Opener],
                     references: list[Reference], scopes: list[Scope]) -> None:
        """Place one sentence's mentions in the tree."""
        scopes = self._referents(scopes)
        self.all_scopes += scopes
        for scope in scopes:
            self.scopes_at.setdefault(scope.hit.start, []).append(scope)
        self._phrases_after_openers(mentions, openers, [r for r in references if r.tail is not None])
        self.reader.read(mentions, openers, references, scopes)
        body = [m for m in mentions if not m.title]
        self.title_mentions += [m for m in mentions if m.title]
        if not body:
            return
        counts = [m.count.start for m in body]
        self._next = {id(m): n for m, n in zip(body, body[1:], strict=False)}
        references = [r for r in references if r.tail is not None or not self._own_phrase(r, body, counts)]
        events: list[tuple[int, int, object]] = [(o.start, 1, o) for o in openers]
        events += [(r.start, 0, r) for r in references]
        events += [(m.count.start, 2, m) for m in body]
        run = self._continued_run(sentence, body[0])
        context: Node | None = None
        for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
            position = event.start if isinstance(event, Opener | Reference) else event.count.start
            while run is not None and position >= run.end:
                run = run.outer
            if isinstance(event, Opener):
                run = self._open(event, run, context, sentence)
            elif isinstance(event, Reference):
                node = self.referred(event)
                if node is None:
                    continue
                self.reference_amount(event, node, sentence, body)
                if event.opens:
                    run = self._start_run(node, run, sentence, event.start, nested=run is not None)
                else:
                    context = node
                    if run is None:  # 本次开工项目突出…，共开工…项目114个: the parts of that batch
                        run = self._start_run(node, None, sentence, event.start, nested=False)
                        run.weak = True
            else:
                run = self._place(event, run, sentence)
        while run is not None and run.outer is not None:
            run = run.outer
        self.open_run = (run, sentence[1]) if run is not None and run.end >= sentence[1] else None

    def _referents(self, scopes: list[Scope]) -> list[Scope]:
        """Each anaphoric word (该市) as the place of its level named last before it (九江市), or dropped;
        the places named so far are kept by level as the sentences come (``scopes`` are by end)."""
        kept = []
        pending = sorted((s for s in scopes if s.kind == "named" and s.leveled), key=lambda s: s.hit.end)
        i = 0
        for scope in scopes:
            if scope.kind == "anaphor":
                while i < len(pending) and pending[i].hit.end <= scope.hit.start:
                    self.last_by_level[pending[i].hit.text[-1]] = pending[i]
                    i += 1
                while self._event_i < len(self._event_places) and \
                        self._event_places[self._event_i].hit.end <= scope.hit.start:
                    event_place = self._event_places[self._event_i]  # a place of a sentence without counts
                    self._event_last[event_place.hit.text[-1]] = event_place
                    self._event_i += 1
                level = scope.hit.text[-1]
                found = [p for p in (self.last_by_level.get(level), self._event_last.get(level)) if p is not None]
                place = max(found, key=lambda p: p.hit.end, default=None)
                if place is None:
                    continue
                scope = Scope(scope.hit, "named", leveled=True, refers=place.shown)
            kept.append(scope)
        for scope in pending[i:]:
            self.last_by_level[scope.hit.text[-1]] = scope
        return kept

    @staticmethod
    def _own_phrase(reference: Reference, body: list[Mention], counts: list[int]) -> bool:
        """True when a reference without a tail is a mention's own phrase (本批签约、开工的项目合计25个)."""
        i = bisect.bisect_left(counts, reference.end - 1)
        return i < len(body) and body[i].clause_start <= reference.start

    def _continued_run(self, sentence: tuple[int, int], first: Mention) -> _Run | None:
        """A breakdown goes on into the next sentence of its paragraph when that sentence opens
        with another part (其中，集中签约项目102个…。场外签约项目257个…)."""
        if self.open_run is None:
            return None
        run, end = self.open_run
        self.open_run = None
        if "\n" in self.text[end : sentence[0]] or first.lead != sentence[0] or first.reference:
            return None
        if first.form not in ("noun_before", "noun_after") or not self._fits(first, run):
            return None
        kind = self._effective_kind(run.target)
        if first.category is not None and first.category != kind:
            return None
        return _Run(run.target, run.group, sentence[1], sentence[0], None, run.placed)

    @staticmethod
    def _phrases_after_openers(mentions: list[Mention], openers: list[Opener], references: list[Reference]) -> None:
        """A group's phrase starts after an opener or reference in its clause (这些项目具体包括 + 循环农业类)."""
        ends = sorted(o.end for o in (*openers, *references))
        for mention in mentions:
            if mention.phrase is None:
                continue
            start, end = mention.phrase
            i = bisect.bisect_left(ends, min(end + 1, mention.count.start)) - 1
            if i >= 0 and ends[i] > start:
                mention.phrase = (ends[i], end)
                mention.lead = max(mention.lead, ends[i])

    def _start_run(self, target: Node, run: _Run | None, sentence: tuple[int, int], at: int,
                   nested: bool) -> _Run:
        self.groups += 1
        end = sentence[1]
        if nested:
            semicolon = self.text.find(";", at, sentence[1])
            end = semicolon if semicolon >= 0 else sentence[1]
        return _Run(target, self.groups, end, at, run if nested else None)

    def _open(self, opener: Opener, run: _Run | None, context: Node | None, sentence: tuple[int, int]) -> _Run | None:
        if opener.kind == "dimension":
            if run is not None and run.start >= opener.start:
                return run  # 从本次开工项目看: the reference inside it already opened the run
            target = context or self.top
            return self._start_run(target, None, sentence, opener.start, nested=False) if target else run
        if run is not None and run.placed and self.last is run.placed[-1] and self.last.depth < _MAX_DEPTH:
            return self._start_run(self.last, run, sentence, opener.end, nested=True)
        if run is not None:
            return run
        target = context or self.last
        return self._start_run(target, None, sentence, opener.start, nested=False) if target else run

    def add_reference_sentence(self, sentence: tuple[int, int], references: list[Reference]) -> None:
        """A sentence without a figure: a reference in it may give the batch's amount
        (本次开工项目分为…四个类别，总投资6737亿元)."""
        for reference in references:
            node = self.referred(reference)
            if node is not None:
                self.reference_amount(reference, node, sentence, [])

    def referred(self, reference: Reference) -> Node | None:
        """The batch a reference points at: the current batch of its kind, else the current batch
        (a kind no batch has so far becomes a subset of the current batch: 在今年新开工的项目里)."""
        if reference.category is None or self.top is None:
            return self.top
        kind = [n for n in islice(reversed(self.recent), _RECENT)
                if (own := n.own_category()) is not None and own.category == reference.category]
        if reference.event:  # 本次开工项目: the event's own batch of that kind, if the text marks one
            marked = next((n for n in kind if any(m.event_batch for m in n.mentions)), None)
            if marked is not None:
                return marked
        if kind:
            return kind[0]
        top_kind = self.top.own_category()
        if reference.category and (top_kind is None or top_kind.category == ""):
            node = Node([], parent=self.top, virtual_category=reference.category)
            self.nodes.append(node)
            return node
        return self.top

    def reference_amount(self, reference: Reference, node: Node, sentence: tuple[int, int],
                          mentions: list[Mention]) -> None:
        """本次开工项目分为…四个类别，总投资6737亿元: the amount is the batch's (no other 项目 between)."""
        stop = self.text.find(";", reference.end, sentence[1])
        stop = sentence[1] if stop < 0 else stop
        for mention in mentions:
            if reference.end <= mention.count.start < stop:
                stop = mention.clause_start
        if self.text.find("项目", reference.end, stop) >= 0:
            return
        node.ref_amounts += self.amount_reader.after(self.text, reference.end, stop)

    def _place(self, mention: Mention, run: _Run | None, sentence: tuple[int, int]) -> _Run | None:
        if mention.in_parens:
            if self.last is None:
                return run
            if self.text.startswith(self.words.breakdown_openers, mention.clause_start):
                self.groups += 1  # (包括制造业项目11个…): a part of the figure before it
                parent = self.last if self.last.depth < _MAX_DEPTH else self.last.parent
                self.last = self._new(mention, parent, self.groups)
            else:
                self._new(mention, self.last.parent, self.last.group, parallel_of=self.last)  # (全省共4个)
            return run
        while run is not None and (not self._fits(mention, run)
                                   or (run.weak and not self._same_kind(mention, run.target))):
            run = run.outer  # a part cannot be more than its whole: 2023招商大会…859个 after 853个 is a batch
        if mention.reference:
            node = self._restatement(mention)
            if node is None:
                node = self._new(mention, run.target if run else None, run.group if run else 0)
                if run is not None:
                    run.placed.append(node)
            else:
                node.add(mention)
                self._seen(node, mention)
            self.last = node
            if node.depth >= _MAX_DEPTH:
                return run
            return self._start_run(node, run, sentence, mention.count.end, nested=run is not None)
        if run is not None:
            if mention.form == "place" and self.place_scope(mention) is None:
                if not self._parallel_group(mention, run):
                    return run
                mention.form = "group"  # 重大社会民生建设2个 after 重大生态环境建设项目1个: a group too
            self.last = self._new(mention, run.target, run.group)
            run.placed.append(self.last)
            return run
        if mention.form in ("group", "place"):
            return run
        node = self._restatement(mention)
        if node is not None:
            node.add(mention)
            self._seen(node, mention)
            self.last = node
            return run
        found = self._implicit_parent(mention) or self._kind_split(mention) or self._status_subset(mention)
        if found is not None:
            top, group = found
            self.last = self._new(mention, top, group)
        else:
            self.last = self._new(mention, None, 0)
        return run

    def _parallel_group(self, mention: Mention, run: _Run) -> bool:
        """True when a count whose phrase is neither a place nor headed by 项目 follows a part with a
        noun phrase in the same breakdown (其中生态环境项目1个、社会民生建设2个): a group of its own."""
        if mention.phrase is None:
            return False
        sibling = run.placed[-1].first if run.placed else self._next.get(id(mention))  # or the part after it
        if (sibling is None or sibling.form not in ("noun_before", "noun_after", "group")
                or sibling.sentence != mention.sentence or sibling.count.start >= run.end):
            return False
        start, end = mention.phrase
        return not ends_with_any(self.text, self.words.not_group_heads, start, end)

    def _implicit_parent(self, mention: Mention) -> tuple[Node, int] | None:
        """The batch a count without a kind of its own is a part of (基础设施项目517个 after the batch
        of 1730), and the group of parts it joins: the most recent batch it fits in, next to the
        parts given last, else as the first part of another breakdown (a size band after the sectors).
        A size band with the batch's kind (签约10亿元以上项目56个) is a part too."""
        for top in reversed(self.recent):
            if mention.count.start - top.last_seen > _MAX_IMPLICIT_DISTANCE or self._other_place(mention, top):
                break
            kind = self._effective_kind(top)
            if mention.category is not None and not (mention.band and mention.category == kind):
                return None
            if top.last_group and not mention.band and self._fits_node(mention, top, top.last_group):
                return top, top.last_group
            if top.value is None or mention.value <= top.value:
                self.groups += 1
                return top, self.groups
        return None

    def _kind_split(self, mention: Mention) -> tuple[Node, int] | None:
        """A figure of one kind after a batch of several kinds it fits in is that batch's part
        (46个项目集中开竣工 … 本次开工的项目有28个 … 竣工的项目有18个)."""
        top = self.top
        if top is None or not mention.category or mention.context_category:
            return None
        own = top.own_category()
        if own is None or own.category != "" or mention.category not in own.kinds:
            return None
        if mention.count.start - top.last_seen > _MAX_IMPLICIT_DISTANCE or self._other_place(mention, top):
            return None
        group = top.last_group
        if not group or not self._fits_node(mention, top, group):
            if mention.value > (top.value or 0):
                return None
            self.groups += 1
            group = self.groups
        return top, group

    def _status_subset(self, mention: Mention) -> tuple[Node, int] | None:
        """A part of the current batch that has gone on to another kind (签约项目56个…，目前已开工40个)."""
        top = self.top
        if top is None or not mention.status or not mention.category or mention.context_category:
            return None
        kind = self._effective_kind(top)
        distance = mention.count.start - top.last_seen
        if not kind or distance > _MAX_IMPLICIT_DISTANCE or (kind == mention.category and distance > _STATUS_NEAR):
            return None  # of the same kind only right after the batch (…698个…。目前已实际开工680个)
        if (top.value is not None and mention.value > top.value) or self._other_place(mention, top):
            return None
        self.groups += 1
        return top, self.groups

    def _same_kind(self, mention: Mention, node: Node) -> bool:
        return mention.category is None or mention.context_category or mention.category == self._effective_kind(node)

    def _fits(self, mention: Mention, run: _Run) -> bool:
        return self._fits_node(mention, run.target, run.group)

    def _fits_node(self, mention: Mention, target: Node, group: int) -> bool:
        """True when the mention can be a part of ``target`` next to the parts it has in ``group``."""
        mine, theirs = plain_amount(mention), target.plain
        if (mine is not None and theirs is not None and mine.hit.currency == theirs.hit.currency
                and mine.hit.amount > theirs.hit.amount):
            return False  # a part cannot cost more than its whole (460个…6800亿元 after 1722个…6600亿元)
        whole = target.value
        if whole is None:
            return True
        return mention.value + self.group_sums.get((target, group), 0) <= whole

    def _new(self, mention: Mention, parent: Node | None, group: int, parallel_of: Node | None = None) -> Node:
        while parent is not None and parent.depth >= _MAX_DEPTH:
            parent = parent.parent  # never deeper than the genre goes, whatever the text
        depth = parent.depth + 1 if parent is not None else 0
        node = Node([mention], parent=parent, depth=depth, group=group, parallel_of=parallel_of)
        if parent is not None:
            parent.last_group = group
            if parallel_of is None:
                self.group_sums[(parent, group)] = self.group_sums.get((parent, group), 0) + mention.value
        self.nodes.append(node)
        self.by_value.setdefault(mention.value, []).append(node)
        self._seen(node, mention)
        return node

    def _seen(self, node: Node, mention: Mention) -> None:
        node.last_seen = mention.count.start
        top = node
        while top.parent is not None:
            top = top.parent
        if not top.virtual:
            top.last_seen = mention.count.start
            self.top = top
            if top.parallel_of is None:
                self.recent.pop(top, None)
                self.recent[top] = None

    def _restatement(self, mention: Mention) -> Node | None:
        """The node this mention restates: the same count, kind, amount and place."""
        for node in reversed(self.by_value.get(mention.value, [])[-_RECENT:]):
            if self._compatible(node, mention):
                return node
        return None

    def _compatible(self, node: Node, mention: Mention) -> bool:
        kind = self._effective_kind(node)
        if kind is not None and mention.category is not None and kind != mention.category:
            return False
        mine, theirs = plain_amount(mention), node.plain
        if mine is not None and theirs is not None and (mine.hit.amount, mine.hit.currency) != (
                theirs.hit.amount, theirs.hit.currency):
            return False
        return not self._other_place(mention, node)

    @staticmethod
    def _other_place(mention: Mention, node: Node) -> bool:
        """True when the mention names a place of its own (甲市有…) and the node, or the batch it is
        a part of, names others: a figure of another place is neither a restatement nor a part."""
        if mention.scope is None or mention.scope_rank < RANK_NAMED:
            return False
        while node is not None and not node.named:
            node = node.parent
        return node is not None and mention.scope.shown.text not in node.named

    @staticmethod
    def _effective_kind(node: Node | None) -> str | None:
        """The kind a node's own words give, else its batch's (up the tree)."""
        while node is not None:
            own = node.own_category()
            if own is not None:
                return own.category
            if node.virtual:
                return node.virtual_category
            node = node.parent
        return None

    # --- titles --------------------------------------------------------------------
    def add_titles(self) -> None:
        """Headline mentions restate a batch of the body; one with a kind and an amount and no
        body batch to restate is a batch of its own."""
        for mention in self.title_mentions:
            mention.scope_rank = min(mention.scope_rank, RANK_TITLE)
            same = self.by_value.get(mention.value, [])
            match = next((n for n in reversed(same) if n.parent is None and self._compatible(n, mention)),
                         None) or self._restatement(mention)
            if match is not None:
                match.add(mention)
            elif mention.category is not None and (mention.amount_before or mention.amounts):
                self.nodes.append(Node([mention]))

    # --- places ----------------------------------------------------------------------
    def place_scope(self, mention: Mention) -> Scope | None:
        """The place of a place breakdown: its phrase is a place, with nothing after it but the
        figure's kind (其中，我市9个 / 我市开工9个 / 南宁市主会场集中开工项目56个 / 陈仓区的61个项目)."""
        text = self.text
        if mention.form == "noun_after":
            start, end = mention.lead, mention.count.start
            if end > start and text[end - 1] == "的":
                end -= 1
        elif mention.phrase is not None and mention.form in ("place", "verb", "noun_before"):
            start, end = mention.phrase
        else:
            return None
        for scope in self.scopes_at.get(start, ()):
            if scope.kind not in PLACE_KINDS:
                continue
            kind_after = mention.form == "noun_before" and self.kind_only.fullmatch(text, scope.hit.end, end)
            if scope.hit.end == end or kind_after:
                return scope
        return None

    # --- checks --------------------------------------------------------------------
