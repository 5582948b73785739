"""Held-out pre-review corpus (writer b): 芜湖市镜湖区政务服务中心, five items of five departments.

    from corpus import cases, NOW, CATALOGUE
    for c in cases(): for f in c.files: data = f.build()

Everything is deterministic; files are built lazily."""

import datetime
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable

from PIL import Image
from stdnum.cn import ric, uscc

try:
    from . import _capture as C
    from . import _docs as Dd
    from . import _forms as Fm
    from . import _kit as K
except ImportError:  # loaded as a plain module (no package): import the siblings by path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _capture as C  # type: ignore
    import _docs as Dd  # type: ignore
    import _forms as Fm  # type: ignore
    import _kit as K  # type: ignore

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.timezone.utc)
CATALOGUE = Path(__file__).with_name("catalogue.yml")
D = datetime.date
Person = Dd.Person


@dataclass(frozen=True)
class File:
    name: str
    build: Callable[[], bytes]
    shows: str


@dataclass(frozen=True)
class Case:
    name: str
    item: str
    scenario: str | None
    files: list[File]
    expected: dict[str, str]
    documents: dict[str, str] = field(default_factory=dict)


# -- identities -------------------------------------------------------------------------------------------

def rid(region: str, birth: D, seq: str) -> str:
    """A valid ID number. Codes not yet assigned in the birth year fall back to 340221 (former 芜湖县)."""
    for reg in (region, "340221"):
        body = f"{reg}{birth:%Y%m%d}{seq}"
        n = body + ric.calc_check_digit(body + "0")  # the function ignores the last character
        if ric.is_valid(n):
            return n
    raise ValueError(n)


def bad_check(n: str) -> str:
    """The same number with a wrong final check character."""
    alt = "0123456789X" if len(n) == 18 and n[:17].isdigit() else "0123456789ABCDEFGHJKLMNPQRTUWXY"
    c = alt[(alt.index(n[-1]) + 3) % len(alt)]
    out = n[:-1] + c
    assert not (ric.is_valid(out) or uscc.is_valid(out))
    return out


def credit(prefix17: str) -> str:
    n = prefix17 + uscc.calc_check_digit(prefix17)
    assert uscc.is_valid(n), n
    return n


def P(name, sex, birth, region, seq, addr, vf=D(2017, 3, 2), vt=D(2037, 3, 2), auth="芜湖市公安局镜湖分局",
      phone="13905530000", id_=None):
    return Person(name, sex, birth, id_ or rid(region, birth, seq), addr, "汉", vf, vt, auth, phone)


JH = "安徽省芜湖市镜湖区"
# housing applicants
WANG = P("汪晓梅", "女", D(1990, 4, 17), "340202", "042", JH + "赭山街道青山街56号3栋201室", D(2016, 8, 9), D(2036, 8, 9), phone="13855321746")
ZHOU = P("周建军", "男", D(1988, 11, 3), "340203", "017", JH + "赭山街道青山街56号3栋201室", D(2019, 1, 22), D(2039, 1, 22), phone="15955367012")
HU = P("胡思远", "男", D(1996, 2, 28), "340223", "251", "安徽省南陵县籍山镇春谷路18号", D(2014, 6, 30), D(2034, 6, 30), "南陵县公安局", "18155378843")
CAO = P("曹丽娟", "女", D(1984, 9, 12), "340104", "068", JH + "弋矶山街道吉和街27号", D(2011, 5, 4), D(2031, 5, 4), phone="13705532264")
XU = P("徐文斌", "男", D(1993, 7, 7), "340202", "119", JH + "镜湖新城兴隆路88号12-1-502", D(2012, 3, 15), D(2027, 3, 15), phone="17755302218")
LIAO = P("廖红霞", "女", D(1987, 1, 25), "342622", "324", "安徽省庐江县庐城镇文昌路9号", D(2006, 8, 15), D(2026, 8, 15), "庐江县公安局", "13965508871")
QIAN = P("钱明辉", "男", D(1991, 12, 9), "340202", "035", JH + "天门山街道北京西路108号", D(2019, 10, 8), D(2039, 10, 8), phone="18955361190")
# medical insurance
SUN = P("孙德华", "男", D(1959, 6, 20), "340202", "013", JH + "大砻坊街道北京中路30号", D(2014, 2, 17), None, phone="13305530916")
YAN = P("严雪琴", "女", D(1961, 3, 30), "340203", "028", JH + "范罗山街道新芜路12号", D(2021, 4, 1), None, phone="13866580217")
JIANG = P("蒋志刚", "男", D(1985, 10, 14), "340202", "077", JH + "天门山街道赭山西路66号", D(2018, 7, 2), D(2038, 7, 2), phone="15305532287")
PENG = P("彭海燕", "女", D(1990, 5, 19), "340207", "046", JH + "汀棠街道汀棠路9号", D(2006, 3, 20), D(2026, 3, 20), phone="13956228834")
DONG = P("董立平", "男", D(1962, 8, 8), "340202", "101", JH + "镜湖街道中山路5号", D(2012, 9, 9), None, phone="18905531177")
MA = P("马俊杰", "男", D(1983, 4, 4), "340104", "015", JH + "方村街道方村路200号", D(2015, 12, 1), D(2035, 12, 1), phone="13605531550")
YE = P("叶桂芳", "女", D(1960, 12, 21), "340223", "062", "安徽省南陵县许镇镇和平街3号", D(2013, 1, 9), None, "南陵县公安局", "13505538712")
YE_DAUGHTER = P("王静", "女", D(1986, 5, 2), "340223", "046", "浙江省宁波市鄞州区首南街道天童南路588号", auth="宁波市公安局鄞州分局")
# education families
LU_F = P("陆海涛", "男", D(1988, 2, 11), "340202", "015", JH + "赭麓街道凤凰家园7-2-301", D(2016, 2, 20), D(2036, 2, 20), phone="13955316620")
LU_M = P("沈佳怡", "女", D(1990, 9, 1), "340203", "048", JH + "赭麓街道凤凰家园7-2-301", D(2017, 6, 6), D(2037, 6, 6), phone="18055326671")
LU_C = P("陆子涵", "女", D(2020, 5, 8), "340202", "022", JH + "赭麓街道凤凰家园7-2-301", D(2024, 1, 1), D(2029, 1, 1))
FANG_F = P("方国栋", "男", D(1986, 12, 30), "410105", "137", "河南省郑州市金水区纬五路21号", D(2015, 4, 8), D(2035, 4, 8), "郑州市公安局金水分局", "15036021883")
FANG_M = P("李春燕", "女", D(1989, 3, 3), "410105", "262", "河南省郑州市金水区纬五路21号", D(2018, 3, 19), D(2038, 3, 19), "郑州市公安局金水分局", "15036021884")
FANG_C = P("方浩然", "男", D(2020, 2, 14), "410105", "031", "河南省郑州市金水区纬五路21号", D(2023, 7, 1), D(2028, 7, 1), "郑州市公安局金水分局")
TAO_F = P("陶永健", "男", D(1987, 6, 25), "340207", "159", JH + "汀棠街道春江花园3-1101", D(2016, 9, 9), D(2036, 9, 9), phone="13855399011")
TAO_M = P("吴晓燕", "女", D(1989, 1, 18), "340202", "064", JH + "汀棠街道春江花园3-1101", D(2009, 11, 11), D(2026, 6, 30), phone="13855399012")
TAO_C = P("陶一诺", "男", D(2020, 7, 30), "340202", "013", JH + "汀棠街道春江花园3-1101", D(2024, 1, 1), D(2029, 1, 1))
GAO_F = P("高振宇", "男", D(1985, 5, 5), "340822", "131", "安徽省怀宁县高河镇新城路2号", D(2014, 10, 10), D(2034, 10, 10), "怀宁县公安局", "18226513390")
GAO_M = P("田甜", "女", D(1991, 8, 16), "340822", "226", "安徽省怀宁县高河镇新城路2号", D(2016, 1, 15), D(2036, 1, 15), "怀宁县公安局", "18226513391")
GAO_C = P("高语桐", "女", D(2020, 3, 21), "340822", "044", "安徽省怀宁县高河镇新城路2号", D(2024, 1, 1), D(2029, 1, 1), "怀宁县公安局")
# food business
ZHANG = P("张国庆", "男", D(1979, 10, 1), "340202", "051", JH + "北京东路12号", D(2019, 4, 3), D(2039, 4, 3), phone="13905539921")
ZHENG = P("郑秀兰", "女", D(1982, 3, 8), "340121", "082", "安徽省长丰县水湖镇长丰路11号", D(2016, 7, 18), D(2036, 7, 18), "长丰县公安局", "15156071234")
RUAN = P("阮小川", "男", D(1995, 11, 11), "340202", "013", JH + "赭山街道花津南路3号", D(2015, 5, 20), D(2025, 5, 20), phone="17805530932")
HE = P("何美玲", "女", D(1976, 4, 2), "340203", "044", JH + "弋矶山街道九华中路150号", D(2017, 9, 1), D(2037, 9, 1), phone="13805536728")
LIN = P("林峰", "男", D(1990, 1, 9), "340202", "139", JH + "镜湖新城长江中路92号", D(2020, 2, 2), D(2040, 2, 2), phone="19955302250")
# landlords
LANDLORD1 = P("吕德明", "男", D(1966, 2, 2), "340202", "071", JH + "中山北路77号", D(2012, 1, 1), None, phone="13805530102")
LANDLORD2 = P("潘淑英", "女", D(1970, 7, 17), "340202", "086", JH + "赭麓街道凤凰家园9-1-602", D(2014, 1, 1), None, phone="13966611022")
# taxi drivers
WEI = P("魏大勇", "男", D(1982, 5, 16), "340202", "091", JH + "大砻坊街道大砻坊路41号", D(2015, 6, 1), D(2035, 6, 1), phone="13355395061")
LIU = P("刘卫东", "男", D(1979, 8, 23), "340223", "133", "安徽省南陵县籍山镇陵阳路55号", D(2018, 12, 3), D(2038, 12, 3), "南陵县公安局", "15855368871")
SHI = P("石磊", "男", D(1986, 12, 12), "340203", "075", JH + "范罗山街道新时代商业街2-1008", D(2020, 1, 10), D(2040, 1, 10), phone="18955379900")
KONG = P("孔祥瑞", "男", D(1975, 3, 18), "340202", "113", JH + "汀棠街道官塘路18号", D(2011, 9, 9), D(2031, 9, 9), phone="13695531181")
BAI = P("白建新", "男", D(1980, 9, 26), "340104", "053", JH + "天门山街道文化路3号", D(2016, 4, 4), D(2036, 4, 4), phone="18055360047")
YU = P("俞成", "男", D(1988, 6, 6), "340202", "157", JH + "镜湖街道吉和北路16号", D(2014, 3, 30), D(2034, 3, 30), phone="15005538876")
TANG = P("唐晓东", "男", D(1984, 2, 19), "340207", "079", JH + "方村街道春洲路8号", D(2019, 8, 8), D(2039, 8, 8), phone="13965591026")

