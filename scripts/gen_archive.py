"""Generated news reports for scale checks: the genre's sentences with names, places, companies,
projects and figures drawn at random, so the vocabulary keeps growing as a real archive's does."""
from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "zhnews" / "lexicon" / "data"
# Common given-name characters; names, companies and projects draw from them.
GIVEN = ("伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信"
         "子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩"
         "亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
         "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍")
POSTS = ("市委书记", "市长", "省委书记", "省长", "副市长", "市委副书记", "县委书记", "县长", "区委书记", "区长",
         "市委常委、常务副市长", "市人大常委会主任", "市政协主席", "副省长")
INDUSTRY = ("新能源", "智能制造", "生物医药", "电子信息", "新材料", "现代物流", "文化旅游", "高端装备", "数字经济",
            "绿色化工")
KIND = ("签约", "开工", "竣工", "投产")


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


class Generator:
    """Deterministic documents: ``Generator(seed).document(i)``."""

    def __init__(self, seed: int = 1) -> None:
        self.random = random.Random(seed)
        self.surnames = [s for s in _lines("surnames.txt") if len(s) == 1]
        self.places = [p for p in _lines("places.txt") if 2 <= len(p) <= 4 and p.endswith(("市", "县", "区"))]

    def name(self) -> str:
        r = self.random
        return r.choice(self.surnames) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def word(self, low: int = 2, high: int = 3) -> str:
        return "".join(self.random.choice(GIVEN) for _ in range(self.random.randint(low, high)))

    def document(self, index: int) -> str:
        r = self.random
        place = r.choice(self.places)
        month, day = r.randint(1, 12), r.randint(1, 28)
        kind = r.choice(KIND)
        leaders = [(r.choice(POSTS), self.name()) for _ in range(r.randint(2, 5))]
        count, amount = r.randint(10, 400), r.randint(10, 5000)
        companies = [f"{place[:-1]}{self.word()}{r.choice(INDUSTRY)}有限公司" for _ in range(r.randint(1, 4))]
        projects = [f"{self.word()}{r.choice(INDUSTRY)}产业园项目" for _ in range(r.randint(1, 3))]
        reporter = self.name()
        parts = [
            f"{place}{r.randint(2015, 2024)}年重点项目集中{kind}活动举行",
            f"本报讯（记者 {reporter}）{month}月{day}日上午，{place}重点项目集中{kind}活动举行。",
            "、".join(f"{post}{name}" for post, name in leaders) + "出席活动。",
            f"据统计，此次集中{kind}项目{count}个，总投资{amount}亿元，涵盖{'、'.join(r.sample(INDUSTRY, 3))}等领域。",
            f"其中，{'、'.join(projects)}由{'、'.join(companies)}投资建设。",
            f"{leaders[0][1]}强调，一要{self.word()}{self.word()}，持续扩大有效投资；二要优化服务，"
            f"推动{self.word()}项目早日建成投产；三要压实责任，确保{r.randint(2, 9)}个{self.word()}工程按期完工。",
            f"{leaders[-1][1]}主持活动并介绍了{place}{self.word()}{self.word()}的有关情况。",
        ]
        return "\n".join(parts) + "\n"
