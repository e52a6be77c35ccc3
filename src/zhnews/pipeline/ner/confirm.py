"""Which of the model's PER and ORG candidates the rules confirm as leaders and organisations.

A statistical tagger finds nearly every name, and many that are not the
report's officials or companies (reporters, company people, cited leaders,
government bodies). A candidate is kept only where the text gives the same
kind of evidence the rule layers use:

- a PER candidate is a leader with a post right before or after it (市长张三,
  张三市长), as an item of a 、 list whose other items are leaders or after 领导
  (市领导张三、李四), or before an attendance or speech verb in a sentence about
  officials (张三主持, 张三等出席); never inside a reporter or an organisation,
  never a company's person (董事长张三, …公司总经理李四), never one only cited
  (习近平总书记重要讲话精神);
- an ORG candidate is an organisation with a registered suffix (有限公司, 集团,
  银行 …), or with company context (…等企业, 与…签约, 来到…), or in a 、 list
  with other organisations; never a government or party body (…委, …局,
  人民政府, 管委会 …), a news outlet, or a name with a function word glued to its
  left edge (与特斯拉).

Everything here works on character offsets of the normalised text and looks at
most a bounded window around each candidate, so the cost is linear in the
number of candidates.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhnews import lexicon
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.names import at_boundary
from zhnews.text.scan import Intervals, is_han

CLAUSE_MARKS = ",;:!?。，；：！？\n"
_SENTENCE_MARKS = "。!?！？\n"
_WINDOW = 40  # how far a title chain or a clause is looked for around a candidate
_LIST_WINDOW = 160  # how far a 、 list is followed either side of a candidate
_MAX_ITEM = 24  # longest 、 list item (a title chain and a name)
_NAME_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3}")
_LEADERS_AFTER = re.compile(r"等(?:省|市|州|县|区|自治区|旗|盟)?领导")
_ORG_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z()·&]{2,40}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name the model proposes: ``text[start:end]`` labelled PER, ORG, or NZ (a proper noun the model
    did not call an organisation: an organisation only as an item of a list of organisations)."""

    label: str
    start: int
    end: int


def candidates_from_words(text: str, tagged: Iterable[tuple[int, int, str]]) -> list[Candidate]:
    """Candidates from the model's (start, end, label) words, in order.

    Adjacent pieces of one name are joined: ORG and ORG or proper noun (埃克森 + 美孚),
    an organisation with the branch after it (中国银行 + 重庆市分行), and a one-character
    surname the model cut from its given name (字 + 德海: PER + PER of at most four characters).
    """
    branch = words().branch_endings
    out: list[Candidate] = []
    group: list[tuple[int, int, str]] = []

    def close() -> None:
        if not group:
            return
        labels = {label for _, _, label in group}
        label = "ORG" if "ORG" in labels else "NZ"
        out.append(Candidate(label, group[0][0], group[-1][1]))
        group.clear()

    for start, end, label in tagged:
        joins = bool(group) and group[-1][1] == start
        if label in ("ORG", "nz"):
            if not joins:
                close()
            group.append((start, end, label))
        elif joins and text.endswith(branch, start, end) and any(g[2] == "ORG" for g in group):
            group.append((start, end, "ORG"))
        else:
            close()
            if label == "PER":
                previous = out[-1] if out else None
                if (previous is not None and previous.label == "PER" and previous.end == start
                        and previous.end - previous.start == 1 and end - previous.start <= 4):
                    out[-1] = Candidate("PER", previous.start, end)
                else:
                    out.append(Candidate("PER", start, end))
    close()
    return out


@dataclass(slots=True)
class Known:
    """What the rule layers found, which a candidate must fit: spans and names."""

    reporters: list[tuple[int, int]] = field(default_factory=list)
    organizations: list[Hit] = field(default_factory=list)
    leader_mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class ConfirmedLeader:
    """A PER candidate the rules confirm, with the title chain found around it and why it was kept."""

    start: int
    end: int
    titles: list[Hit]
    reason: str