# companies (USCC: 91 = enterprise, 92 = individual business)
CO_LOGI = ("芜湖恒远物流有限公司", "芜湖市鸠江区官陡街道物流园8号", "0553-5812345")
CO_TEXT = ("芜湖锦程纺织科技有限公司", "芜湖市弋江区高新区峨溪路16号", "0553-4820017")
CO_HOSP = ("芜湖市镜湖区中山社区卫生服务中心", "芜湖市镜湖区中山北路200号", "0553-3112080")
CO_SOFT = ("安徽云帆信息技术有限公司", "芜湖市镜湖区长江中路92号中央城B3座1502", "0553-3966001")
CO_BUILD = ("中铁十四局集团第三工程有限公司芜湖分公司", "芜湖市鸠江区万春东路35号", "0553-5690211")

R1 = dict(name="芜湖市镜湖区味留香餐饮店", uscc=credit("92340202MA8N3K2X1"), kind="个体工商户", rep=ZHANG,
          addr=JH + "北京东路12号", founded=D(2026, 10, 12), capital="", scope="餐饮服务（须经批准的项目，经相关部门批准后方可开展经营活动）；食品销售（仅销售预包装食品）")
R2 = dict(name="芜湖禾屿轻食餐饮管理有限公司", uscc=credit("91340202MA8PRT6Q4"), kind="有限责任公司（自然人独资）", rep=ZHENG,
          addr=JH + "赭山东路36号1层102室", founded=D(2026, 9, 3), capital="伍拾万元整", scope="许可项目：餐饮服务。一般项目：餐饮管理；外卖递送服务；食品销售（仅销售预包装食品）（除许可业务外，可自主依法经营法律法规非禁止或限制的项目）")
R3 = dict(name="芜湖市镜湖区阮记面馆", uscc=credit("92340202MA8RDU5F2"), kind="个体工商户", rep=RUAN,
          addr=JH + "花津南路3号商铺", founded=D(2026, 11, 2), capital="", scope="餐饮服务；小餐饮")
R4 = dict(name="芜湖何家小厨餐饮有限公司", uscc=credit("91340202MA8TE8BW7"), kind="有限责任公司（自然人投资或控股）", rep=HE,
          addr=JH + "九华中路150号一层", founded=D(2026, 8, 20), capital="壹拾万元整", scope="许可项目：餐饮服务；食品小作坊经营。一般项目：餐饮管理")
R5 = dict(name="芜湖林间小馆餐饮店", uscc=credit("92340202MA8UH3KN5"), kind="个体工商户", rep=LIN,
          addr=JH + "长江中路92号中央城B1-08", founded=D(2026, 10, 28), capital="", scope="餐饮服务；食品销售（仅销售预包装食品）")


# -- capture helpers (all return bytes) -------------------------------------------------------------------

def pil(x, ppm=6.0) -> Image.Image:
    if isinstance(x, Image.Image):
        return x
    if isinstance(x, list):
        return pil(x[0], ppm)
    return K.to_pil(x, ppm)


def card(page) -> Image.Image:
    return K.to_pil(page, 10)


def id_sheet(p: Person, seed, sides="both", layout="v", extra: Person | None = None) -> Image.Image:
    items = []
    for q in [p] + ([extra] if extra else []):
        if sides in ("both", "front"):
            items.append(card(Dd.id_front(q)))
        if sides in ("both", "back"):
            items.append(card(Dd.id_back(q)))
    return C.sheet(items, seed, layout="grid" if len(items) > 2 else layout)


def text_pdf(pages):
    pages = pages if isinstance(pages, list) else [pages]
    return lambda: K.to_pdf(pages)


def scan_pdf(pages, seed, order=None, grey=True, ppm=6.0):
    pages = pages if isinstance(pages, list) else [pages]
    def b():
        ims = [p() if callable(p) else p for p in pages]
        return C.scan_pdf([p if isinstance(p, Image.Image) else K.to_pil(p, ppm) for p in ims], seed,
                          order=order, grey=grey)
    return b


def cardL(page):
    return lambda: card(page)


def sbs(*pages, ppm=6.0):
    return lambda: C.side_by_side(*[pil(p, ppm) for p in pages])


def _photo(x, seed, big=False, **kw):
    im = x() if callable(x) else pil(x)
    land = im.width > im.height
    out = (4000, 3000) if big else (1600, 1200)
    if not land:
        out = out[::-1]
    return C.photo(im, seed, out=out, **kw)


def jpg(x, seed, orientation=None, big=False, q=84, **kw):
    def b():
        im = _photo(x, seed, big=big, **kw)
        if orientation:
            im = C.stored_for_orientation(im, orientation)
        return C.jpeg(im, q=q, exif_orientation=orientation)
    return b


def heic(x, seed, **kw):
    return lambda: C.heic(_photo(x, seed, **kw))


def webp(x, seed, **kw):
    return lambda: C.webp(_photo(x, seed, **kw))


def png_plain(x, ppm=6.0):
    return lambda: C.png(x() if callable(x) else pil(x, ppm))


def shot(x, seed, **kw):
    return lambda: C.png(C.screenshot(x() if callable(x) else pil(x), seed, **kw))


def lazy(fn, *a, **kw):
    return lambda: fn(*a, **kw)


# -- documents used in several cases ------------------------------------------------------------------------

def hukou_pages(head: Person, members: list[tuple[Person, str]], huhao: str, addr: str, **kw):
    pages = [Dd.hukou_cover(head, huhao, addr, **kw)]
    for p, rel in members:
        pages.append(Dd.hukou_member(p, rel, marital="已婚" if rel in ("户主", "妻", "夫") and len(members) > 1 else
                                     ("未婚" if p.birth.year < 2010 else ""), edu="大学本科" if p.birth.year < 2010 else ""))
    return pages


def income_letter(co, p: Person, amount: str, date, *, sealed=True, style="band", months=False, seed=""):
    name, addr, phone = co
    if months:
        paras = [f"兹证明{p.name}（公民身份号码：{p.id}）为我单位在职职工，近6个月工资收入（税前）如下："]
        pg = K.Page(210, 297)
        Dd.letter(name, "收入证明", paras, date=None, sealed=False, style=style, addr=addr, phone=phone, seed=seed, page=pg)
        # replace the issuer block by a table + issuer with date (vertical table of months)
        pg.ops = [op for op in pg.ops if not (op[0] == "text" and op[3] == name and op[2] > 60)]
        rows = [["月份", "应发工资（元）", "实发工资（元）"]]
        m0 = [(2026, m) for m in range(5, 11)]
        for y_, m in m0:
            rows.append([f"{y_}年{m}月", amount, f"{float(amount) * 0.87:.2f}"])
        y = pg.table(30, 92, [45, 50, 55], rows, rowh=9, size=3.5, heads=1, align=["m", "m", "m"])
        pg.text(22, y + 10, "特此证明。本证明仅用于申请公共租赁住房。", 3.8, "ming")
        pg.text(180, y + 34, name, 3.8, "ming", anchor="r")
        if date:
            pg.text(180, y + 43, Dd.cn_date(date), 3.8, "ming", anchor="r")
        pg.text(22, y + 34, "经办人：", 3.6, "ming")
        if sealed:
            pg.image(118, y + 10, 46, 46, K.seal(name, seed + "inc"))
        return pg
    paras = [f"兹证明{p.name}，性别{p.sex}，公民身份号码{p.id}，自2019年3月起在我单位工作，现任职员。",
             f"该同志近6个月月平均收入（税前）为人民币{amount}元，无其他津贴补贴。",
             "特此证明。"]
    return Dd.letter(name, "收入证明", paras, date=date, sealed=sealed, style=style, addr=addr, phone=phone, seed=seed,
                     tail=["（本证明仅用于申请公共租赁住房，单位对证明内容的真实性负责）"])


def marital_record(p: Person, date, seed=""):
    paras = [f"经查询全国婚姻登记信息系统，截至{Dd.cn_date(date)}，{p.name}（性别：{p.sex}，公民身份号码：{p.id}）无婚姻登记记录。",
             "以上情况仅依据婚姻登记机关的婚姻登记档案信息出具，特此证明。"]
    return Dd.letter("芜湖市镜湖区民政局", "婚姻登记记录证明", paras, date=date, style="redline", seed=seed,
                     seal_name="芜湖市镜湖区民政局婚姻登记处", ref_no=f"镜民婚证〔2026〕第{1000 + len(p.name) * 37}号")


def no_crime(p: Person, date, *, sealed=True, style="redline", seed="", station="芜湖市公安局镜湖分局范罗山派出所"):
    paras = [f"{p.name}，性别{p.sex}，公民身份号码：{p.id}。",
             f"经查询，截至{Dd.cn_date(date) if date else '出具之日'}，在全国违法犯罪人员信息资源库中，未发现该人有犯罪记录。",
             "特此证明。"]
    return Dd.letter(station, "无犯罪记录证明", paras, date=date, sealed=sealed, style=style, seed=seed,
                     ref_no=f"芜公镜（证）字〔2026〕{int(p.id[-4:-1]) + 2000}号",
                     tail=["注：本证明在出具之日起3个月内有效，仅用于办理出租汽车驾驶员从业资格申请。"])


