"""Leaders: titles, lists, merged tokens, exclusions."""
from __future__ import annotations


def leaders(record):
    return [(x["name"], x["titles"]) for x in record["leaders"]]


def test_stacked_titles_are_split(extract):
    text = "7月5日，郑州市委副书记、市长何雄致辞，河南省委常委、郑州市委书记安伟出席。"
    assert leaders(extract(text)) == [("何雄", ["郑州市委副书记", "市长"]), ("安伟", ["河南省委常委", "郑州市委书记"])]


def test_names_in_a_list_after_leaders_word_and_before_a_verb(extract):
    text = "市委书记张伟出席。市领导王东伟、蔡松涛、黄 钫、杨进参加。穆为民、周霁、徐立毅在主会场出席。"
    assert leaders(extract(text)) == [
        ("张伟", ["市委书记"]), ("王东伟", []), ("蔡松涛", []), ("黄钫", []), ("杨进", []),
        ("穆为民", []), ("周霁", []), ("徐立毅", []),
    ]


def test_list_followed_by_deng_and_leaders_word(extract):
    assert leaders(extract("王加培、胡建军等市领导参加。")) == [("王加培", []), ("胡建军", [])]
    assert leaders(extract("谢天学、李 俊等出席。")) == [("谢天学", []), ("李俊", [])]


def test_a_name_jieba_merges_with_the_next_character(extract, extractor):
    text = "省委书记楼阳生出席并讲话，省长王凯作工作部署。王凯指出，要抓项目。"
    record = extract(text)
    assert leaders(record) == [("楼阳生", ["省委书记"]), ("王凯", ["省长"])]
    wang = record["leaders"][1]
    assert [text[a:b] for a, b in wang["mentions"]] == ["王凯", "王凯"]
    assert [a["text"] for a in wang["actions"]] == ["作工作部署"]


def test_three_character_name_before_a_preposition(extract):
    assert leaders(extract("市长费东斌在主会场出席。")) == [("费东斌", ["市长"])]


def test_company_and_institute_people_are_not_leaders(extract):
    text = (
        "市委书记蔡松涛，中国科学院工程热物理研究所党委书记、副所长黄从利出席。"
        "中国中铁股份有限公司党委副书记、执行董事、总裁陈文健，河南九如科技公司董事长孙世伟出席。"
    )
    assert leaders(extract(text)) == [("蔡松涛", ["市委书记"])]


def test_reporters_are_not_leaders(extract):
    record = extract("（记者 王民峰）1月2日，市长李明俊出席。")
    assert leaders(record) == [("李明俊", ["市长"])]


def test_place_lists_are_not_names(extract):
    assert leaders(extract("郑州市、平顶山市、周口市汇报了活动开展情况。")) == []


def test_compound_surnames(extract):
    text = "市委书记欧阳晓明出席，市委副书记、市长司马光华主持。市领导诸葛亮、上官婉儿出席。"
    assert leaders(extract(text)) == [
        ("欧阳晓明", ["市委书记"]), ("司马光华", ["市委副书记", "市长"]), ("诸葛亮", []), ("上官婉儿", []),
    ]


def test_minority_names_with_a_middle_dot(extract):
    text = "自治区党委副书记、自治区主席艾尔肯·吐尼亚孜出席。自治区领导玉苏甫江·麦麦提、张春林出席。"
    assert leaders(extract(text)) == [
        ("艾尔肯·吐尼亚孜", ["自治区党委副书记", "自治区主席"]), ("玉苏甫江·麦麦提", []), ("张春林", []),
    ]


def test_title_after_the_name(extract):
    text = "3月2日，全市项目开工。王建国市长出席并讲话。李明（市委书记）宣布开工。"
    assert leaders(extract(text)) == [("王建国", ["市长"]), ("李明", ["市委书记"])]


def test_bare_name_opening_a_clause_with_an_attendance_verb(extract):
    assert leaders(extract("陈金彪主持，周江勇、彭佳学出席主会场活动。")) == [
        ("陈金彪", []), ("周江勇", []), ("彭佳学", []),
    ]


def test_a_leader_cited_by_a_quote_is_not_an_attendee(extract):
    assert leaders(extract("深入贯彻习近平总书记关于湖南工作重要指示精神。")) == []


def test_traditional_characters(extract):
    text = "省委書記樓陽生出席並講話，省長王凱作工作部署。"
    assert leaders(extract(text)) == [("樓陽生", ["省委書記"]), ("王凱", ["省長"])]