@dataclass(slots=True)
class ConfirmedOrganization:
    """An ORG candidate the rules confirm, and why it was kept."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Words:
    """The word lists of ``data/ner.toml`` as compiled patterns and tuples."""

    attendance: re.Pattern[str]
    attendance_triggers: re.Pattern[str]
    company_triggers: re.Pattern[str]
    gaps: re.Pattern[str]
    company_posts: tuple[str, ...]
    company_post_pattern: re.Pattern[str]
    cited_after: re.Pattern[str]
    leader_words: tuple[str, ...]
    government_endings: tuple[str, ...]
    media_endings: tuple[str, ...]
    company_endings: tuple[str, ...]
    company_context: tuple[str, ...]
    site_verbs: tuple[str, ...]
    left_stops: tuple[str, ...]
    suffixes: tuple[str, ...]
    suffix_pattern: re.Pattern[str]
    branch_endings: tuple[str, ...]
    project_words: re.Pattern[str]
    name_breaks: re.Pattern[str]
    generic_names: frozenset[str]


@lexicon.compiled
def words(lex: lexicon.Lexicon) -> Words:
    """The confirmation rules' word lists, loaded once per process."""
    data = lex.toml("ner.toml")
    return Words(
        attendance=lexicon.word_pattern(data["attendance_verbs"]),
        attendance_triggers=lexicon.word_pattern(data["attendance_triggers"]),
        company_triggers=lexicon.word_pattern([*data["company_triggers"], *data["extra_suffixes"]]),
        gaps=re.compile(f"(?:{'|'.join(map(re.escape, data['verb_gaps']))}){{0,3}}"),
        company_posts=tuple(data["company_posts"]),
        company_post_pattern=lexicon.word_pattern(data["company_posts"]),
        cited_after=lexicon.word_pattern(data["cited_after"]),
        leader_words=tuple(data["leader_words"]),
        government_endings=tuple(data["government_endings"]),
        media_endings=tuple(data["media_endings"]),
        company_endings=tuple(data["company_endings"]),
        company_context=tuple(data["company_context"]),
        site_verbs=tuple(data["site_verbs"]),
        left_stops=tuple(data["left_stops"]),
        suffixes=(*lex.org_suffixes, *data["extra_suffixes"]),
        suffix_pattern=lexicon.word_pattern([*lex.org_suffixes, *data["extra_suffixes"]]),
        branch_endings=tuple(data["branch_endings"]),
        project_words=lexicon.word_pattern(data["project_words"]),
        name_breaks=lexicon.word_pattern(data["name_breaks"]),
        generic_names=frozenset(data["generic_names"]),
    )


def clause_bounds(text: str, start: int, end: int, marks: str = CLAUSE_MARKS,
                  window: int = _WINDOW) -> tuple[int, int]:
    """The clause around [start, end): back and forward to a mark, at most ``window`` characters each way."""
    left = start
    floor = max(0, start - window)
    while left > floor and text[left - 1] not in marks:
        left -= 1
    right = end
    ceiling = min(len(text), end + window)
    while right < ceiling and text[right] not in marks:
        right += 1
    return left, right