def no_crime_electronic(p: Person, date, seed=""):
    g = K.Page(150, 200, bg=(255, 255, 255))
    g.rect(4, 4, 142, 192, stroke=(190, 40, 40), width=0.6)
    g.text(75, 20, "无犯罪记录证明", 6.5, "zen", anchor="m", bold=True)
    g.text(75, 28, "（电子版）", 3.4, "hei", anchor="m")
    g.text(12, 40, f"证明编号：WFZ3402022026{p.id[-6:]}", 3.1, "hei")
    y = 52
    for t in [f"{p.name}（公民身份号码：{p.id}）：", f"经查询，截至{Dd.cn_date(date)}，未发现其有犯罪记录。", "特此证明。"]:
        y = g.para(12, y, t, 126, 3.6, "hei", lead=1.9, indent=not t.endswith("：")) + 2
    g.text(138, 120, "芜湖市公安局", 3.6, "hei", anchor="r")
    g.text(138, 128, Dd.cn_date(date), 3.6, "hei", anchor="r")
    g.image(96, 98, 40, 40, K.seal("芜湖市公安局", seed + "e", bottom="电子印章"))
    g.image(12, 140, 30, 30, K.qr_like(p.id + "wfz"))
    g.text(46, 150, "验证码：7KQ2-M8HD", 3.2, "hei")
    g.text(46, 158, "可登录“皖事通”扫码核验", 3.0, "hei", (110, 110, 110))
    g.text(46, 165, "有效期：自出具之日起3个月", 3.0, "hei", (110, 110, 110))
    return g


def posting_letter(co, p: Person, place: str, date, *, sealed=True, seed="", style="logo"):
    name, addr, phone = co
    paras = [f"兹有我单位职工{p.name}（公民身份号码：{p.id}），参保地为芜湖市，因工作需要自2026年1月起被派驻{place}工作，预计常驻时间不少于两年。",
             "现申请办理常驻异地工作人员异地就医备案，请予办理。",
             "特此证明。"]
    return Dd.letter(name, "常驻异地工作证明", paras, date=date, sealed=sealed, style=style, addr=addr, phone=phone, seed=seed)


def commitment_note(p: Person, place: str, date, signed=True, seed=""):
    lines = [f"本人{p.name}，公民身份号码{p.id}，系芜湖市基本医疗保险参保人员。",
             f"因长期居住（工作）在{place}，申请办理异地就医备案。本人承诺所提供的信息真实准确，备案期间在就医地发生的医疗费用按规定结算；",
             "如有虚假承诺，本人愿意承担相应的法律责任，并退还违规结算的医疗费用。"]
    return Dd.handwritten_note("异地就医备案个人承诺书", lines, p.name, date, seed, signed=signed)


def commitment_typed(p: Person, place: str, date, signed=True, seed=""):
    paras = [f"本人{p.name}（公民身份号码：{p.id}），系芜湖市职工基本医疗保险参保人员，现因常驻{place}工作，申请办理异地就医备案。",
             "本人承诺：所提供的备案信息真实、准确、完整；知悉异地就医直接结算的相关政策；如有虚假，愿承担由此产生的一切法律责任和经济责任。"]
    return Dd.letter("", "异地就医备案个人承诺书", paras, date=date, sealed=False, style="none", seed=seed,
                     sign_label="承诺人（签字）：", sign_name=p.name if signed else None, font="hei")


def power_of_attorney(rep: Person, agent: Person, co: str, date, signed=True, seed=""):
    paras = [f"委托人：{rep.name}（{co}法定代表人/负责人），公民身份号码：{rep.id}",
             f"受托人：{agent.name}，公民身份号码：{agent.id}，联系电话：{agent.phone}",
             f"现委托{agent.name}作为我方代理人，前往芜湖市镜湖区政务服务中心办理{co}食品经营许可（新办）申请事宜，代为提交申请材料、签收相关文书。",
             "委托期限：自签字之日起至上述事项办结之日止。"]
    paras = ["§" + paras[0], "§" + paras[1], paras[2], "§" + paras[3]]
    return Dd.letter("", "授权委托书", paras, date=date, sealed=False, style="none", seed=seed, font="ming",
                     sign_label="委托人（签字）：", sign_name=rep.name if signed else None)


def shop_lease(r, landlord, *, sign=True, seed=""):
    return Dd.lease(landlord, r["name"], r["addr"], D(2026, 9, 1), D(2029, 8, 31), "6800", D(2026, 8, 25),
                    purpose="餐饮经营", sign_l=sign, sign_t=sign, area="86", seed=seed, tenant_rep=r["rep"].name)


def licence(r, bad=False):
    code = bad_check(r["uscc"]) if bad else r["uscc"]
    return Dd.business_licence(r["name"], code, r["kind"], r["rep"].name, r["scope"], r["capital"] or "——",
                               r["founded"], r["addr"])


def irrelevant_menu(seed):
    return jpg(Dd.menu("芜湖老字号 · 耿福兴风味"), seed)


# -- the cases ----------------------------------------------------------------------------------------------