def test_each_leader_once_in_order_of_first_mention_with_all_mentions(extract):
    record = extract("市长陈平主持。市委书记李强讲话。陈平指出，要抓项目。")
    assert [x["name"] for x in record["leaders"]] == ["陈平", "李强"]
    assert len(record["leaders"][0]["mentions"]) == 2


def test_stacked_department_posts_and_secretary_general(extract):
    text = "省委常委、组织部部长于立军，省委常委、秘书长陈炜主持。"
    assert leaders(extract(text)) == [("于立军", ["省委常委", "组织部部长"]), ("陈炜", ["省委常委", "秘书长"])]


def test_zone_committee_posts_keep_the_zone_name(extract):
    text = "会上，广州开发区党工委书记、管委会主任陈杰出席。市发展改革委主任李华讲话。"
    assert leaders(extract(text)) == [("陈杰", ["广州开发区党工委书记", "管委会主任"]), ("李华", ["市发展改革委主任"])]


def test_an_association_post_is_not_an_official(extract):
    assert leaders(extract("省企业联合会秘书长张明出席。")) == []


def test_a_department_head_stack_and_an_acting_mayor(extract):
    text = "市商务局党组书记、局长刘军，市委副书记、代市长赵伟出席。会议由局长主持。"
    assert leaders(extract(text)) == [("刘军", ["市商务局党组书记", "局长"]), ("赵伟", ["市委副书记", "代市长"])]


def test_a_deputy_post_is_shared_by_the_names_listed_after_it(extract):
    text = "市委常委、常务副市长张强，副市长李明、王五出席。市委书记陈平、赵六等到现场。"
    assert leaders(extract(text)) == [
        ("张强", ["市委常委", "常务副市长"]), ("李明", ["副市长"]), ("王五", ["副市长"]), ("陈平", ["市委书记"]), ("赵六", []),
    ]


def test_a_list_after_leaders_and_a_colon(extract):
    assert leaders(extract("出席活动的市领导有：张小辉、胡晓峰。")) == [("张小辉", []), ("胡晓峰", [])]


def test_tagged_names_are_found_through_the_nr_openings():
    """A surname the gazetteer lacks: jieba's nr tag still finds the name; a non-name does not pass."""
    from zhnews import lexicon
    from zhnews.pipeline.names import NameFinder, jieba_tags, nr_openings

    nr_words = [w for w, tag in jieba_tags().items() if tag == "nr" and len(w) == 3]
    openings = nr_openings()
    assert all(word[:2] in openings for word in nr_words)
    surnames = lexicon.load().surnames
    word = next(w for w in nr_words if w[0] not in surnames and all("\u4e00" <= c <= "\u9fff" for c in w))
    text = f"{word}出席会议"
    assert NameFinder(text).name_at(0) == (0, 3)
    assert NameFinder("签约仪式出席会议").name_at(0) is None


def test_where_no_name_may_start_neither_name_test_finds_one():
    """``may_start_name`` only rules out: wherever it says no, ``name_at`` and ``looks_like_name`` say no."""
    from conftest import CORPUS

    from zhnews.pipeline.names import NameFinder

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["艾尔肯·吐尼亚孜出席，阿卜杜·热合曼等", "欧阳明、司马光、王凯作报告"]
    ruled_out = 0
    for text in texts:
        names = NameFinder(text)
        for pos in range(len(text)):
            if names.may_start_name(pos):
                continue
            ruled_out += 1
            assert names.name_at(pos) is None, text[pos : pos + 6]
            assert not any(names.looks_like_name(pos, end) for end in range(pos + 1, min(len(text), pos + 30) + 1))
    assert ruled_out > 5_000  # the test would pass vacuously if nothing were ruled out


def test_a_list_keeps_its_names_and_drops_what_is_not_one(extract):
    cases = {
        "区领导刘明辉、孙丽、及区直有关部门负责同志参加。": ["刘明辉", "孙丽"],
        "省领导朱卫国、丁克明、陆小川及省直有关部门负责人参加。": ["朱卫国", "丁克明", "陆小川"],
        "市领导高峰、市政府秘书长潘明、邹洁陪同。": ["高峰", "潘明", "邹洁"],
        "旗领导额尔敦、巴特尔、宝音图、张国庆出席。": ["额尔敦", "巴特尔", "宝音图", "张国庆"],
        "黄晓东、乌兰其其格、阿不都热依木·买买提等自治区领导出席。": ["黄晓东", "乌兰其其格", "阿不都热依木·买买提"],
    }
    for text, expected in cases.items():
        assert [name for name, _ in leaders(extract(text))] == expected, text