class Confirmer:
    """Confirms one document's candidates against what the rule layers found in it."""

    def __init__(self, text: str, known: Known) -> None:
        self.text = text
        self.known = known
        self.lex = lexicon.load()
        self.words = words()
        self.excluded = Intervals([*known.reporters, *((h.start, h.end) for h in known.organizations)])
        self.leader_spans = Intervals(known.leader_mentions)
        self.leader_starts = {start for start, _ in known.leader_mentions}
        self.leader_ends = {end for _, end in known.leader_mentions}
        self.leader_names = {text[a:b] for a, b in known.leader_mentions}
        self.org_names = [h.text for h in known.organizations]
        self.org_starts = {h.start for h in known.organizations}
        self.org_ends = {h.end for h in known.organizations}

    # --- persons -----------------------------------------------------------------

    def titles_before(self, start: int) -> list[Hit] | None:
        """The title chain ending right at ``start`` (市委副书记、市长|张三), None when there is none.

        An empty list means a chain that belongs to an organisation's people (…公司党委书记).
        """
        text, lex = self.text, self.lex
        left, _ = clause_bounds(text, start, start)
        chain: list[Hit] = []
        for match in lex.title_pattern.finditer(text, left, start):
            begin = match.start()
            if text[begin] != "中":
                begin = lex.place_before(text, begin, left)
            title = Hit(text[begin : match.end()], begin, match.end())
            if chain and text[chain[-1].end : begin] == "、":
                chain.append(title)
            elif match.group("continued"):
                chain = []
            else:
                chain = [title]
        if not chain or chain[-1].end != start:
            return None
        head = chain[0].start
        if head in self.org_ends or text.endswith(lex.org_suffixes, 0, head) or self._company_post_before(head):
            return []
        return chain

    def title_after(self, end: int) -> Hit | None:
        """A title right after a name and closing a phrase (张三市长出席, 张三(市长)), or None."""
        text = self.text
        at = end + 1 if text[end : end + 1] == "(" else end
        match = self.lex.title_pattern.match(text, at)
        if match is None or match.group("continued"):
            return None
        if not (at_boundary(text, match.end()) or text[match.end() : match.end() + 1] == ")"):
            return None
        return Hit(match.group(), match.start(), match.end())

    def _company_post_before(self, start: int) -> bool:
        """True when a company's post ends right before ``start`` (董事长张三)."""
        return self.text.endswith(self.words.company_posts, max(0, start - 6), start)

    def company_person(self, start: int, end: int) -> bool:
        """True for a company's or an institution's person: a company post right before or after the name,
        or an organisation's name ending in its clause at most 12 characters before it (…有限公司党委书记张三)."""
        text = self.text
        if self._company_post_before(start):
            return True
        post = self.words.company_post_pattern.match(text, end)
        if post is not None and post.group() != "代表":  # 张三代表市委致辞 is an official's act
            return True
        left, _ = clause_bounds(text, start, start, CLAUSE_MARKS + "、", 12)
        return any(pos in self.org_ends or text.endswith(self.words.suffixes, 0, pos) for pos in range(left, start + 1))

    def cited(self, end: int) -> bool:
        """True when the name (and a title after it) is only cited: 习近平总书记重要讲话精神."""
        after = end
        match = self.lex.title_pattern.match(self.text, end)  # not title_after: 总书记 before 重要讲话 ends no phrase
        if match is not None:
            after = match.end()
        if self.text.startswith("同志", after):
            after += 2
        return self.words.cited_after.match(self.text, after) is not None

    def _official_sentence(self, start: int, end: int) -> bool:
        """True when the sentence around a name speaks of officials: 领导, a known leader, a post."""
        left, right = clause_bounds(self.text, start, end, _SENTENCE_MARKS, 2 * _WINDOW)
        sentence = self.text[left:right]
        if any(word in sentence for word in self.words.leader_words):
            return True
        if self.leader_spans.overlaps(left, right):  # the candidate itself is no known leader
            return True
        titles = self.lex.title_pattern.finditer(self.text, left, right)
        return any(m.end() <= start or m.start() >= end for m in titles)

    def attends(self, start: int, end: int) -> bool:
        """True when an attendance or speech verb follows the name (张三主持, 张三等在分会场出席)."""
        text = self.text
        at = self.words.gaps.match(text, end).end()
        if text.startswith("在", at):  # 在主会场出席
            stop = min(len(text), at + 16)
            for pos in range(at + 1, stop):
                if text[pos] in CLAUSE_MARKS:
                    break
                if self.words.attendance.match(text, pos):
                    return True
            return False
        return self.words.attendance.match(text, at) is not None

    def list_items(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """The items of the 、 list the name closes an item of, or None when it closes none."""
        text = self.text
        if text[end : end + 1] != "、" and text[start - 1 : start] != "、":
            return None
        left, right = clause_bounds(text, start, end, CLAUSE_MARKS, _LIST_WINDOW)
        items, item_start = [], left
        for pos in range(left, right + 1):
            if pos == right or text[pos] == "、":
                items.append((item_start, pos))
                item_start = pos + 1
        if len(items) < 2 or any(b - a > _MAX_ITEM or b <= a for a, b in items[:-1]):
            return None
        last_start, last_end = items[-1]
        name_end = end if last_start <= start < last_end else None
        if name_end is not None:
            items[-1] = (last_start, name_end)
        return items if any(b == end for _, b in items) else None

    def _leader_item(self, start: int, end: int, confirmed: set[tuple[int, int]]) -> bool:
        """True when a 、 list item opens or closes with a leader (市长张三 | 李四等出席)."""
        if start in self.leader_starts or end in self.leader_ends:
            return True
        return any(a == start or b == end for a, b in confirmed)

    def confirm_person(self, cand: Candidate, confirmed: set[tuple[int, int]]) -> ConfirmedLeader | None:
        """The leader a PER candidate is, or None when the rules do not confirm it."""
        text, start, end = self.text, cand.start, cand.end
        if not _NAME_CHARS.fullmatch(text, start, end) or not self._ends_well(end):
            return None  # the model's right edge must end a phrase (惠进|才当场: a name cut short)
        if self.excluded.overlaps(start, end) or self.leader_spans.overlaps(start, end):
            return None
        if self.company_person(start, end) or self.cited(end):
            return None
        before = self.titles_before(start)
        if before == []:
            return None
        if before:
            return ConfirmedLeader(start, end, before, "title")
        after = self.title_after(end)
        if after is not None:
            return ConfirmedLeader(start, end, [after], "title")
        items = self.list_items(start, end)
        if items is not None:
            if any(self._leader_item(a, b, confirmed) for a, b in items if b != end):
                return ConfirmedLeader(start, end, [], "list")
            lead = text.rfind("领导", max(0, items[0][0] - 12), items[0][1])
            last = items[-1][0]
            if lead >= 0 or _LEADERS_AFTER.search(text, last, min(len(text), last + _MAX_ITEM)):
                return ConfirmedLeader(start, end, [], "list")
        if self.attends(start, end) and self._official_sentence(start, end):
            return ConfirmedLeader(start, end, [], "attendance")
        return None

    def _ends_well(self, end: int) -> bool:
        """True when a name may end at ``end``: a delimiter or a follow word, or an attendance verb after
        一同 / 等 … (张三一同出席). The model's right edge alone is not enough: it cuts 惠进|才当场 short, and
        the segmenter often agrees with it."""
        text = self.text
        if at_boundary(text, end):
            return True
        return self.words.attendance.match(text, self.words.gaps.match(text, end).end()) is not None

    # --- organisations -------------------------------------------------------------

    def org_span(self, cand: Candidate) -> tuple[int, int] | None:
        """The candidate's span trimmed of white space and end marks, None when no name is left."""
        start, end = cand.start, cand.end
        while start < end and not self.text[start].strip():
            start += 1
        while end > start and not self.text[end - 1].strip():
            end -= 1
        if not _ORG_CHARS.fullmatch(self.text, start, end) or sum(is_han(c) for c in self.text[start:end]) < 2:
            return None
        return start, end

    def government_body(self, name: str) -> bool:
        """True for a government or party body or a news outlet (省发展改革委, 郑州市委, 河南日报)."""
        if name.endswith(self.words.suffixes):
            return False
        if name.endswith(self.words.government_endings) or name.endswith(self.words.media_endings):
            return True
        title = None
        for title in self.lex.title_pattern.finditer(name):  # noqa: B007
            pass
        return title is not None and title.end() == len(name)  # 克山县委书记: a post, not a body

    def company_context(self, start: int, end: int) -> bool:
        """True when the clause around the name says it is a company (…等企业, 与…签约, 投资方)."""
        left, right = clause_bounds(self.text, start, end)
        around = self.text[left:start] + "|" + self.text[end:right]
        return any(word in around for word in self.words.company_context)

    def in_project_name(self, end: int) -> bool:
        """True when more of a project's or a site's name follows (雅福 + 总部大楼等项目)."""
        text = self.text
        stop = min(len(text), end + 8)
        for pos in range(end, stop):
            if not is_han(text[pos]) or self.words.name_breaks.match(text, pos):
                return False
            if self.words.project_words.match(text, pos):
                return True
        return False

    def site(self, start: int) -> bool:
        """True for a site visited: 来到…, 走进…."""
        return self.text.endswith(self.words.site_verbs, max(0, start - 4), start)

    def confirm_organization(self, cand: Candidate, confirmed: list[tuple[int, int]]) -> ConfirmedOrganization | None:
        """The organisation an ORG candidate is, or None when the rules do not confirm it."""
        span = self.org_span(cand)
        if span is None:
            return None
        start, end = span
        suffix = self.words.suffix_pattern.match(self.text, end)
        if suffix is not None:  # 婺商 + 总会: the model stopped short of the suffix
            end = suffix.end()
        name = self.text[start:end]
        if name in self.words.generic_names or name.startswith(self.words.left_stops) or self.government_body(name):
            return None
        if self.excluded.overlaps(start, end) or self.leader_spans.overlaps(start, end):
            return None
        if any(name in known for known in self.org_names):
            return None  # a short form of a name already listed
        if name.endswith(self.words.suffixes) and cand.label == "ORG":
            return ConfirmedOrganization(start, end, "suffix")
        if self.in_project_name(end):
            return None
        if cand.label == "ORG":
            if self.company_context(start, end):
                return ConfirmedOrganization(start, end, "context")
            if self.site(start):
                return ConfirmedOrganization(start, end, "site")
        items = self.list_items(start, end)
        if items is not None:
            starts = self.org_starts | {a for a, _ in confirmed}
            ends = self.org_ends | {b for _, b in confirmed}
            if any(a in starts or b in ends for a, b in items if b != end):
                return ConfirmedOrganization(start, end, "list")
        return None


def confirm(text: str, candidates: Iterable[Candidate], known: Known
            ) -> tuple[list[ConfirmedLeader], list[ConfirmedOrganization]]:
    """The candidates the rules confirm: leaders (with titles) and organisations, each name once, in text order.

    Organisations are decided first (a person inside a confirmed organisation is no leader), then
    persons: those with a title first, so that a 、 list's other items can count on them.
    """
    candidates = sorted(set(candidates), key=lambda c: (c.start, c.end))
    confirmer = Confirmer(text, known)
    orgs: list[ConfirmedOrganization] = []
    org_names: set[str] = set()
    for cand in sorted((c for c in candidates if c.label in ("ORG", "NZ")), key=lambda c: c.label != "ORG"):
        org = confirmer.confirm_organization(cand, [(o.start, o.end) for o in orgs])
        if org is not None and text[org.start : org.end] not in org_names and not any(
                org.start < o.end and o.start < org.end for o in orgs):
            orgs.append(org)
            org_names.add(text[org.start : org.end])
    confirmer.excluded = Intervals([*((a, b) for a, b in known.reporters),
                                    *((h.start, h.end) for h in known.organizations),
                                    *((o.start, o.end) for o in orgs)])
    persons = [c for c in candidates if c.label == "PER" and text[c.start : c.end] not in confirmer.leader_names]
    leaders: dict[tuple[int, int], ConfirmedLeader] = {}
    for _ in range(2):  # the second pass lets list items count on leaders the first pass confirmed
        spans = set(leaders)
        for cand in persons:
            if (cand.start, cand.end) not in leaders:
                leader = confirmer.confirm_person(cand, spans)
                if leader is not None:
                    leaders[(cand.start, cand.end)] = leader
    out: list[ConfirmedLeader] = []
    seen: set[str] = set()
    for key in sorted(leaders):
        name = text[key[0] : key[1]]
        if name not in seen:
            seen.add(name)
            out.append(leaders[key])
    return out, orgs