def _housing() -> list[Case]:
    it = "public-rental-housing"
    docs = {"application-form": "申请表", "applicant-id": "居民身份证", "household-register": "户口簿",
            "marital-status": "结婚证/婚姻登记记录证明", "income-proof": "收入证明", "no-housing-proof": "不动产登记查询结果证明"}
    M = list(docs)
    ok = lambda **over: {m: over.get(m.replace("-", "_"), "ok") for m in M}
    out = []
    s = "gzf-01"
    out.append(Case(s, it, None, [
        File("公租房申请表.pdf", text_pdf(Fm.gzf_form(WANG, [(ZHOU, "配偶", CO_TEXT[0], "3900")], employer=CO_LOGI[0], income="4300", seed=s)), "申请表 2页 文本PDF（已签字）"),
        File("夫妻身份证复印件.jpg", jpg(lazy(id_sheet, WANG, s, extra=ZHOU), s + "id"), "夫妻二人身份证正反面复印在一页 手机照片 JPEG"),
        File("户口本.pdf", scan_pdf(hukou_pages(ZHOU, [(ZHOU, "户主"), (WANG, "妻")], "340202013722", JH + "赭山街道青山街56号3栋201室"), s), "户口簿首页+2人页 扫描PDF"),
        File("IMG_3071.HEIC", heic(Dd.marriage_cert(WANG, ZHOU, D(2017, 10, 2), "J340202-2017-004218"), s + "mc"), "结婚证内页 iPhone照片 HEIC"),
        File("收入证明-汪晓梅.jpg", jpg(income_letter(CO_LOGI, WANG, "4300", D(2026, 11, 18), seed=s), s + "inc1"), "收入证明（有公章、近期）手机照片"),
        File("收入证明-周建军.pdf", text_pdf(income_letter(CO_TEXT, ZHOU, "3900", D(2026, 11, 20), style="logo", seed=s + "z")), "收入证明（有公章）文本PDF"),
        File("无房证明.pdf", text_pdf(Fm.housing_query([WANG, ZHOU], D(2026, 11, 21), no="BDCCX20261121-0358", seed=s)), "不动产登记资料查询结果证明（近期、盖章）文本PDF"),
    ], ok(), docs))

    s = "gzf-02"
    out.append(Case(s, it, None, [
        File("IMG_20261126_091522.jpg", jpg(Fm.gzf_form(HU, [], employer=CO_SOFT[0], income="3600", seed=s)[0], s + "f1", orientation=6), "申请表第1页 照片 JPEG（EXIF方向=6，像素旋转存储）"),
        File("IMG_20261126_091540.jpg", jpg(Fm.gzf_form(HU, [], employer=CO_SOFT[0], income="3600", seed=s)[1], s + "f2"), "申请表第2页（签字页）照片 JPEG"),
        File("IMG_20261126_091603.jpg", jpg(cardL(Dd.id_front(HU)), s + "idf", light=0.75), "身份证正面 单独拍照 偏暗"),
        File("IMG_20261126_091611.jpg", jpg(cardL(Dd.id_back(HU)), s + "idb"), "身份证反面 单独拍照"),
        File("微信图片_20261126.jpg", jpg(sbs((Dd.hukou_cover(HU, "340223088410", "安徽省南陵县籍山镇春谷路18号", authority="南陵县公安局", station="籍山派出所")), pil(Dd.hukou_member(HU, "户主", marital="未婚"))), s + "hk"), "户口簿首页和本人页 摊开拍在一张照片里"),
        File("婚姻登记记录证明.webp", webp(marital_record(HU, D(2026, 11, 12), s), s + "mr"), "无婚姻登记记录证明 照片 WebP"),
        File("收入.jpg", jpg(income_letter(CO_SOFT, HU, "3600", D(2026, 11, 6), style="right", months=True, seed=s), s + "inc", rot=180), "收入证明（月度表格、盖章）照片 旋转180°"),
        File("Screenshot_20261127-2041.png", shot(Fm.housing_query([HU], D(2026, 11, 27), no="BDCCX20261127-1102", seed=s), s, app="皖事通", title="不动产查询"), "无房证明 手机App截图 PNG"),
    ], ok(), docs))

    s = "gzf-03"  # income proof unsealed, housing query too old
    out.append(Case(s, it, None, [
        File("申请表.pdf", scan_pdf(Fm.gzf_form(CAO, [], employer=CO_HOSP[0], income="3100", seed=s, date=D(2026, 11, 27)), s), "申请表 扫描PDF（已签字）"),
        File("身份证.jpg", jpg(lazy(id_sheet, CAO, s), s + "id"), "身份证正反面复印件 照片"),
        File("户口簿.pdf", scan_pdf(hukou_pages(CAO, [(CAO, "户主")], "340202077109", JH + "弋矶山街道吉和街27号"), s + "hk"), "户口簿 扫描PDF"),
        File("离婚证.jpg", jpg(Dd.marriage_cert(CAO, XU, D(2022, 5, 16), "L340202-2022-000731", title="离婚证"), s + "lh"), "离婚证内页 照片"),
        File("收入证明.jpg", jpg(income_letter(CO_HOSP, CAO, "3100", D(2026, 11, 16), sealed=False, style="redline", seed=s), s + "inc"), "收入证明 没有盖章 照片"),
        File("无房证明.pdf", text_pdf(Fm.housing_query([CAO], D(2026, 10, 8), no="BDCCX20261008-0077", seed=s)), "无房证明 查询日期2026-10-08（超过30天）"),
    ], ok(income_proof="invalid", no_housing_proof="invalid"), docs))

    s = "gzf-04"  # ID front only, form unsigned
    out.append(Case(s, it, None, [
        File("扫描件1.pdf", scan_pdf(Fm.gzf_form(XU, [], signed=False, employer=CO_SOFT[0], income="4100", seed=s), s), "申请表 扫描PDF 签字栏空白"),
        File("身份证正面.jpg", jpg(cardL(Dd.id_front(XU)), s + "id"), "只有身份证正面"),
        File("户口本首页和本人页.pdf", scan_pdf(hukou_pages(XU, [(XU, "户主")], "340202095501", JH + "镜湖新城兴隆路88号"), s + "hk"), "户口簿 扫描PDF"),
        File("婚姻状况.pdf", text_pdf(marital_record(XU, D(2026, 11, 20), s)), "无婚姻登记记录证明 文本PDF"),
        File("收入证明.heic", heic(income_letter(CO_SOFT, XU, "4100", D(2026, 11, 19), style="right", seed=s), s + "inc"), "收入证明（盖章）HEIC"),
        File("不动产查询.jpg", jpg(Fm.housing_query([XU], D(2026, 11, 19), no="BDCCX20261119-0812", seed=s), s + "hq"), "无房证明 照片"),
    ], ok(application_form="invalid", applicant_id="invalid"), docs))

    s = "gzf-05"  # marriage proof and no-housing proof missing (wrong/irrelevant files instead)
    out.append(Case(s, it, None, [
        File("申请表.pdf", text_pdf(Fm.gzf_form(QIAN, [], employer=CO_BUILD[0], income="4600", seed=s)), "申请表 文本PDF 已签字"),
        File("身份证复印件.pdf", scan_pdf(lazy(id_sheet, QIAN, s), s + "id"), "身份证正反面复印件 扫描PDF"),
        File("户口簿.jpg", jpg(sbs((Dd.hukou_cover(QIAN, "340202061218", JH + "天门山街道北京西路108号")), pil(Dd.hukou_member(QIAN, "户主", marital="未婚"))), s + "hk"), "户口簿首页+本人页 一张照片"),
        File("收入证明.pdf", text_pdf(income_letter(CO_BUILD, QIAN, "4600", D(2026, 11, 13), style="logo", months=True, seed=s)), "收入证明 月度表格 盖章 文本PDF"),
        File("房产证.jpg", jpg(sbs(*Dd.property_cert(LANDLORD1, "", JH + "中山北路77号", "340202006003GB00012F00010017", "92.4", "0031842")), s + "pc"), "房东的不动产权证书（不是无房证明）"),
        File("IMG_4410.JPG", (lambda s=s: C.jpeg(C.photo(Dd.no_text_photo(s), s + "selfie", out=(1200, 1600), tilt=0, shadow=False), camera=True)), "自拍样的照片 无文字"),
    ], ok(marital_status="missing", no_housing_proof="missing"), docs))

    s = "gzf-06"  # needs staff: undated income letter; form ID differs from ID card
    out.append(Case(s, it, None, [
        File("申请表.jpg", jpg(Fm.gzf_form(WANG, [(ZHOU, "配偶", CO_TEXT[0], "3900")], employer=CO_LOGI[0], income="4300", seed=s, form_id=rid("340202", D(1990, 4, 17), "024"))[0], s + "f1"), "申请表第1页 身份证号与身份证不一致 照片"),
        File("申请表2.jpg", jpg(Fm.gzf_form(WANG, [(ZHOU, "配偶", CO_TEXT[0], "3900")], employer=CO_LOGI[0], income="4300", seed=s)[1], s + "f2"), "申请表第2页 签字页 照片"),
        File("身份证.pdf", scan_pdf(lazy(id_sheet, WANG, s, extra=ZHOU), s + "id"), "夫妻身份证正反面 扫描PDF"),
        File("户口本.pdf", scan_pdf(hukou_pages(ZHOU, [(ZHOU, "户主"), (WANG, "妻")], "340202013722", JH + "赭山街道青山街56号3栋201室"), s + "hk"), "户口簿 扫描PDF"),
        File("结婚证.jpg", jpg(Dd.marriage_cert(WANG, ZHOU, D(2017, 10, 2), "J340202-2017-004218"), s + "mc"), "结婚证 照片"),
        File("收入证明.pdf", text_pdf([income_letter(CO_LOGI, WANG, "4300", None, seed=s), income_letter(CO_TEXT, ZHOU, "3900", None, style="logo", seed=s + "z")]), "两份收入证明 盖章但没有落款日期"),
        File("无房证明.jpg", jpg(Fm.housing_query([WANG, ZHOU], D(2026, 11, 23), no="BDCCX20261123-0190", seed=s), s + "hq"), "无房证明 近期 盖章"),
    ], ok(application_form="needs_staff", income_proof="needs_staff"), docs))

    s = "gzf-07"  # expired ID card (validity ended 2026-08-15)
    out.append(Case(s, it, None, [
        File("材料1.jpg", jpg(Fm.gzf_form(LIAO, [], employer=CO_TEXT[0], income="3300", seed=s)[0], s + "a"), "申请表第1页 照片"),
        File("材料2.jpg", jpg(Fm.gzf_form(LIAO, [], employer=CO_TEXT[0], income="3300", seed=s)[1], s + "b"), "申请表第2页 签字 照片"),
        File("材料3.jpg", jpg(lazy(id_sheet, LIAO, s), s + "c"), "身份证正反面 有效期至2026.08.15 已过期"),
        File("材料4.jpg", jpg(sbs((Dd.hukou_cover(LIAO, "342622310017", "安徽省庐江县庐城镇文昌路9号", authority="庐江县公安局", station="庐城派出所")), pil(Dd.hukou_member(LIAO, "户主", marital="未婚"))), s + "d"), "户口簿 照片"),
        File("材料5.jpg", jpg(marital_record(LIAO, D(2026, 11, 9), s), s + "e"), "无婚姻登记记录证明 照片"),
        File("材料6.jpg", jpg(income_letter(CO_TEXT, LIAO, "3300", D(2026, 11, 25), style="logo", seed=s), s + "f"), "收入证明 盖章 近期"),
        File("材料7.pdf", text_pdf(Fm.housing_query([LIAO], D(2026, 11, 25), no="BDCCX20261125-0421", seed=s)), "无房证明 文本PDF"),
    ], ok(applicant_id="invalid"), docs))
    return out