def test_lists_closed_by_their_label_or_a_verb_or_introduced(extract):
    cases = {
        "参加活动的有马建华、周立新、钱学军等市级领导。": ["马建华", "周立新", "钱学军"],
        "杜鹃、冯大为、韩梅梅等县领导一同观摩。": ["杜鹃", "冯大为", "韩梅梅"],
        "雷鸣、方圆、陶醉、司徒雷登等自治区领导在分会场参加活动。": ["雷鸣", "方圆", "陶醉", "司徒雷登"],
        "徐志刚、顾晓莉、沈军分别在主会场和分会场出席。": ["徐志刚", "顾晓莉", "沈军"],
        "出席的还有县领导陈小平、吴海涛、杨永明。": ["陈小平", "吴海涛", "杨永明"],
        "出席仪式的还有蒋文、龚雪、黎明辉。": ["蒋文", "龚雪", "黎明辉"],
        "邵华、田野、邱明等见证签约。": ["邵华", "田野", "邱明"],
    }
    for text, expected in cases.items():
        assert [name for name, _ in leaders(extract(text))] == expected, text


def test_lists_of_other_things_are_not_names(extract):
    for text in [
        "签约、开工、投产等环节依次进行，企业家代表出席。",
        "省发展改革委、省工信厅、省商务厅等部门参加。",
        "郑州市、开封市、洛阳市等地参加。",
        "新材料、装备制造、生物医药等产业项目参加签约。",
    ]:
        assert leaders(extract(text)) == [], text


def test_a_single_name_after_a_leaders_word(extract):
    assert leaders(extract("区领导邹平，以及区级有关部门负责人参加。")) == [("邹平", [])]
    assert leaders(extract("会议强调，领导干部要带头抓项目。")) == []


def test_titles_keep_their_full_prefix_as_written(extract):
    cases = {
        "市政府副市长许文博、县政府县长韩磊出席。": [("许文博", ["市政府副市长"]), ("韩磊", ["县政府县长"])],
        "柳树镇党委书记郭明宣布开工。": [("郭明", ["柳树镇党委书记"])],
        "青山经开区党工委书记、管委会主任邓飞致辞。": [("邓飞", ["青山经开区党工委书记", "管委会主任"])],
        "市自然资源和规划局局长石磊介绍了情况。": [("石磊", ["市自然资源和规划局局长"])],
        "县人民政府副县长罗平主持。": [("罗平", ["县人民政府副县长"])],
        "市委统战部副部长丁一、市住房城乡建委总工程师乔木出席。": [
            ("丁一", ["市委统战部副部长"]), ("乔木", ["市住房城乡建委总工程师"])],
        "第二师铁门关市发改委副主任金石介绍。": [("金石", ["第二师铁门关市发改委副主任"])],
        "湘西州委书记龙华出席。": [("龙华", ["湘西州委书记"])],
    }
    for text, expected in cases.items():
        assert leaders(extract(text)) == expected, text


def test_bodies_of_every_kind(extract):
    text = (
        "市总工会主席包红、市中级人民法院院长林涛、市人民检察院检察长方正出席。"
        "军分区司令员胡刚，人民银行洛阳市中心支行行长陶然，审计署郑州特派员办事处特派员何平参加。"
        "地委委员、行署副专员努尔兰讲话。"
    )
    assert leaders(extract(text)) == [
        ("包红", ["市总工会主席"]), ("林涛", ["市中级人民法院院长"]), ("方正", ["市人民检察院检察长"]),
        ("胡刚", ["军分区司令员"]), ("陶然", ["人民银行洛阳市中心支行行长"]),
        ("何平", ["审计署郑州特派员办事处特派员"]), ("努尔兰", ["地委委员", "行署副专员"]),
    ]


