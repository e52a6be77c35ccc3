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

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractor import lexicon
from extractor.figures.amounts import Amount, AmountReader
from extractor.figures.mentions import Mention, Opener, Reference
from extractor.figures.scopes import NAMED, EventScope, Scope
from extractor.figures.words import Words, alternation
from extractor.hits import Hit

RANK_VENUE_AFTER = 7  # 17个项目在主会场签约
RANK_NAMED = 6  # the figure's own place (郑州市…, 陈仓区、凤县…的61个项目, 全州155个项目)
RANK_EVENT = 5  # the place of the event, for the event's own figures (西藏2022年…举行，全区…45个项目)
RANK_QUAN = 4  # the figure's own 全X or 本市 (全市…项目44个)
RANK_TITLE = 3  # what a headline gives
RANK_EVENT_QUAN = 2  # the 全X of an event (全省第三批开工动员的…; the event sentence's 全市)
PLACE_KINDS = NAMED | {"deictic", "quan"}
_MAX_IMPLICIT_DISTANCE = 2500
_STATUS_NEAR = 200  # characters after its batch a status subset of the batch's own kind may stand  # characters a batch stays open for counts without a kind of their own


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
        self.nodes: list[Node] = []
        self.top: Node | None = None
        self.last: Node | None = None
        self.title_mentions: list[Mention] = []
        self.open_run: tuple[_Run, int] | None = None
        self.groups = 0
        self.all_scopes: list[Scope] = [s for e in events for s in (e.place, e.quan) if s is not None]
        self.leading_verb = re.compile(rf"(?:{alternation(words.kind_only)})*(?P<verb>{words.verb_pattern.pattern})")
        self.kind_only = re.compile(
            rf"(?:{alternation(words.kind_only)})*(?:{words.verb_pattern.pattern})*(?:的)?(?:{alternation(words.kind_only)})*(?:项目)?"
        )

    # --- building ------------------------------------------------------------------
    def add_sentence(self, sentence: tuple[int, int], mentions: list[Mention], openers: list[Opener],
                     references: list[Reference], scopes: list[Scope]) -> None:
        """Place one sentence's mentions in the tree."""
        self.all_scopes += scopes
        inherited = self._own_venues_removed(mentions, scopes)
        self._phrases_after_openers(mentions, openers, [r for r in references if r.tail is not None])
        for mention in mentions:
            self._choose_scope(mention, scopes, inherited)
            self._read_amounts(mention, mentions, openers, references)
        body = [m for m in mentions if not m.title]
        self.title_mentions += [m for m in mentions if m.title]
        if not body:
            return
        own = [(m.clause_start, m.count.start) for m in body]
        references = [r for r in references
                      if r.tail is not None or not any(a <= r.start and r.end <= b + 1 for a, b in own)]
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

    def _own_venues_removed(self, mentions: list[Mention], scopes: list[Scope]) -> list[Scope]:
        """A place after 在 right after a figure is that figure's venue (87个项目在荆州开发区…动工),
        not the scope of the figures after it."""
        owned = []
        for mention in mentions:
            for scope in scopes:
                if (scope.hit.start > mention.count.start and self.text[scope.hit.start - 1 : scope.hit.start] == "在"
                        and not any(c in ",;:" for c in self.text[mention.count.end : scope.hit.start])):
                    owned.append(scope)
        return [s for s in scopes if s not in owned or self._venue_of_own_clause(s, mentions)]

    def _venue_of_own_clause(self, scope: Scope, mentions: list[Mention]) -> bool:
        return any(m.clause_start <= scope.hit.start and scope.hit.end <= m.count.start for m in mentions)

    @staticmethod
    def _phrases_after_openers(mentions: list[Mention], openers: list[Opener], references: list[Reference]) -> None:
        """A group's phrase starts after an opener or reference in its clause (这些项目具体包括 + 循环农业类)."""
        for mention in mentions:
            if mention.phrase is None:
                continue
            start, end = mention.phrase
            for other in (*openers, *references):
                if start < other.end <= end and other.end < mention.count.start:
                    start = other.end
            if start != mention.phrase[0]:
                mention.phrase = (start, end)
                mention.lead = max(mention.lead, start)

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
        if run is not None and run.placed and self.last is run.placed[-1]:
            return self._start_run(self.last, run, sentence, opener.end, nested=True)
        if run is not None:
            return run
        target = context or self.last
        return self._start_run(target, None, sentence, opener.start, nested=False) if target else run

    def _choose_scope(self, mention: Mention, scopes: list[Scope], inherited: list[Scope]) -> None:
        """The scope the sentence gives a mention, and how strong it is (the RANK_* figures):
        its venue (…在主会场签约), else the nearest scope before it (a venue of an earlier figure
        left out), else the event's."""
        venue = self._venue_after(mention, scopes)
        if venue is not None:
            mention.scope, mention.scope_rank = venue, RANK_VENUE_AFTER
            return
        best: Scope | None = None
        event_quan: Scope | None = None
        examples = -1
        if self.text[mention.count.start - 1 : mention.count.start] == "等":
            examples = max(mention.sentence[0], *(self.text.rfind(m, mention.sentence[0], mention.count.start) + 1
                                                  for m in ",;:"))
        for scope in reversed(inherited):
            if scope.hit.end > mention.count.start or self._event_venue(scope):
                continue
            if 0 <= examples <= scope.hit.start and scope.hit.end != mention.count.start - 1:
                continue  # a place inside the named examples (…勉县利废…项目等75个): not the batch's
            if scope.hit.end <= mention.sentence[0]:
                break
            if scope.kind in ("list", "bare") and scope.hit.start < mention.part_start:
                continue
            if scope.kind == "quan" and scope.event_noun:
                event_quan = event_quan or scope
                continue
            best = scope
            break
        rank = 0
        if best is not None:
            tight = best.kind == "quan" and best.hit.end == mention.count.start
            rank = RANK_NAMED if best.kind in NAMED or tight else RANK_QUAN
        event = self._event_of(mention)
        if (event is not None and event.place is not None and event.subject and not mention.cumulative
                and rank < RANK_EVENT):
            best, rank = event.place, RANK_EVENT
        if best is None:
            quan = event_quan or (event.quan if event is not None else None)
            if quan is not None:
                best, rank = quan, RANK_EVENT_QUAN
        mention.scope, mention.scope_rank = best, rank

    def _event_venue(self, scope: Scope) -> bool:
        """在九龙坡区举行: where the event is held, not what a figure covers."""
        text = self.text
        start = self.lex.place_before(text, scope.hit.start, max(0, scope.hit.start - 8))  # 在重庆 + 九龙坡区
        return (text[scope.hit.start - 1 : scope.hit.start] == "在" or text[start - 1 : start] == "在") and text.startswith(
            ("举行", "召开", "举办", "启动", "开幕", "进行", "隆重举行"), scope.hit.end)

    def _event_of(self, mention: Mention) -> EventScope | None:
        pos = mention.count.start
        return next((e for e in self.events if e.paragraph[0] <= pos <= e.paragraph[1]), None)

    def _venue_after(self, mention: Mention, scopes: list[Scope]) -> Scope | None:
        """在主会场现场签约 / 在全省范围内已全部复工 right after the figure."""
        text = self.text
        pos = mention.noun_end
        for adverb in ("同时", "同步", "集中", "已", "均", "全部", "分别", "将", "正", "当天"):
            if text.startswith(adverb, pos):
                pos += len(adverb)
                break
        if not text.startswith("在", pos):
            return None
        pos += 1
        for scope in scopes:
            if scope.hit.start != pos or scope.kind == "group":
                continue
            end = scope.hit.end
            for tail in ("范围内", "内", "上"):
                if text.startswith(tail, end):
                    end += len(tail)
                    break
            if text[end : end + 1] not in ("和", "及", "与", "、", "的", ""):
                return scope
        return None

    def _read_amounts(self, mention: Mention, mentions: list[Mention], openers: list[Opener],
                      references: list[Reference]) -> None:
        """The amounts after a mention, up to the next figure, opener, reference or ；."""
        text = self.text
        start = mention.noun_end
        limit = mention.sentence[1]
        if mention.in_parens:
            close = text.find(")", start, limit)
            limit = close if close >= 0 else limit
        semicolon = text.find(";", start, limit)
        if semicolon >= 0:
            limit = semicolon
        for other in mentions:
            if other.count.start > mention.count.start and not other.in_parens:
                limit = min(limit, max(start, other.clause_start))
                break
        for other in (*openers, *references):
            if start <= other.start < limit:
                limit = other.start
        mention.amounts = self.amount_reader.after(text, start, limit)

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
        tops = sorted((n for n in self.nodes if n.parent is None and not n.virtual), key=lambda n: n.last_seen)
        kind = [n for n in reversed(tops) if (own := n.own_category()) is not None and own.category == reference.category]
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
                self.last = self._new(mention, self.last, self.groups)
            else:
                node = self._new(mention, self.last.parent, self.last.group)  # (全省共4个): the same kind elsewhere
                node.parallel_of = self.last
            return run
        while run is not None and (not self._fits(mention, run) or (run.weak and not self._same_kind(mention, run.target))):
            run = run.outer  # a part cannot be more than its whole: 2023招商大会…859个 after 853个 is a batch
        if mention.reference:
            node = self._restatement(mention)
            if node is None:
                node = self._new(mention, run.target if run else None, run.group if run else 0)
                if run is not None:
                    run.placed.append(node)
            else:
                node.mentions.append(mention)
                self._seen(node, mention)
            self.last = node
            return self._start_run(node, run, sentence, mention.count.end, nested=run is not None)
        if run is not None:
            if mention.form == "place" and self._place_scope(mention) is None:
                return run
            self.last = self._new(mention, run.target, run.group)
            run.placed.append(self.last)
            return run
        if mention.form in ("group", "place"):
            return run
        node = self._restatement(mention)
        if node is not None:
            node.mentions.append(mention)
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

    def _implicit_parent(self, mention: Mention) -> tuple[Node, int] | None:
        """The batch a count without a kind of its own is a part of (基础设施项目517个 after the batch
        of 1730), and the group of parts it joins: the most recent batch it fits in, next to the
        parts given last, else as the first part of another breakdown (a size band after the sectors).
        A size band with the batch's kind (签约10亿元以上项目56个) is a part too."""
        tops = sorted((n for n in self.nodes if n.parent is None and not n.virtual and n.parallel_of is None),
                      key=lambda n: n.last_seen, reverse=True)
        for top in tops:
            if mention.count.start - top.last_seen > _MAX_IMPLICIT_DISTANCE:
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
        if mention.count.start - top.last_seen > _MAX_IMPLICIT_DISTANCE:
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
        if top.value is not None and mention.value > top.value:
            return None
        self.groups += 1
        return top, self.groups

    def _same_kind(self, mention: Mention, node: Node) -> bool:
        return mention.category is None or mention.context_category or mention.category == self._effective_kind(node)

    def _fits(self, mention: Mention, run: _Run) -> bool:
        return self._fits_node(mention, run.target, run.group)

    def _fits_node(self, mention: Mention, target: Node, group: int) -> bool:
        """True when the mention can be a part of ``target`` next to the parts it has in ``group``."""
        whole = target.value
        if whole is None:
            return True
        siblings = sum(n.value or 0 for n in self.nodes if n.parent is target and n.group == group
                       and n.parallel_of is None)
        return mention.value + siblings <= whole

    def _new(self, mention: Mention, parent: Node | None, group: int) -> Node:
        node = Node([mention], parent=parent, group=group)
        if parent is not None:
            parent.last_group = group
        self.nodes.append(node)
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

    def _restatement(self, mention: Mention) -> Node | None:
        """The node this mention restates: the same count, kind, amount and place."""
        for node in reversed(self.nodes):
            if node.virtual or node.value != mention.value:
                continue
            if self._compatible(node, mention):
                return node
        return None

    def _compatible(self, node: Node, mention: Mention) -> bool:
        kind = self._effective_kind(node)
        if kind is not None and mention.category is not None and kind != mention.category:
            return False
        mine = _plain_amount(mention)
        theirs = next((a for a in (_plain_amount(m) for m in node.mentions) if a is not None), None)
        if mine is not None and theirs is not None and (mine.hit.amount, mine.hit.currency) != (
                theirs.hit.amount, theirs.hit.currency):
            return False
        if mention.scope is not None and mention.scope_rank >= RANK_NAMED:
            named = [m.scope.hit.text for m in node.mentions if m.scope is not None and m.scope_rank >= RANK_NAMED]
            if named and mention.scope.hit.text not in named:
                return False
        return True

    def _effective_kind(self, node: Node) -> str | None:
        own = node.own_category()
        if own is not None:
            return own.category
        if node.virtual:
            return node.virtual_category
        return self._effective_kind(node.parent) if node.parent is not None else None

    # --- titles --------------------------------------------------------------------
    def add_titles(self) -> None:
        """Headline mentions restate a batch of the body; one with a kind and an amount and no
        body batch to restate is a batch of its own."""
        for mention in self.title_mentions:
            mention.scope_rank = min(mention.scope_rank, RANK_TITLE)
            tops = [n for n in self.nodes if n.parent is None and not n.virtual]
            match = next((n for n in reversed(tops) if n.value == mention.value and self._compatible(n, mention)),
                         None) or self._restatement(mention)
            if match is not None:
                match.mentions.append(mention)
            elif mention.category is not None and (mention.amount_before or mention.amounts):
                self.nodes.append(Node([mention]))

    # --- resolving -----------------------------------------------------------------
    def resolve(self) -> list[Node]:
        """Resolve every node; the output nodes (not virtual), in text order."""
        self.add_titles()
        order = sorted((n for n in self.nodes if not n.virtual), key=lambda n: n.first.count.start)
        for node in self.nodes:
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

    def _resolve_category(self, node: Node) -> tuple[str | None, Hit | None]:
        if node.category is not None or node.category_hit is not None:
            return node.category, node.category_hit
        if node.virtual:
            node.category = node.virtual_category or None
            return node.category, None
        if node.parallel_of is not None:
            node.category, node.category_hit = self._resolve_category(node.parallel_of)
            return node.category, node.category_hit
        own = node.own_category()
        if node.parent is None:
            if own is not None and own.category:
                node.category, node.category_hit = own.category, own.category_hit
            return node.category, node.category_hit
        parent_kind, parent_hit = self._resolve_category(node.parent)
        first = node.first
        if first.direct_verb and first.category:
            node.category, node.category_hit = first.category, first.category_hit
        elif parent_kind:
            node.category, node.category_hit = parent_kind, parent_hit
        elif own is not None and own.category:
            node.category, node.category_hit = own.category, own.category_hit
        return node.category, node.category_hit

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
            if event.place is not None and (event.place.kind != "bare" or event.place.period_after):
                return event.place
        return next((e.quan for e in self.events if e.quan is not None), None)

    def _expanded(self, scope: Scope | None) -> Scope | None:
        """A place named without its level (南昌, 福州) as the document writes it with it (南昌市)."""
        if scope is None or scope.kind not in ("bare", "named"):
            return scope
        name = scope.hit.text
        for other in self.all_scopes:
            written = other.hit.text
            if (other.leveled and len(written) == len(name) + 1 and written.startswith(name)
                    and written[-1] in self.words.level_chars):
                return other
        return scope

    def _resolve_child_scope(self, node: Node) -> None:
        place = self._place_scope(node.first)
        if place is not None:
            node.scope, node.place_breakdown = self._expanded(place), True
            return
        if node.parallel_of is not None:
            node.scope, node.place_breakdown = node.first.scope, True
            return
        parent = node.parent
        while parent is not None and parent.virtual:
            parent = parent.parent
        node.scope = parent.scope if parent is not None else None

    def _place_scope(self, mention: Mention) -> Scope | None:
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
        for scope in self.all_scopes:
            if scope.hit.start != start or scope.kind not in PLACE_KINDS:
                continue
            if scope.hit.end == end or (mention.form == "noun_before" and self.kind_only.fullmatch(text, scope.hit.end, end)):
                return scope
        return None

    def _segment(self, node: Node) -> Hit | None:
        """The part's noun phrase as written, a leading verb of the batch's own kind left out (签约10亿元以上项目 -> 10亿元以上项目); none when the phrase names
        nothing but a kind that sets the part apart (新开工项目 of a 开工复工 batch)."""
        mention = node.first
        if mention.phrase is None or mention.form in ("kind", "place", "glue"):
            return None
        text = self.text
        start, end = mention.phrase
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
            keep = node.category and node.category == parent_kind and "项目" in written and written not in ("项目", "的项目")
            return Hit(text[start:end], start, end) if keep else None
        lead = self.leading_verb.match(text, start, end)
        if lead and node.category and self.words.category(lead.group("verb")) == node.category:
            rest = lead.end()
            if rest < end and not self.kind_only.fullmatch(text, rest, end):
                start = rest
        return Hit(text[start:end], start, end)

    # --- checks --------------------------------------------------------------------
    def warnings(self, nodes: list[Node]) -> list[str]:
        """What looks misread: parts that exceed their batch, an implausible amount for a count."""
        found = []
        words = self.words
        for node in nodes:
            if node.value is None and node.amount is None:
                found.append(f"project figure {node.index} has neither a count nor an amount")
            if node.amount is not None and node.value:
                average = node.amount.hit.amount / node.value
                if not words.min_amount_per_project <= average <= words.max_amount_per_project:
                    found.append(f"project figure {node.index}: {node.amount.hit.evidence.text} for {node.value} "
                                 f"projects is an implausible amount per project")
            groups: dict[int, list[Node]] = {}
            for child in nodes:
                if self._output_parent(child) is node and child.parallel_of is None:
                    groups.setdefault(child.group, []).append(child)
            for parts in groups.values():
                found += self._sum_warnings(node, parts)
        return found

    @staticmethod
    def _output_parent(node: Node) -> Node | None:
        parent = node.parent
        while parent is not None and parent.virtual:
            parent = parent.parent
        return parent

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


def _plain_amount(mention: Mention) -> Amount | None:
    """The mention's first amount that is not a completed-investment figure."""
    for amount in ([mention.amount_before] if mention.amount_before else []) + mention.amounts:
        if not amount.completed:
            return amount
    return None