def _medical() -> list[Case]:
    it = "medical-insurance-remote-filing"
    base = {"filing-form": "备案表", "insured-id": "居民身份证", "commitment": "承诺书"}
    d_res = dict(base, **{"residence-proof": "居住证"})
    d_work = dict(base, **{"work-proof": "证明信"})

    def ok(scn, **over):
        ms = list(base) + (["residence-proof"] if scn == "long-term-residence" else ["work-proof"])
        return {m: over.get(m.replace("-", "_"), "ok") for m in ms}
    SZ = "江苏省苏州市工业园区"
    out = []
    s = "ydjy-01"
    out.append(Case(s, it, "long-term-residence", [
        File("异地就医备案表.pdf", text_pdf(Fm.ydjy_form(SUN, "long-term-residence", "江苏省苏州市", seed=s)), "备案表 横版文本PDF 已签字"),
        File("身份证.pdf", scan_pdf(lazy(id_sheet, SUN, s), s), "身份证正反面（长期有效）扫描PDF"),
        File("IMG_0912.HEIC", heic(commitment_note(SUN, "江苏省苏州市", D(2026, 11, 22), seed=s), s + "cm"), "手写承诺书 已签字 HEIC"),
        File("居住证.jpg", jpg(cardL(Dd.residence_permit(SUN, SZ + "星湖街218号", D(2025, 6, 1), D(2027, 6, 1), "苏州市公安局工业园区分局")), s + "rp"), "就医地居住证 照片"),
    ], ok("long-term-residence"), d_res))

    s = "ydjy-02"
    out.append(Case(s, it, "posted-worker", [
        File("备案表.jpg", jpg(Fm.ydjy_form(JIANG, "posted-worker", "上海市浦东新区", seed=s, unit=CO_BUILD[0]), s + "f"), "备案表 横版 照片"),
        File("身份证正面.jpg", jpg(cardL(Dd.id_front(JIANG)), s + "a"), "身份证正面 照片"),
        File("身份证反面.jpg", jpg(cardL(Dd.id_back(JIANG)), s + "b"), "身份证反面 照片"),
        File("承诺书.pdf", text_pdf(commitment_typed(JIANG, "上海市浦东新区", D(2026, 11, 24), seed=s)), "打印承诺书 已签字 文本PDF"),
        File("单位证明.pdf", scan_pdf(posting_letter(CO_BUILD, JIANG, "上海市浦东新区", D(2026, 11, 20), seed=s), s + "w"), "常驻异地工作证明 盖章 扫描PDF"),
    ], ok("posted-worker"), d_work))

    s = "ydjy-03"  # work proof unsealed, commitment unsigned
    out.append(Case(s, it, "posted-worker", [
        File("备案表.pdf", text_pdf(Fm.ydjy_form(MA, "posted-worker", "广东省深圳市南山区", seed=s, unit=CO_SOFT[0])), "备案表 文本PDF 已签字"),
        File("sfz.jpg", jpg(lazy(id_sheet, MA, s), s + "id"), "身份证正反面复印件 照片"),
        File("承诺书.jpg", jpg(commitment_note(MA, "广东省深圳市", D(2026, 11, 25), signed=False, seed=s), s + "cm"), "手写承诺书 签字处空白"),
        File("派驻证明.jpg", jpg(posting_letter(CO_SOFT, MA, "广东省深圳市南山区", D(2026, 11, 18), sealed=False, seed=s, style="right"), s + "w"), "常驻异地工作证明 没有公章"),
    ], ok("posted-worker", work_proof="invalid", commitment="invalid"), d_work))

    s = "ydjy-04"  # ID expired; residence proof missing (a receipt instead)
    out.append(Case(s, it, "long-term-residence", [
        File("备案表.pdf", scan_pdf(Fm.ydjy_form(PENG, "long-term-residence", "浙江省杭州市", seed=s), s), "备案表 扫描PDF"),
        File("身份证.jpg", jpg(lazy(id_sheet, PENG, s), s + "id"), "身份证正反面 有效期至2026.03.20 已过期"),
        File("承诺书.webp", webp(commitment_note(PENG, "浙江省杭州市", D(2026, 11, 21), seed=s), s + "cm"), "手写承诺书 WebP"),
        File("居住证明.jpg", jpg(Dd.receipt("联华便利店（文化路店）", datetime.datetime(2026, 11, 21, 18, 3)), s + "rc"), "超市小票（不是居住证明）"),
    ], ok("long-term-residence", insured_id="invalid", residence_proof="missing"), d_res))

    s = "ydjy-05"  # work proof too old, form unsigned
    out.append(Case(s, it, "posted-worker", [
        File("扫描全能王 2026-11-26 10.12.pdf", (lambda s=s: C.image_pdf([C.photo(pil(Fm.ydjy_form(TANG, "posted-worker", "江苏省南京市江宁区", seed=s, signed=False, unit=CO_LOGI[0])), s, out=(1600, 1200), tilt=0.02, shadow=False)])), "备案表 签字栏空白 扫描App生成的图片PDF"),
        File("身份证.pdf", scan_pdf(lazy(id_sheet, TANG, s), s + "id"), "身份证正反面 扫描PDF"),
        File("承诺书.pdf", text_pdf(commitment_typed(TANG, "江苏省南京市", D(2026, 11, 26), seed=s)), "承诺书 已签字"),
        File("工作证明.jpg", jpg(posting_letter(CO_LOGI, TANG, "江苏省南京市江宁区", D(2026, 5, 6), seed=s, style="band"), s + "w"), "常驻异地工作证明 2026-05-06出具（超过90天）"),
    ], ok("posted-worker", filing_form="invalid", work_proof="invalid"), d_work))

    s = "ydjy-06"  # one album PDF with everything, pages out of order
    def album6(s=s):
        pages = [pil(commitment_note(YAN, "海南省三亚市", D(2026, 11, 20), seed=s)),
                 card(Dd.residence_permit(YAN, "海南省三亚市吉阳区迎宾路99号", D(2024, 12, 10), D(2027, 12, 10), "三亚市公安局吉阳分局")),
                 pil(Fm.ydjy_form(YAN, "long-term-residence", "海南省三亚市", seed=s)),
                 id_sheet(YAN, s)]
        pages[1] = C.sheet([pages[1]], s + "rp")
        return C.scan_pdf(pages, s, grey=False)
    out.append(Case(s, it, "long-term-residence", [
        File("材料.pdf", album6, "一个扫描PDF含全部材料，顺序打乱（承诺书、居住证、备案表、身份证）"),
    ], ok("long-term-residence"), d_res))

    s = "ydjy-07"  # undated work proof, form ID with a wrong check digit
    out.append(Case(s, it, "posted-worker", [
        File("备案表.jpg", jpg(Fm.ydjy_form(DONG, "posted-worker", "北京市朝阳区", seed=s, unit=CO_TEXT[0], form_id=bad_check(DONG.id)), s + "f", rot=90), "备案表 身份证号校验位错误 照片旋转90°"),
        File("身份证.heic", heic(lazy(id_sheet, DONG, s), s + "id"), "身份证正反面复印 HEIC"),
        File("承诺书.jpg", jpg(commitment_note(DONG, "北京市朝阳区", D(2026, 11, 27), seed=s), s + "cm"), "手写承诺书 已签字"),
        File("单位证明.jpg", jpg(posting_letter(CO_TEXT, DONG, "北京市朝阳区", None, seed=s), s + "w"), "常驻异地工作证明 盖章但无日期"),
    ], ok("posted-worker", filing_form="invalid", work_proof="needs_staff"), d_work))

    s = "ydjy-08"  # ID card front only; residence shown by the household register of the place of treatment
    out.append(Case(s, it, "long-term-residence", [
        File("备案表.pdf", text_pdf(Fm.ydjy_form(YE, "long-term-residence", "浙江省宁波市鄞州区", seed=s, date=D(2026, 11, 28))), "备案表 文本PDF 已签字"),
        File("身份证.jpg", jpg(cardL(Dd.id_front(YE)), s + "id"), "身份证 只有正面"),
        File("承诺书.pdf", text_pdf(commitment_typed(YE, "浙江省宁波市", D(2026, 11, 28), seed=s)), "承诺书 已签字"),
        File("女儿家户口本.jpg", jpg(sbs(Dd.hukou_cover(YE_DAUGHTER, "330212045521", "浙江省宁波市鄞州区首南街道天童南路588号", authority="宁波市公安局鄞州分局", station="首南派出所"), Dd.hukou_member(YE, "母亲", marital="丧偶", from_where="2024年9月由安徽省南陵县迁来")), s + "hk"), "就医地户口簿首页+本人页 一张照片"),
    ], ok("long-term-residence", insured_id="invalid"), d_res))
    return out