def test_every_title_of_a_stack(extract):
    cases = {
        "会上，县委常委、县政府常务副县长蒋立新主持。": [("蒋立新", ["县委常委", "县政府常务副县长"])],
        "自治区党委书记、人大常委会主任乌云出席。": [("乌云", ["自治区党委书记", "人大常委会主任"])],
        "旗委副书记、政府旗长白音致辞。": [("白音", ["旗委副书记", "政府旗长"])],
        "市委常委、秘书长、统战部长常青出席。": [("常青", ["市委常委", "秘书长", "统战部长"])],
        "区党委副书记、自治区常务副主席马骏宣布开工。": [("马骏", ["区党委副书记", "自治区常务副主席"])],
        "市委副书记、常务副市长，浙江省援疆指挥部指挥长姚远致辞。": [
            ("姚远", ["市委副书记", "常务副市长", "浙江省援疆指挥部指挥长"])],
    }
    for text, expected in cases.items():
        assert leaders(extract(text)) == expected, text


def test_a_titled_name_is_a_leader_whatever_verb_follows(extract):
    text = (
        "县委书记孙浩下达开工令。市长钟华传达了会议精神。州长马林致欢迎辞。"
        "县长曹阳作动员讲话。副县长罗斌宣读了表彰决定。省长虢国强当场宣布开工。"
    )
    assert leaders(extract(text)) == [
        ("孙浩", ["县委书记"]), ("钟华", ["市长"]), ("马林", ["州长"]), ("曹阳", ["县长"]), ("罗斌", ["副县长"]),
        ("虢国强", ["省长"]),
    ]


def test_names_without_a_known_surname_or_of_four_characters_after_a_title(extract):
    text = "副市长尼玛次仁主持。旗政协主席巴音朝鲁等旗领导出席。副州长字正清、秘书长施琳等参加。"
    assert leaders(extract(text)) == [
        ("尼玛次仁", ["副市长"]), ("巴音朝鲁", ["旗政协主席"]), ("字正清", ["副州长"]), ("施琳", ["秘书长"]),
    ]


def test_a_title_or_a_bare_post_after_the_name(extract):
    text = "张晓主任、李四市长、王五（市委书记）出席。曾光明书记强调，要抓项目。"
    assert leaders(extract(text)) == [("张晓", []), ("李四", ["市长"]), ("王五", ["市委书记"]), ("曾光明", [])]


def test_cited_officials_are_not_leaders(extract):
    text = (
        "会议传达学习了习近平总书记重要讲话精神，学习了省委书记王强关于项目建设的重要讲话，"
        "按照刘洋书记的要求抓落实。"
    )
    assert leaders(extract(text)) == []


def test_party_posts_in_companies_banks_and_universities_are_not_leaders(extract):
    text = (
        "河南投资集团党委书记、董事长刘新勇，郑州大学党委书记宋争辉，"
        "中国银行河南省分行党委书记、行长王兵，浙江清华长三角研究院副院长兼杭州分院院长邵华出席。"
    )
    assert leaders(extract(text)) == []


def test_a_stack_continues_with_any_department_and_post(extract):
    text = "东城区科委科协党组书记、科委主任柏林出席。市工商联主席、市妇联主席章华参加。"
    assert leaders(extract(text)) == [
        ("柏林", ["东城区科委科协党组书记", "科委主任"]), ("章华", ["市工商联主席", "市妇联主席"]),
    ]


def test_a_commercial_banks_branch_president_is_no_official(extract):
    text = "建行省分行行长杨帆、工行市分行副行长林立出席。人民银行市中心支行副行长孔亮讲话。"
    assert leaders(extract(text)) == [("孔亮", ["人民银行市中心支行副行长"])]


# --- Issue 13d: mechanisms met on unseen reports -------------------------------------------------


def test_a_post_is_never_read_as_a_name(extract):
    # 区/常/党/全 are surnames and 书记/委员 may follow a name: 区委副 + 书记, 市委常 + 委 are pieces of posts.
    cases = [
        ("3月5日，区委书记王建明出席开工仪式，区委副书记、区长刘志强致辞。",
         [("王建明", ["区委书记"]), ("刘志强", ["区委副书记", "区长"])]),
        ("镇党委书记孙立主持，县委副书记、县长赵宏伟讲话，市委常委、常务副市长黄启明出席。",
         [("孙立", ["镇党委书记"]), ("赵宏伟", ["县委副书记", "县长"]), ("黄启明", ["市委常委", "常务副市长"])]),
        ("全国政协委员、区委常委、副区长常明出席。", [("常明", ["全国政协委员", "区委常委", "副区长"])]),
    ]
    for text, expected in cases:
        assert leaders(extract(text)) == expected, text
    # Distractors: real people whose surname is a level or body character still are names.
    assert leaders(extract("区长区志强出席，常务副市长常明主持，县委书记党国英讲话。")) == [
        ("区志强", ["区长"]), ("常明", ["常务副市长"]), ("党国英", ["县委书记"]),
    ]