def _school() -> list[Case]:
    it = "primary-school-enrolment"
    base = {"birth-certificate": "出生医学证明", "household-register": "户口簿", "guardian-id": "居民身份证"}
    d_own = dict(base, **{"property-certificate": "不动产权证书"})
    d_rent = dict(base, **{"lease-contract": "房屋租赁合同", "residence-permit": "居住证", "residence-certificate": "证明信"})

    def ok(scn, **over):
        ms = list(base) + (["property-certificate"] if scn == "own-house" else ["lease-contract", "residence-permit", "residence-certificate"])
        return {m: over.get(m.replace("-", "_"), "ok") for m in ms}

    def bc(child, f, m, no, hosp="芜湖市第一人民医院", when=None):
        return Dd.birth_cert(child.name, child.sex, when or datetime.datetime(child.birth.year, child.birth.month, child.birth.day, 9, 42),
                             m, f, no, hosp)
    LU_ADDR = JH + "赭麓街道凤凰家园7栋2单元301室"
    out = []
    s = "rx-01"
    out.append(Case(s, it, "own-house", [
        File("出生证.jpg", jpg(bc(LU_C, LU_F, LU_M, "T340123456"), s + "bc"), "出生医学证明 照片"),
        File("户口本.pdf", scan_pdf(hukou_pages(LU_F, [(LU_F, "户主"), (LU_M, "妻"), (LU_C, "女")], "340202120551", LU_ADDR), s), "户口簿首页+户主+妻+女 4页 扫描PDF"),
        File("爸爸身份证.jpg", jpg(lazy(id_sheet, LU_F, s), s + "id"), "父亲身份证正反面复印件 照片"),
        File("房产证.jpg", jpg(sbs(*Dd.property_cert(LU_F, LU_M.name, LU_ADDR, "340202008012GB00031F00070301", "118.6", "0102217")), s + "pc", big=True), "不动产权证书两页摊开 4000×3000大照片"),
    ], ok("own-house"), d_own))

    s = "rx-02"
    FANG_ADDR = JH + "汀棠街道汀棠路9号汀棠小区5栋402室"
    out.append(Case(s, it, "rented-house", [
        File("出生医学证明.pdf", scan_pdf(bc(FANG_C, FANG_F, FANG_M, "R410876543", "郑州大学第三附属医院"), s, grey=False), "出生医学证明 彩色扫描PDF"),
        File("户口簿.pdf", scan_pdf(hukou_pages(FANG_F, [(FANG_F, "户主"), (FANG_M, "妻"), (FANG_C, "子")], "410105332190", "河南省郑州市金水区纬五路21号", authority="郑州市公安局金水分局", station="经八路派出所"), s + "hk"), "户口簿 4页 扫描PDF"),
        File("IMG_5530.HEIC", heic(cardL(Dd.id_front(FANG_F)), s + "a"), "父亲身份证正面 HEIC"),
        File("IMG_5531.HEIC", heic(cardL(Dd.id_back(FANG_F)), s + "b"), "父亲身份证反面 HEIC"),
        File("租房合同.pdf", text_pdf(Dd.lease(LANDLORD1, FANG_F, FANG_ADDR, D(2025, 3, 1), D(2028, 2, 28), "1500", D(2025, 2, 20), filed_no="JHZL2025-00318", seed=s)), "已备案租赁合同 2页 双方签字 文本PDF"),
        File("居住证.jpg", jpg(cardL(Dd.residence_permit(FANG_F, FANG_ADDR, D(2025, 4, 2), D(2027, 4, 2))), s + "rp"), "父亲居住证 有效 照片"),
        File("社区居住证明.jpg", jpg(community_cert(FANG_F, FANG_M, FANG_C, "汀棠街道汀棠社区居民委员会", "汀棠小区5栋402室", D(2026, 11, 17), seed=s), s + "cc"), "社区出具的居住证明 盖章 近期 照片"),
    ], ok("rented-house"), d_rent))

    s = "rx-03"  # lease not signed by the tenant... by either party; residence permit expired
    GAO_ADDR = JH + "方村街道春洲路8号春洲花园11栋701室"
    out.append(Case(s, it, "rented-house", [
        File("出生证明.jpg", jpg(bc(GAO_C, GAO_F, GAO_M, "S340987612", "怀宁县人民医院"), s + "bc"), "出生医学证明 照片"),
        File("户口本.pdf", scan_pdf(hukou_pages(GAO_F, [(GAO_F, "户主"), (GAO_M, "妻"), (GAO_C, "女")], "340822210443", "安徽省怀宁县高河镇新城路2号", authority="怀宁县公安局", station="高河派出所"), s), "户口簿 扫描PDF"),
        File("身份证.jpg", jpg(lazy(id_sheet, GAO_M, s), s + "id"), "母亲身份证正反面 照片"),
        File("合同.pdf", scan_pdf(Dd.lease(LANDLORD2, GAO_F, GAO_ADDR, D(2026, 6, 1), D(2027, 5, 31), "1800", D(2026, 5, 26), sign_l=False, sign_t=False, filed_no="JHZL2026-01127", seed=s), s + "ls"), "租赁合同 扫描PDF 甲乙双方签字处空白"),
        File("居住证.jpg", jpg(cardL(Dd.residence_permit(GAO_M, GAO_ADDR, D(2025, 10, 31), D(2026, 10, 31))), s + "rp"), "居住证 有效期至2026.10.31 已过期"),
        File("居住证明.pdf", scan_pdf(community_cert(GAO_F, GAO_M, GAO_C, "方村街道春洲社区居民委员会", "春洲花园11栋701室", D(2026, 6, 10), seed=s), s + "cc"), "社区居住证明 2026-06-10出具（超过90天）"),
    ], ok("rented-house", lease_contract="invalid", residence_permit="invalid", residence_certificate="invalid"), d_rent))

    s = "rx-04"  # household register only the cover page; ID back side only
    TAO_ADDR = JH + "汀棠街道春江花园3栋1101室"
    out.append(Case(s, it, "own-house", [
        File("出生医学证明.heic", heic(bc(TAO_C, TAO_F, TAO_M, "T340556120", "芜湖市妇幼保健院"), s + "bc"), "出生医学证明 HEIC"),
        File("户口本.pdf", scan_pdf([Dd.hukou_cover(TAO_F, "340202130210", TAO_ADDR)], s), "户口簿 只有首页 1页"),
        File("身份证.jpg", jpg(cardL(Dd.id_back(TAO_F)), s + "id"), "父亲身份证 只有反面"),
        File("不动产权证书.pdf", scan_pdf(Dd.property_cert(TAO_F, TAO_M.name, TAO_ADDR, "340202009007GB00044F00031101", "96.3", "0088412", reg_date=D(2020, 9, 1)), s + "pc"), "不动产权证书 2页 扫描PDF"),
    ], ok("own-house", household_register="invalid", guardian_id="invalid"), d_own))

    s = "rx-05"  # birth certificate and property certificate missing (wrong documents instead)
    out.append(Case(s, it, "own-house", [
        File("出生证明.jpg", jpg(lazy(no_text_photo_small, s), s + "x", tilt=0.02), "孩子的生活照 无文字（不是出生医学证明）"),
        File("户口簿.pdf", text_pdf(hukou_pages(LU_F, [(LU_F, "户主"), (LU_M, "妻"), (LU_C, "女")], "340202120551", LU_ADDR)), "户口簿 4页 电子版文本PDF"),
        File("身份证.jpg", jpg(lazy(id_sheet, LU_M, s), s + "id"), "母亲身份证正反面"),
        File("房产证明.pdf", text_pdf(Dd.lease(LANDLORD2, LU_F, LU_ADDR, D(2026, 1, 1), D(2026, 12, 31), "2100", D(2025, 12, 20), seed=s)), "租赁合同（自有住房情形下不是产权证明）"),
    ], ok("own-house", birth_certificate="missing", property_certificate="missing"), d_own))

    s = "rx-06"  # mixed album of phone photos, misleading names, all present
    out.append(Case(s, it, "rented-house", [
        File("IMG_7781.jpg", jpg(cardL(Dd.residence_permit(FANG_M, FANG_ADDR, D(2026, 2, 14), D(2028, 2, 14))), s + "1", light=0.7), "母亲居住证 偏暗照片"),
        File("身份证.jpg", jpg(bc(FANG_C, FANG_F, FANG_M, "R410876543", "郑州大学第三附属医院"), s + "2", orientation=8), "文件名写身份证，实为出生医学证明（EXIF方向=8）"),
        File("IMG_7783.jpg", jpg(lazy(id_sheet, FANG_M, s), s + "3", rot=90), "母亲身份证正反面复印件 旋转90°"),
        File("IMG_7784.jpg", jpg(sbs(*Dd.lease(LANDLORD1, FANG_M, FANG_ADDR, D(2025, 3, 1), D(2028, 2, 28), "1500", D(2025, 2, 20), filed_no="JHZL2025-00318", seed=s)), s + "4"), "租赁合同两页摊开拍一张 双方已签字"),
        File("户口本.pdf", (lambda s=s: C.image_pdf([C.photo(pil(p), s + str(i), out=(1200, 1600), tilt=0.03) for i, p in enumerate(hukou_pages(FANG_F, [(FANG_F, "户主"), (FANG_M, "妻"), (FANG_C, "子")], "410105332190", "河南省郑州市金水区纬五路21号", authority="郑州市公安局金水分局", station="经八路派出所"))])), "户口簿4页 手机照片合成PDF"),
        File("IMG_7789.jpg", jpg(community_cert(FANG_F, FANG_M, FANG_C, "汀棠街道汀棠社区居民委员会", "汀棠小区5栋402室", D(2026, 11, 10), seed=s), s + "cc", orientation=6), "社区居住证明 盖章 EXIF方向=6"),
        File("IMG_7790.jpg", irrelevant_menu(s), "餐馆菜单（无关）"),
    ], ok("rented-house"), d_rent))

    s = "rx-07"  # ID number with a wrong check digit on the guardian's ID card image
    BADP = Person(LU_F.name, LU_F.sex, LU_F.birth, bad_check(LU_F.id), LU_F.addr, "汉", LU_F.valid_from, LU_F.valid_to, LU_F.authority)
    out.append(Case(s, it, "own-house", [
        File("出生医学证明.webp", webp(bc(LU_C, LU_F, LU_M, "T340123456"), s + "bc"), "出生医学证明 WebP"),
        File("户口簿.jpg", jpg(sbs((Dd.hukou_cover(LU_F, "340202120551", LU_ADDR)), pil(Dd.hukou_member(LU_C, "女"))), s + "hk"), "户口簿首页+儿童页 摊开一张照片"),
        File("户口簿2.jpg", jpg(sbs((Dd.hukou_member(LU_F, "户主", marital="已婚")), pil(Dd.hukou_member(LU_M, "妻", marital="已婚"))), s + "hk2"), "户口簿户主页+妻页 一张照片"),
        File("身份证复印件.png", png_plain(lazy(id_sheet, BADP, s)), "父亲身份证正反面 公民身份号码校验位错误 PNG"),
        File("房产证.pdf", text_pdf(Dd.property_cert(LU_F, LU_M.name, LU_ADDR, "340202008012GB00031F00070301", "118.6", "0102217")), "不动产权证书 文本PDF"),
    ], ok("own-house", guardian_id="invalid"), d_own))
    s = "rx-08"  # community certificate unsealed, everything else right
    out.append(Case(s, it, "rented-house", [
        File("出生医学证明.jpg", jpg(bc(GAO_C, GAO_F, GAO_M, "S340987612", "怀宁县人民医院"), s + "bc", light=0.8), "出生医学证明 照片"),
        File("户口簿.pdf", text_pdf(hukou_pages(GAO_F, [(GAO_F, "户主"), (GAO_M, "妻"), (GAO_C, "女")], "340822210443", "安徽省怀宁县高河镇新城路2号", authority="怀宁县公安局", station="高河派出所")), "户口簿 4页 文本PDF"),
        File("身份证.png", png_plain(lazy(id_sheet, GAO_F, s)), "父亲身份证正反面 PNG"),
        File("租赁合同.jpg", jpg(sbs(*Dd.lease(LANDLORD2, GAO_F, GAO_ADDR, D(2026, 6, 1), D(2027, 5, 31), "1800", D(2026, 5, 26), filed_no="JHZL2026-01127", seed=s)), s + "ls"), "租赁合同两页 一张照片 双方签字"),
        File("居住证.heic", heic(cardL(Dd.residence_permit(GAO_F, GAO_ADDR, D(2026, 7, 1), D(2027, 7, 1))), s + "rp"), "父亲居住证 有效 HEIC"),
        File("居住证明.jpg", jpg(community_cert(GAO_F, GAO_M, GAO_C, "方村街道春洲社区居民委员会", "春洲花园11栋701室", D(2026, 11, 24), sealed=False, seed=s), s + "cc"), "社区居住证明 没有盖章"),
    ], ok("rented-house", residence_certificate="invalid"), d_rent))

    s = "rx-09"  # community certificate without a date
    out.append(Case(s, it, "rented-house", [
        File("扫描件.pdf", scan_pdf([bc(FANG_C, FANG_F, FANG_M, "R410876543", "郑州大学第三附属医院")] + hukou_pages(FANG_F, [(FANG_F, "户主"), (FANG_M, "妻"), (FANG_C, "子")], "410105332190", "河南省郑州市金水区纬五路21号", authority="郑州市公安局金水分局", station="经八路派出所"), s), "出生医学证明+户口簿4页 合在一个扫描PDF"),
        File("身份证.jpg", jpg(lazy(id_sheet, FANG_F, s), s + "id"), "父亲身份证正反面"),
        File("合同.pdf", text_pdf(Dd.lease(LANDLORD1, FANG_F, FANG_ADDR, D(2025, 3, 1), D(2028, 2, 28), "1500", D(2025, 2, 20), filed_no="JHZL2025-00318", seed=s)), "租赁合同 双方签字"),
        File("居住证.webp", webp(cardL(Dd.residence_permit(FANG_F, FANG_ADDR, D(2025, 4, 2), D(2027, 4, 2))), s + "rp"), "居住证 WebP"),
        File("社区证明.jpg", jpg(community_cert(FANG_F, FANG_M, FANG_C, "汀棠街道汀棠社区居民委员会", "汀棠小区5栋402室", None, seed=s), s + "cc"), "社区居住证明 盖章但无落款日期"),
    ], ok("rented-house", residence_certificate="needs_staff"), d_rent))
    return out


def community_cert(f: Person, m: Person, c: Person, committee: str, where: str, date, *, sealed=True, seed=""):
    paras = [f"兹证明{f.name}（公民身份号码：{f.id}）、{m.name}（公民身份号码：{m.id}）夫妇及其子女{c.name}，自2025年起租住在本社区{where}，现实际居住。",
             "该户为本社区登记的流动人口家庭，情况属实。", "特此证明。"]
    return Dd.letter("芜湖市镜湖区" + committee, "居住证明", paras, date=date, sealed=sealed, style="none", seed=seed,
                     font="kai", seal_name="芜湖市镜湖区" + committee)


def no_text_photo_small(seed):
    return Dd.no_text_photo(seed, (900, 1200))


def _food() -> list[Case]:
    it = "food-business-licence"
    base = {"application": "申请书", "business-licence": "营业执照", "legal-rep-id": "居民身份证",
            "premises-proof": "房屋租赁合同", "layout-plan": "平面布局图", "safety-rules": "管理制度"}
    d_agent = dict(base, **{"power-of-attorney": "授权委托书", "agent-id": "居民身份证"})

    def ok(scn, **over):
        ms = list(base) + (["power-of-attorney", "agent-id"] if scn == "via-agent" else [])
        return {m: over.get(m.replace("-", "_"), "ok") for m in ms}

    def app(r, **kw):
        return Fm.food_app(r["name"], r["uscc"], r["rep"], r["addr"], **kw)
    out = []
    s = "sp-01"
    r = R1
    out.append(Case(s, it, "in-person", [
        File("食品经营许可申请书.pdf", text_pdf(app(r, seed=s)), "申请书 3页 文本PDF 已签字"),
        File("营业执照.jpg", jpg(licence(r), s + "bl"), "营业执照副本 横版 照片"),
        File("身份证复印件.pdf", scan_pdf(lazy(id_sheet, r["rep"], s), s + "id"), "经营者身份证正反面 扫描PDF"),
        File("租赁合同.pdf", text_pdf(shop_lease(r, LANDLORD1, seed=s)), "商铺租赁合同 双方签字 文本PDF"),
        File("平面图.png", png_plain(Fm.layout_plan(r["name"], r["addr"]), 5), "经营场所平面布局图 PNG"),
        File("食品安全管理制度.pdf", text_pdf(Fm.safety_rules(r["name"], 3)), "食品安全管理制度 3页 文本PDF"),
    ], ok("in-person"), base))

    s = "sp-02"
    r = R2
    out.append(Case(s, it, "via-agent", [
        File("申请书.pdf", scan_pdf(app(r, seed=s, manager="王珂"), s), "申请书 扫描PDF 已签字"),
        File("IMG_2041.HEIC", heic(licence(r), s + "bl"), "营业执照 HEIC"),
        File("法人身份证.jpg", jpg(lazy(id_sheet, r["rep"], s, layout="v"), s + "id"), "法定代表人身份证正反面复印件"),
        File("租房合同.pdf", scan_pdf(shop_lease(r, LANDLORD2, seed=s), s + "ls"), "租赁合同 扫描PDF 已签字"),
        File("布局图.pdf", text_pdf(Fm.layout_plan(r["name"], r["addr"])), "平面布局图 横版文本PDF"),
        File("制度.pdf", scan_pdf(Fm.safety_rules(r["name"], 2), s + "rules"), "食品安全管理制度 2页 扫描PDF"),
        File("委托书.jpg", jpg(power_of_attorney(ZHENG, LIN, r["name"], D(2026, 11, 24), seed=s), s + "poa"), "授权委托书 委托人已签字 照片"),
        File("代办人身份证正面.jpg", jpg(cardL(Dd.id_front(LIN)), s + "af"), "代办人身份证正面"),
        File("代办人身份证反面.jpg", jpg(cardL(Dd.id_back(LIN)), s + "ab"), "代办人身份证反面"),
    ], ok("via-agent"), d_agent))

    s = "sp-03"  # credit code with a wrong check digit; rules only one page
    r = R3
    out.append(Case(s, it, "in-person", [
        File("申请书.pdf", text_pdf(app(r, seed=s)), "申请书 已签字"),
        File("执照.jpg", jpg(licence(r, bad=True), s + "bl", rot=270), "营业执照 统一社会信用代码校验位错误 照片旋转"),
        File("身份证.jpg", jpg(lazy(id_sheet, RUAN.__class__(RUAN.name, RUAN.sex, RUAN.birth, RUAN.id, RUAN.addr, "汉", D(2025, 5, 12), D(2035, 5, 12), RUAN.authority), s), s + "id"), "经营者身份证（新证，有效）"),
        File("合同.jpg", jpg(sbs(*shop_lease(r, LANDLORD1, seed=s)), s + "ls"), "租赁合同两页 一张照片 已签字"),
        File("平面布局.jpg", jpg(Fm.layout_plan(r["name"], r["addr"]), s + "lp"), "平面布局图 照片"),
        File("管理制度.jpg", jpg(Fm.safety_rules(r["name"], 3)[0], s + "sr"), "食品安全管理制度 只有第1页（共3页）"),
    ], ok("in-person", business_licence="invalid", safety_rules="invalid"), base))

    s = "sp-04"  # lease unsigned, application unsigned
    r = R4
    out.append(Case(s, it, "in-person", [
        File("申请书.pdf", text_pdf(app(r, seed=s, signed=False)), "申请书 签字栏空白"),
        File("营业执照副本.pdf", scan_pdf(licence(r), s + "bl", grey=False, ppm=5), "营业执照 彩色扫描PDF"),
        File("身份证.webp", webp(lazy(id_sheet, HE, s), s + "id"), "身份证正反面 WebP"),
        File("场所租赁合同.pdf", text_pdf(shop_lease(r, LANDLORD2, sign=False, seed=s)), "租赁合同 甲乙双方均未签字"),
        File("设备布局.png", png_plain(Fm.layout_plan(r["name"], r["addr"]), 5), "平面布局图 PNG"),
        File("食品安全制度.pdf", text_pdf(Fm.safety_rules(r["name"], 3)), "管理制度 3页"),
    ], ok("in-person", application="invalid", premises_proof="invalid"), base))

    s = "sp-05"  # via agent: POA unsigned, agent ID front only, rep ID expired
    r = R3
    out.append(Case(s, it, "via-agent", [
        File("申请书.jpg", jpg(app(r, seed=s)[2], s + "a3"), "申请书声明页（已签字）照片"),
        File("申请书封面.jpg", jpg(app(r, seed=s)[0], s + "a1"), "申请书封面 照片"),
        File("申请书2.jpg", jpg(app(r, seed=s)[1], s + "a2"), "申请书基本情况页 照片"),
        File("营业执照.jpg", jpg(licence(r), s + "bl"), "营业执照 照片"),
        File("老板身份证.jpg", jpg(lazy(id_sheet, RUAN, s), s + "id"), "经营者身份证 有效期至2025.05.20 已过期"),
        File("合同.pdf", text_pdf(shop_lease(r, LANDLORD1, seed=s)), "租赁合同 已签字"),
        File("布局流程.pdf", text_pdf(Fm.layout_plan(r["name"], r["addr"])), "平面布局图"),
        File("制度.pdf", text_pdf(Fm.safety_rules(r["name"], 2)), "管理制度 2页"),
        File("授权委托书.pdf", text_pdf(power_of_attorney(RUAN, YU, r["name"], D(2026, 11, 26), signed=False, seed=s)), "授权委托书 委托人未签字"),
        File("代办人身份证.jpg", jpg(cardL(Dd.id_front(YU)), s + "ag"), "代办人身份证 只有正面"),
    ], ok("via-agent", legal_rep_id="invalid", power_of_attorney="invalid", agent_id="invalid"), d_agent))

    s = "sp-06"  # premises proof and layout plan missing (menu, receipt instead)
    r = R5
    out.append(Case(s, it, "in-person", [
        File("申请书.pdf", text_pdf(app(r, seed=s)), "申请书 已签字"),
        File("营业执照.heic", heic(licence(r), s + "bl"), "营业执照 HEIC"),
        File("身份证.jpg", jpg(lazy(id_sheet, LIN, s), s + "id"), "身份证正反面"),
        File("菜单.jpg", irrelevant_menu(s), "菜单（无关）"),
        File("微信图片_20261128.jpg", jpg(Dd.receipt("镜湖区文印店", datetime.datetime(2026, 11, 28, 9, 15)), s + "rc"), "打印店小票（无关）"),
        File("管理制度.pdf", scan_pdf(Fm.safety_rules(r["name"], 3), s + "sr"), "管理制度 3页 扫描PDF"),
    ], ok("in-person", premises_proof="missing", layout_plan="missing"), base))

    s = "sp-07"  # one scanned bundle with every material, pages out of order, plus a selfie
    r = R4
    def bundle(s=s, r=r):
        pages = app(r, seed=s) + [licence(r)] + Fm.safety_rules(r["name"], 2) + shop_lease(r, LANDLORD2, seed=s) + [Fm.layout_plan(r["name"], r["addr"])]
        ims = [K.to_pil(p, 5) for p in pages] + [id_sheet(HE, s)]
        order = [3, 0, 1, 2, 9, 6, 7, 4, 5, 8]
        return C.scan_pdf(ims, s, order=order)
    out.append(Case(s, it, "in-person", [
        File("材料.pdf", bundle, "一个扫描PDF装全部材料（10页，顺序打乱）"),
        File("IMG_0001.jpg", (lambda s=s: C.jpeg(Dd.no_text_photo(s + "me", (1200, 1600)))), "自拍样照片 无文字"),
    ], ok("in-person"), base))
    return out