def test_name_finder_rejects_pieces_of_titles():
    from zhnews.pipeline.names import NameFinder

    text = "，区委副书记。，市委常委。，镇党委书记。，党委副书记。，常务副县长。，区志强出席。"
    finder = NameFinder(text)
    for piece, is_name in [("区委副", False), ("市委常", False), ("镇党委", False), ("党委副", False),
                           ("常务副", False), ("区志强", True)]:
        start = text.index(piece)
        assert finder.looks_like_name(start, start + len(piece)) is is_name, piece
        assert (finder.name_at(start) is not None) is is_name, piece


def test_every_post_of_a_three_post_stack_and_any_speech_verb(extract):
    cases = [
        ("5月8日，市委常委、常务副市长、政法委副书记张德胜介绍，今年全市共签约项目30个。",
         [("张德胜", ["市委常委", "常务副市长", "政法委副书记"])]),
        ("县委常委、副县长、公安局局长李卫东表示，要抓好安全生产。",
         [("李卫东", ["县委常委", "副县长", "公安局局长"])]),
        ("区委常委、常务副区长、宣传部副部长王丽说，项目进展顺利。",
         [("王丽", ["区委常委", "常务副区长", "宣传部副部长"])]),
        ("州委常委、州委政法委书记何平透露，全州将新开工项目50个。", [("何平", ["州委常委", "州委政法委书记"])]),
        ("市委副书记、政研室主任高峰坦言，任务艰巨。", [("高峰", ["市委副书记", "政研室主任"])]),
    ]
    for text, expected in cases:
        assert leaders(extract(text)) == expected, text


def test_a_shared_title_over_a_pair_and_a_stack_post_opening_a_list(extract):
    cases = [
        ("6月9日，区委常委、副区长李成功、周晓明，副区长吴建国、郑爱华等领导出席开工仪式。",
         [("李成功", ["区委常委", "副区长"]), ("周晓明", ["区委常委", "副区长"]),
          ("吴建国", ["副区长"]), ("郑爱华", ["副区长"])]),
        ("3月1日，市委常委、副市长张海、刘江出席。", [("张海", ["市委常委", "副市长"]), ("刘江", ["市委常委", "副市长"])]),
        ("省委常委、秘书长刘宁，副省长陈舜、李亚、武国定出席。",
         [("刘宁", ["省委常委", "秘书长"]), ("陈舜", ["副省长"]), ("李亚", ["副省长"]), ("武国定", ["副省长"])]),
        ("市政协副主席黄丽、陈宏出席。镇党委书记孙立、党委副书记钱多多出席。",
         [("黄丽", ["市政协副主席"]), ("陈宏", ["市政协副主席"]), ("孙立", ["镇党委书记"]), ("钱多多", ["党委副书记"])]),
    ]
    for text, expected in cases:
        assert leaders(extract(text)) == expected, text
    # A post one person holds is not shared: 市委书记甲、乙 gives 乙 no title.
    assert leaders(extract("市委书记马明、王刚出席。")) == [("马明", ["市委书记"]), ("王刚", [])]


def test_ranks_of_the_civil_service_after_a_level_word_a_body_or_in_a_stack(extract):
    text = ("市一级巡视员王海涛、省二级巡视员李红梅出席。县督查专员赵兵、市一级调研员钱进参加。"
            "市政府一级巡视员刘文军，省政府政务督查专员周立，市政府党组成员、二级巡视员王建华出席。")
    assert leaders(extract(text)) == [
        ("王海涛", ["市一级巡视员"]), ("李红梅", ["省二级巡视员"]), ("赵兵", ["县督查专员"]), ("钱进", ["市一级调研员"]),
        ("刘文军", ["市政府一级巡视员"]), ("周立", ["省政府政务督查专员"]), ("王建华", ["市政府党组成员", "二级巡视员"]),
    ]


def test_dotted_names_after_a_prefecture_title(extract):
    text = ("和田地区政协工委副主任阿不都热合曼·吐尔逊出席。阿克苏地区行署专员玉素甫江·麦麦提主持，"
            "县委副书记、县长帕尔哈提·艾则孜讲话。该地区生产总值增长。")
    assert leaders(extract(text)) == [
        ("阿不都热合曼·吐尔逊", ["和田地区政协工委副主任"]), ("玉素甫江·麦麦提", ["阿克苏地区行署专员"]),
        ("帕尔哈提·艾则孜", ["县委副书记", "县长"]),
    ]