def _taxi() -> list[Case]:
    it = "taxi-driver-qualification"
    docs = {"application-form": "申请表", "id-card": "居民身份证", "driving-licence": "机动车驾驶证",
            "no-crime-record": "无犯罪记录证明", "health-certificate": "体检证明"}
    M = list(docs)
    ok = lambda **over: {m: over.get(m.replace("-", "_"), "ok") for m in M}
    H1, H2 = "芜湖市第二人民医院", "皖南医学院第一附属医院"
    out = []
    s = "cz-01"
    out.append(Case(s, it, None, [
        File("申请表.jpg", jpg(Fm.taxi_form(WEI, D(2008, 7, 1), seed=s), s + "f"), "申请表 竖版表格 照片"),
        File("身份证.pdf", scan_pdf(lazy(id_sheet, WEI, s), s + "id"), "身份证正反面 扫描PDF"),
        File("驾驶证.jpg", jpg(Dd.driving_licence(WEI, D(2008, 7, 1), D(2020, 7, 1), D(2030, 7, 1)), s + "dl", orientation=6), "驾驶证正副页 照片 EXIF方向=6"),
        File("无犯罪记录证明.pdf", text_pdf(no_crime(WEI, D(2026, 11, 19), seed=s)), "无犯罪记录证明 盖章 近期 文本PDF"),
        File("体检.pdf", scan_pdf(Fm.health_cert(WEI, H1, D(2026, 10, 30), seed=s), s + "hc"), "身体条件证明 盖章 扫描PDF"),
    ], ok(), docs))

    s = "cz-02"
    out.append(Case(s, it, None, [
        File("出租车资格申请表.pdf", text_pdf(Fm.taxi_form(LIU, D(2005, 3, 12), seed=s)), "申请表 文本PDF 已签字"),
        File("微信图片_20261125103344.jpg", jpg(sbs(Dd.id_front(LIU), Dd.id_back(LIU), ppm=10), s + "id"), "身份证正反面并排 一张照片"),
        File("驾照.webp", webp(Dd.driving_licence(LIU, D(2005, 3, 12), D(2017, 3, 12), None or D(2027, 3, 12)), s + "dl"), "驾驶证 WebP"),
        File("Screenshot_2026-11-25-10-41-07.png", shot(no_crime_electronic(LIU, D(2026, 11, 25), s), s, title="无犯罪记录证明"), "电子版无犯罪记录证明 App截图 PNG"),
        File("IMG_6620.HEIC", heic(Fm.health_cert(LIU, H2, D(2026, 11, 10), seed=s), s + "hc"), "身体条件证明 HEIC"),
    ], ok(), docs))

    s = "cz-03"  # no-crime certificate unsealed; medical certificate too old
    out.append(Case(s, it, None, [
        File("申请表.pdf", scan_pdf(Fm.taxi_form(SHI, D(2011, 9, 20), seed=s), s), "申请表 扫描PDF"),
        File("身份证.jpg", jpg(lazy(id_sheet, SHI, s), s + "id"), "身份证正反面"),
        File("驾驶证.jpg", jpg(Dd.driving_licence(SHI, D(2011, 9, 20), D(2023, 9, 20), D(2033, 9, 20)), s + "dl"), "驾驶证 照片"),
        File("无犯罪证明.jpg", jpg(no_crime(SHI, D(2026, 11, 12), sealed=False, seed=s), s + "nc"), "无犯罪记录证明 没有公章"),
        File("体检表.jpg", jpg(Fm.health_cert(SHI, H1, D(2026, 4, 10), seed=s), s + "hc"), "身体条件证明 2026-04-10（超过180天）"),
    ], ok(no_crime_record="invalid", health_certificate="invalid"), docs))

    s = "cz-04"  # no-crime certificate too old; driving licence expired
    out.append(Case(s, it, None, [
        File("申请表.jpg", jpg(Fm.taxi_form(KONG, D(1998, 5, 6), seed=s), s + "f", light=0.72), "申请表 偏暗照片"),
        File("身份证.pdf", scan_pdf(lazy(id_sheet, KONG, s), s + "id"), "身份证正反面 扫描PDF"),
        File("驾驶证.jpg", jpg(Dd.driving_licence(KONG, D(1998, 5, 6), D(2016, 9, 30), D(2026, 9, 30)), s + "dl"), "驾驶证 有效期至2026-09-30 已过期"),
        File("无犯罪记录证明.pdf", scan_pdf(no_crime(KONG, D(2026, 7, 20), seed=s, style="right"), s + "nc"), "无犯罪记录证明 2026-07-20出具（超过90天）"),
        File("体检证明.pdf", text_pdf(Fm.health_cert(KONG, H2, D(2026, 11, 3), seed=s)), "身体条件证明 近期 盖章"),
    ], ok(driving_licence="invalid", no_crime_record="invalid"), docs))

    s = "cz-05"  # form ID differs from ID card; undated no-crime certificate
    out.append(Case(s, it, None, [
        File("申请表.pdf", text_pdf(Fm.taxi_form(BAI, D(2004, 10, 18), seed=s, form_id=rid("340104", D(1980, 9, 26), "035"))), "申请表 身份证号与身份证不一致（有效但不同的号码）"),
        File("身份证.jpg", jpg(lazy(id_sheet, BAI, s), s + "id"), "身份证正反面"),
        File("驾驶证.pdf", scan_pdf(Dd.driving_licence(BAI, D(2004, 10, 18), D(2022, 10, 18), D(2032, 10, 18)), s + "dl"), "驾驶证 扫描PDF"),
        File("无犯罪记录.jpg", jpg(no_crime(BAI, None, seed=s), s + "nc"), "无犯罪记录证明 盖章但落款无日期"),
        File("体检.jpg", jpg(Fm.health_cert(BAI, H1, D(2026, 11, 14), seed=s), s + "hc"), "身体条件证明 近期"),
    ], ok(application_form="needs_staff", no_crime_record="needs_staff"), docs))

    s = "cz-06"  # no-crime certificate and medical certificate missing (wrong docs); ID back only
    out.append(Case(s, it, None, [
        File("申请表.jpg", jpg(Fm.taxi_form(YU, D(2009, 1, 15), seed=s), s + "f"), "申请表 照片"),
        File("身份证.jpg", jpg(cardL(Dd.id_back(YU)), s + "id"), "身份证 只有反面"),
        File("驾驶证.heic", heic(Dd.driving_licence(YU, D(2009, 1, 15), D(2021, 1, 15), D(2031, 1, 15)), s + "dl"), "驾驶证 HEIC"),
        File("健康证.jpg", jpg(cardL(Fm.food_worker_health(YU, D(2026, 6, 2))), s + "hw"), "食品从业人员健康证（不是驾驶人体检证明）"),
        File("证明.jpg", jpg(income_letter(CO_LOGI, YU, "5200", D(2026, 11, 20), seed=s), s + "inc"), "收入证明（不是无犯罪记录证明）"),
    ], ok(id_card="invalid", no_crime_record="missing", health_certificate="missing"), docs))

    s = "cz-07"  # mixed album: big rotated photos in low light, all present
    out.append(Case(s, it, None, [
        File("IMG_9001.JPG", jpg(Fm.health_cert(TANG, H2, D(2026, 11, 18), seed=s), s + "1", big=True, q=90), "身体条件证明 4000×3000大照片"),
        File("IMG_9002.JPG", jpg(Dd.driving_licence(TANG, D(2006, 4, 9), D(2018, 4, 9), D(2028, 4, 9)), s + "2", rot=180, light=0.7), "驾驶证 倒置 偏暗"),
        File("IMG_9003.JPG", jpg(no_crime(TANG, D(2026, 11, 21), seed=s, station="芜湖市公安局镜湖分局方村派出所"), s + "3", orientation=8), "无犯罪记录证明 EXIF方向=8"),
        File("IMG_9004.JPG", jpg(lazy(id_sheet, TANG, s), s + "4", big=True, light=0.8), "身份证正反面复印件 大照片"),
        File("IMG_9005.JPG", jpg(Fm.taxi_form(TANG, D(2006, 4, 9), seed=s), s + "5", rot=90), "申请表 旋转90°"),
        File("IMG_9006.JPG", irrelevant_menu(s), "菜单（无关）"),
    ], ok(), docs))

    s = "cz-08"  # application form unsigned; medical certificate without the hospital seal
    out.append(Case(s, it, None, [
        File("申请表.pdf", scan_pdf(Fm.taxi_form(MA, D(2007, 11, 2), seed=s, signed=False), s), "申请表 扫描PDF 签名处空白"),
        File("身份证.jpg", jpg(sbs(Dd.id_front(MA), Dd.id_back(MA), ppm=10), s + "id", tilt=0.12), "身份证正反面并排 斜拍"),
        File("驾驶证.jpg", jpg(Dd.driving_licence(MA, D(2007, 11, 2), D(2019, 11, 2), D(2029, 11, 2)), s + "dl"), "驾驶证 照片"),
        File("无犯罪记录证明.jpg", jpg(no_crime(MA, D(2026, 11, 16), seed=s, style="right", station="芜湖市公安局镜湖分局方村派出所"), s + "nc"), "无犯罪记录证明 盖章 近期"),
        File("体检证明.jpg", jpg(Fm.health_cert(MA, H1, D(2026, 11, 20), sealed=False, seed=s), s + "hc"), "身体条件证明 没有医院盖章"),
    ], ok(application_form="invalid", health_certificate="invalid"), docs))
    return out


def cases() -> list[Case]:
    return _housing() + _medical() + _school() + _food() + _taxi()


if __name__ == "__main__":
    from collections import Counter
    cs = cases()
    st = Counter(v for c in cs for v in c.expected.values())
    print(len(cs), "cases", sum(len(c.files) for c in cs), "files", dict(st))