def test_a_zone_of_any_kind_opens_its_committees_posts(extract):
    text = ("太白山旅游区党委副书记、管委会主任张军辉发言。市政协副主席、黄冈市临空经济区党工委书记周银芝出席，"
            "城东产业集聚区党工委书记王强主持。")
    assert leaders(extract(text)) == [
        ("张军辉", ["太白山旅游区党委副书记", "管委会主任"]), ("周银芝", ["市政协副主席", "黄冈市临空经济区党工委书记"]),
        ("王强", ["城东产业集聚区党工委书记"]),
    ]


def test_a_stack_joined_by_jian_and_departments_whose_name_opens_with_a_level_character(extract):
    text = ("市委副书记兼市委秘书长陶怀业，县委副书记兼政法委书记刘强出席。市委常委、宣传部部长兼市文明办主任孙九主持。"
            "市市场监督管理局局长王五、县县域经济发展中心主任李六、市委党史研究室主任赵七出席，县长助理吴刚陪同。")
    assert leaders(extract(text)) == [
        ("陶怀业", ["市委副书记", "市委秘书长"]), ("刘强", ["县委副书记", "政法委书记"]),
        ("孙九", ["市委常委", "宣传部部长", "市文明办主任"]), ("王五", ["市市场监督管理局局长"]),
        ("李六", ["县县域经济发展中心主任"]), ("赵七", ["市委党史研究室主任"]), ("吴刚", ["县长助理"]),
    ]


def test_a_verb_after_a_bare_title_is_no_name(extract):
    # 强 and 高 are surnames: 区委书记 + 强调 names nobody; 高峰, 强军, 向东 are names.
    assert leaders(extract("会议由区委副书记主持。区委书记强调，要抓项目。县长高度重视，市长表示，要抓落实。")) == []
    assert leaders(extract("市委书记高峰强调，要抓项目。县长强军出席。副县长向东主持。")) == [
        ("高峰", ["市委书记"]), ("强军", ["县长"]), ("向东", ["副县长"]),
    ]


def test_a_titled_two_character_name_before_an_action_verb(extract):
    text = "副市长王丽调度项目进展。县委书记李强点评，县长赵敏总结。副县长孙杰揭牌，市委常委周宁剪彩。"
    assert leaders(extract(text)) == [
        ("王丽", ["副市长"]), ("李强", ["县委书记"]), ("赵敏", ["县长"]), ("孙杰", ["副县长"]), ("周宁", ["市委常委"]),
    ]


def test_a_government_post_without_its_level_word(extract):
    text = ("7月25日，政府县长李刚主持召开推进会，县委常委、政府常务副县长张翠珍，政府副县长王尚赟分别作安排部署。"
            "政府工作报告提出，要抓项目。")
    assert leaders(extract(text)) == [
        ("李刚", ["政府县长"]), ("张翠珍", ["县委常委", "政府常务副县长"]), ("王尚赟", ["政府副县长"]),
    ]


def test_a_post_before_a_dotted_name_in_a_list_and_posts_of_other_bodies(extract):
    text = "10月23日，县人大常委会主任沙恒别克·贾那提别克、政协主席古丽努尔·阿布勒以及部分人大代表视察项目。"
    assert leaders(extract(text)) == [
        ("沙恒别克·贾那提别克", ["县人大常委会主任"]), ("古丽努尔·阿布勒", ["政协主席"]),
    ]
    # 师 is a surname, 师长 a post: no leader 师长.
    assert leaders(extract("师市党委副书记、师长、市长王新民充分肯定了对口支援工作。")) == [("王新民", ["市长"])]
    text = "山东省援疆工作指挥部党委书记、总指挥，喀什地委副书记张成伟带队调研。"
    assert leaders(extract(text)) == [("张成伟", ["山东省援疆工作指挥部党委书记", "总指挥", "喀什地委副书记"])]


def test_a_unique_post_of_a_standing_committee_is_not_shared(extract):
    # 人大常委会主任 holds 常委 in its body's name, not as a post: the bare name after it gets nothing.
    assert leaders(extract("县人大常委会主任王强、李明出席。县人大常委会副主任赵刚、孙丽出席。")) == [
        ("王强", ["县人大常委会主任"]), ("李明", []), ("赵刚", ["县人大常委会副主任"]), ("孙丽", ["县人大常委会副主任"]),
    ]
