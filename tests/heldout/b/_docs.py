"""Document builders. Each returns one Page or a list of Pages (millimetre drawing ops)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PIL import Image

try:
    from . import _kit as K
    from ._kit import Page
except ImportError:  # loaded without a package
    import _kit as K  # type: ignore
    from _kit import Page  # type: ignore

D = dt.date
CN_DIG = "〇一二三四五六七八九"


def cn_date(d: D, style="num") -> str:
    if style == "upper":
        y = "".join(CN_DIG[int(c)] for c in str(d.year))
        def n(v):
            if v < 10:
                return CN_DIG[v]
            if v == 10:
                return "十"
            if v < 20:
                return "十" + CN_DIG[v - 10]
            return CN_DIG[v // 10] + "十" + (CN_DIG[v % 10] if v % 10 else "")
        return f"{y}年{n(d.month)}月{n(d.day)}日"
    if style == "dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if style == "dash":
        return d.isoformat()
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Person:
    name: str
    sex: str
    birth: D
    id: str
    addr: str
    nation: str = "汉"
    valid_from: D = D(2018, 5, 10)
    valid_to: D | None = D(2038, 5, 10)   # None = 长期
    authority: str = "芜湖市公安局镜湖分局"
    phone: str = "13905530000"


def _vt(p: Person) -> str:
    end = "长期" if p.valid_to is None else cn_date(p.valid_to, "dot")
    return f"{cn_date(p.valid_from, 'dot')}-{end}"


# -- cards -------------------------------------------------------------------------------------

def id_front(p: Person, tint=(236, 241, 236)) -> Page:
    g = Page(85.6, 54, bg=tint)
    for k in range(0, 86, 6):  # guilloche-like faint lines
        g.line(k, 0, k + 30, 54, 0.12, (214, 226, 216))
    g.text(5, 9, "姓  名", 2.2, "hei", (40, 90, 150))
    g.text(17, 9.2, p.name, 3.4, "hei")
    g.text(5, 15.5, "性  别", 2.2, "hei", (40, 90, 150)); g.text(17, 15.5, p.sex, 2.8, "hei")
    g.text(29, 15.5, "民  族", 2.2, "hei", (40, 90, 150)); g.text(40, 15.5, p.nation, 2.8, "hei")
    g.text(5, 21.5, "出  生", 2.2, "hei", (40, 90, 150))
    g.text(17, 21.5, f"{p.birth.year}  年  {p.birth.month}  月  {p.birth.day}  日", 2.7, "hei")
    g.text(5, 27.5, "住  址", 2.2, "hei", (40, 90, 150))
    for i, ln in enumerate(K.wrap(p.addr, 36, 2.7)[:3]):
        g.text(17, 27.5 + i * 4, ln, 2.7, "hei")
    g.text(5, 47, "公民身份号码", 2.3, "hei", (40, 90, 150))
    g.text(25, 47.2, p.id, 3.5, "hei")
    g.image(58, 6, 24, 30, K.portrait(p.id, bg=tint))
    return g


def id_back(p: Person, tint=(233, 239, 243)) -> Page:
    g = Page(85.6, 54, bg=tint)
    for k in range(0, 90, 5):
        g.line(0, k * 0.6, 85.6, k * 0.6 + 10, 0.1, (215, 225, 234))
    g.image(5, 4, 15, 15, K.emblem(200))
    g.text(50, 15, "中华人民共和国", 4.4, "zen", (20, 20, 20), anchor="m", bold=True)
    g.text(50, 25, "居 民 身 份 证", 5.6, "zen", (20, 20, 20), anchor="m", bold=True)
    g.text(14, 41, "签发机关", 2.3, "hei", (40, 90, 150)); g.text(29, 41, p.authority, 2.8, "hei")
    g.text(14, 47.5, "有效期限", 2.3, "hei", (40, 90, 150)); g.text(29, 47.5, _vt(p), 2.8, "hei")
    return g


def residence_permit(p: Person, addr: str, start: D, end: D, authority="芜湖市公安局镜湖分局") -> Page:
    g = Page(85.6, 54, bg=(240, 236, 226))
    g.rect(0, 0, 85.6, 8, stroke=None, fill=(178, 40, 40))
    g.text(42.8, 6, "安徽省居住证", 4.2, "zen", (255, 255, 255), anchor="m", bold=True)
    rows = [("姓名", p.name), ("性别", p.sex + "    民族  " + p.nation), ("出生", cn_date(p.birth)),
            ("住址", addr), ("公民身份号码", p.id)]
    y = 14
    for k, v in rows:
        g.text(4, y, k, 2.2, "hei", (120, 70, 40))
        for i, ln in enumerate(K.wrap(v, 42, 2.5)[:2]):
            g.text(21 if k != "公民身份号码" else 21, y + i * 3.6, ln, 2.5, "hei")
        y += 6.2 if len(v) < 18 else 9.5
    g.text(4, 47, "签发机关", 2.2, "hei", (120, 70, 40)); g.text(21, 47, authority, 2.4, "hei")
    g.text(4, 51.5, "有效期限", 2.2, "hei", (120, 70, 40))
    g.text(21, 51.5, f"{cn_date(start, 'dot')}-{cn_date(end, 'dot')}", 2.4, "hei")
    g.image(63, 12, 19, 24, K.portrait(p.id + "rp", bg=(240, 236, 226)))
    return g


def driving_licence(p: Person, first: D, start: D, end: D, cls="C1", addr=None) -> Page:
    """机动车驾驶证 main page and 副页 printed side by side on a landscape strip."""
    g = Page(190, 66, bg=(252, 252, 250))
    for x0, title in ((3, "中华人民共和国机动车驾驶证"), (99, "中华人民共和国机动车驾驶证副页")):
        g.rect(x0, 3, 88, 60, stroke=(120, 120, 120), fill=(238, 232, 244) if x0 == 3 else (246, 243, 230), width=0.3)
        g.text(x0 + 44, 9, title, 3.4 if x0 == 3 else 3.0, "zen", (60, 40, 110), anchor="m", bold=True)
        g.text(x0 + 44, 13, "Driving License of the People's Republic of China" if x0 == 3 else "", 1.7, "hei", (90, 80, 120), anchor="m")
    x = 5
    g.text(x, 19, "证号", 2.3, "hei", (90, 80, 120)); g.text(x + 10, 19, p.id, 3.0, "hei")
    g.text(x, 25, "姓名", 2.3, "hei", (90, 80, 120)); g.text(x + 10, 25, p.name, 3.0, "hei")
    g.text(x + 32, 25, "性别", 2.3, "hei", (90, 80, 120)); g.text(x + 40, 25, p.sex, 3.0, "hei")
    g.text(x + 48, 25, "国籍", 2.3, "hei", (90, 80, 120)); g.text(x + 56, 25, "中国", 3.0, "hei")
    g.text(x, 31, "住址", 2.3, "hei", (90, 80, 120)); g.text(x + 10, 31, (addr or p.addr)[:22], 2.6, "hei")
    g.text(x, 37, "出生日期", 2.3, "hei", (90, 80, 120)); g.text(x + 16, 37, cn_date(p.birth, "dash"), 2.8, "hei")
    g.text(x, 43, "初次领证日期", 2.3, "hei", (90, 80, 120)); g.text(x + 20, 43, cn_date(first, "dash"), 2.8, "hei")
    g.text(x, 49, "准驾车型", 2.3, "hei", (90, 80, 120)); g.text(x + 16, 49, cls, 3.2, "hei", bold=True)
    g.text(x, 56, "有效期限", 2.3, "hei", (90, 80, 120))
    g.text(x + 16, 56, f"{cn_date(start, 'dash')} 至 {cn_date(end, 'dash')}", 2.8, "hei")
    g.image(66, 32, 19, 24, K.portrait(p.id + "dl", bg=(238, 232, 244)))
    g.image(56, 38, 22, 22, K.seal("安徽省芜湖市公安局交通警察支队", p.id + "dl", star=False))
    x = 101
    g.text(x, 20, f"证号  {p.id}", 2.6, "hei"); g.text(x, 26, f"姓名  {p.name}", 2.6, "hei")
    g.text(x, 32, "档案编号  3402" + p.id[-8:], 2.6, "hei")
    g.text(x, 38, "记录：", 2.6, "hei")
    g.text(x, 44, "请于每个记分周期结束后三十日内接受审验。", 2.3, "hei")
    g.text(x, 56, "芜湖市公安局交通警察支队车辆管理所", 2.2, "hei", (90, 90, 90))
    return g


# -- household register --------------------------------------------------------------------------

def hukou_cover(head: Person, huhao: str, addr: str, kind="家庭户", authority="芜湖市公安局镜湖分局",
                station="范罗山派出所", date=D(2019, 3, 14)) -> Page:
    g = Page(105, 143, bg=(250, 248, 240))
    g.text(52.5, 14, "户  口  簿", 7, "zen", (20, 20, 20), anchor="m", bold=True)
    g.table(8, 24, [22, 67], [["户别", kind], ["户主姓名", head.name], ["户号", huhao], ["住址", addr]],
            rowh=12, size=3.3, font="ming", align=["m", "l"])
    g.text(10, 88, "户口登记机关", 3, "ming")
    g.text(10, 95, f"{authority}", 3.2, "ming")
    g.text(10, 102, f"{station}", 3.2, "ming")
    g.image(52, 78, 40, 40, K.seal(f"{authority}{station}户口专用章", huhao))
    g.text(10, 128, f"签发日期  {cn_date(date)}", 3, "ming")
    return g


def hukou_member(p: Person, rel: str, reg_date=D(2019, 3, 14), birthplace="安徽省芜湖市", edu="大学本科",
                 marital="已婚", job="", from_where="") -> Page:
    g = Page(105, 143, bg=(250, 248, 240))
    g.text(52.5, 11, "常住人口登记卡", 5.2, "zen", (20, 20, 20), anchor="m", bold=True)
    cw = [17, 25, 18, 35]
    rows = [["姓名", p.name, "户主或与户主关系", rel],
            ["曾用名", "", "性别", p.sex],
            ["出生地", birthplace, "民族", p.nation],
            ["籍贯", "安徽芜湖", "出生日期", cn_date(p.birth)],
            ["本市(县)其他住址", None, "", None],
            ["宗教信仰", "", "公民身份证件编号", p.id],
            ["身高", "", "血型", ""],
            ["文化程度", edu, "婚姻状况", marital],
            ["兵役状况", "", "服务处所", job],
            ["职业", "", "", None],
            ["何时由何地迁来本市(县)", None, from_where or "", None],
            ["何时由何地迁来本址", None, from_where or "", None]]
    g.table(5, 16, cw, rows, rowh=8.3, size=2.6, font="ming", align=["l", "l", "l", "l"])
    g.text(8, 124, "承办人签章", 2.7, "ming")
    g.image(24, 114, 14, 9, K.signature("陈立新", p.id, color=(60, 30, 30), style="scrawl"))
    g.text(58, 124, f"登记日期  {cn_date(reg_date)}", 2.7, "ming")
    g.image(62, 100, 30, 30, K.seal("芜湖市公安局镜湖分局户口专用章", p.id + "m"))
    return g


# -- certificates ------------------------------------------------------------------------------------

def marriage_cert(a: Person, b: Person, date: D, no: str, office="芜湖市镜湖区民政局", title="结婚证") -> Page:
    g = Page(180, 125, bg=(253, 247, 240))
    g.rect(4, 4, 172, 117, stroke=(190, 60, 60), width=0.8)
    g.text(45, 16, title, 7, "zen", (180, 30, 30), anchor="m", bold=True)
    g.text(10, 30, "持证人", 3.4, "ming"); g.text(28, 30, a.name, 3.8, "kai")
    g.text(10, 40, "登记日期", 3.4, "ming"); g.text(28, 40, cn_date(date), 3.6, "ming")
    g.text(10, 50, title + "字号", 3.4, "ming"); g.text(30, 50, no, 3.6, "ming")
    g.text(10, 60, "备注", 3.4, "ming")
    g.image(14, 72, 44, 44, K.seal(f"{office}婚姻登记专用章", no))
    x = 95
    g.image(x, 10, 70, 40, Image.new("RGBA", (70, 40), (205, 40, 40, 255)))
    g.image(x + 8, 14, 24, 32, K.portrait(a.id + "m", bg=(205, 40, 40)))
    g.image(x + 38, 14, 24, 32, K.portrait(b.id + "m", bg=(205, 40, 40)))
    y = 60
    for p in (a, b):
        g.text(x, y, f"姓名  {p.name}", 3.3, "ming"); g.text(x + 40, y, f"性别  {p.sex}", 3.3, "ming")
        g.text(x, y + 6, "国籍  中国", 3.3, "ming"); g.text(x + 40, y + 6, f"出生日期  {cn_date(p.birth)}", 3.0, "ming")
        g.text(x, y + 12, f"身份证件号  {p.id}", 3.3, "ming")
        y += 24
    return g


def birth_cert(child: str, sex: str, born: dt.datetime, mother: Person, father: Person, no: str,
               hospital: str, place="安徽省芜湖市镜湖区") -> Page:
    g = Page(210, 148, bg=(243, 249, 244))
    for k in range(0, 210, 3):
        g.line(k, 4, k + 1.5, 8, 0.3, (120, 170, 140)); g.line(k, 140, k + 1.5, 144, 0.3, (120, 170, 140))
    for k in range(8, 140, 3):
        g.line(4, k, 8, k + 1.5, 0.3, (120, 170, 140)); g.line(202, k, 206, k + 1.5, 0.3, (120, 170, 140))
    g.rect(10, 10, 190, 128, stroke=(80, 140, 110), width=0.6)
    g.text(105, 23, "出 生 医 学 证 明", 7.2, "zen", (30, 90, 60), anchor="m", bold=True)
    g.text(105, 30, "Medical Certificate of Birth", 3, "hei", (60, 110, 80), anchor="m")
    g.text(160, 38, f"编号  {no}", 3.4, "hei", (180, 30, 30))
    rows = [["新生儿姓名", child, "性别", sex],
            ["出生时间", f"{born.year}年{born.month}月{born.day}日{born.hour}时{born.minute}分", None, None],
            ["出生地点", place, None, None],
            ["出生孕周", "39周", "健康状况", "良好"], ["出生体重", "3350克", "出生身长", "50厘米"],
            ["母亲姓名", mother.name, "年龄", str(born.year - mother.birth.year)],
            ["母亲身份证件号码", mother.id, None, None],
            ["父亲姓名", father.name, "年龄", str(born.year - father.birth.year)],
            ["父亲身份证件号码", father.id, None, None],
            ["接生机构名称", hospital, None, None]]
    g.table(18, 42, [34, 70, 24, 46], rows, rowh=7.8, size=3.1, font="ming")
    g.image(140, 104, 34, 34, K.seal(f"{hospital}出生医学证明专用章", no))
    g.text(150, 134, f"签发日期：{cn_date(born.date() + dt.timedelta(days=3))}", 2.8, "ming")
    return g


def property_cert(owner: Person, co: str, addr: str, unit: str, area: str, no: str,
                  reg_date=D(2021, 6, 18)) -> list[Page]:
    p1 = Page(148, 210, bg=(247, 245, 238))
    p1.text(74, 16, f"皖（{reg_date.year}）芜湖市不动产权第{no}号", 3.6, "ming", anchor="m")
    rows = [["权利人", owner.name + (f"、{co}" if co else "")], ["共有情况", "共同共有" if co else "单独所有"],
            ["坐落", addr], ["不动产单元号", unit], ["权利类型", "国有建设用地使用权/房屋所有权"],
            ["权利性质", "出让/市场化商品房"], ["用途", "城镇住宅用地/住宅"],
            ["面积", f"共有宗地面积 18432.6㎡/房屋建筑面积 {area}㎡"],
            ["使用期限", "国有建设用地使用权 2009年04月01日起2079年03月31日止"],
            ["权利其他状况", "专有建筑面积：" + str(round(float(area) * 0.82, 2)) + "㎡，分摊建筑面积：" + str(round(float(area) * 0.18, 2)) + "㎡\n房屋结构：钢筋混凝土结构  所在层/总层数：7/18"]]
    p1.table(10, 24, [30, 98], rows, rowh=15, size=3.2, font="ming")
    p1.text(14, 196, "附记", 3.2, "ming")
    p2 = Page(148, 210, bg=(247, 245, 238))
    p2.text(74, 40, "根据《中华人民共和国民法典》等法律法规，为保护不动产权利人合法权益，", 3.1, "ming", anchor="m")
    p2.text(74, 46, "对不动产权利人申请登记的本证所列不动产权利，经审查核实，准予登记，颁发此证。", 3.1, "ming", anchor="m")
    p2.text(100, 120, "登记机构（章）", 3.6, "ming")
    p2.image(92, 94, 46, 46, K.seal("芜湖市不动产登记中心", no))
    p2.text(100, 150, cn_date(reg_date), 3.6, "ming")
    p2.text(20, 190, f"编号 NO.  D34{no[-6:]}0", 3.4, "hei", (180, 30, 30))
    return [p1, p2]


def business_licence(name: str, uscc: str, kind: str, rep: str, scope: str, capital: str, founded: D,
                     addr: str, authority="芜湖市镜湖区市场监督管理局", copy=True) -> Page:
    g = Page(297, 210, bg=(255, 253, 247))
    for inset, w in ((6, 1.6), (9, 0.4)):
        g.rect(inset, inset, 297 - 2 * inset, 210 - 2 * inset, stroke=(170, 120, 40), width=w)
    for k in range(12, 285, 8):  # decorative border pattern
        g.rect(k, 10.5, 4, 2, stroke=None, fill=(200, 160, 80)); g.rect(k, 197.5, 4, 2, stroke=None, fill=(200, 160, 80))
    g.image(136, 16, 25, 25, K.emblem(300))
    g.text(148.5, 56, "营 业 执 照", 13, "zen", (190, 20, 20), anchor="m", bold=True)
    if copy:
        g.text(148.5, 64, "（副    本）", 4.5, "ming", anchor="m")
    g.text(22, 50, "统一社会信用代码", 3.6, "hei"); g.text(22, 57, uscc, 4.2, "hei")
    g.text(232, 50, "编号  S0612" + uscc[-8:-2], 3.0, "hei")
    g.image(240, 22, 26, 26, K.qr_like(uscc))
    L = [("名      称", name), ("类      型", kind), ("法定代表人", rep), ("经 营 范 围", scope)]
    R = [("注 册 资 本", capital), ("成 立 日 期", cn_date(founded)), ("营 业 期 限", f"{cn_date(founded)}至长期"),
         ("住      所", addr)]
    y = 84
    for k, v in L:
        g.text(26, y, k, 3.8, "ming", bold=True)
        lines = K.wrap(v, 88, 3.6)
        for i, ln in enumerate(lines[:5]):
            g.text(58, y + i * 5.6, ln, 3.6, "ming")
        y += max(12, 5.6 * len(lines[:5]) + 6)
    y = 84
    for k, v in R:
        g.text(160, y, k, 3.8, "ming", bold=True)
        lines = K.wrap(v, 80, 3.6)
        for i, ln in enumerate(lines[:3]):
            g.text(192, y + i * 5.6, ln, 3.6, "ming")
        y += max(12, 5.6 * len(lines[:3]) + 6)
    g.text(200, 165, "登记机关", 4, "ming", bold=True)
    g.image(214, 148, 40, 40, K.seal(authority, uscc))
    g.text(222, 184, cn_date(founded), 3.8, "ming")
    g.text(22, 192, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 2.8, "hei")
    g.text(200, 192, "国家市场监督管理总局监制", 2.8, "hei")
    return g


# -- letters ---------------------------------------------------------------------------------------------

def letter(org: str, title: str, paras: list[str], *, date: D | None, sealed=True, style="band",
           seal_name=None, addr="", phone="", tail: list[str] = (), font="ming", landscape=False,
           sign_name=None, sign_label=None, seed="", ref_no="", oval=False, size=3.8, page=None) -> Page:
    """A letter: letterhead (several styles), centred title, body, issuer, date, seal, footer."""
    W, H = (297, 210) if landscape else (210, 297)
    g = page or Page(W, H)
    y = 20
    if style == "band":
        g.rect(0, 0, W, 24, stroke=None, fill=(28, 64, 120))
        g.text(W / 2, 15, org, 6, "zen", (255, 255, 255), anchor="m", bold=True)
        y = 36
    elif style == "redline":
        g.text(W / 2, 24, org, 7, "ming", (200, 20, 20), anchor="m", bold=True)
        g.line(18, 30, W - 18, 30, 0.9, (200, 20, 20)); g.line(18, 31.5, W - 18, 31.5, 0.3, (200, 20, 20))
        y = 42
    elif style == "logo":
        g.rect(18, 12, 14, 14, stroke=None, fill=(200, 110, 30))
        g.text(25, 22, org[0], 8, "zen", (255, 255, 255), anchor="m")
        g.text(36, 19, org, 5, "hei", (60, 60, 60), bold=True)
        g.text(36, 25, "ADD: " + (addr[:26] if addr else "") , 2.4, "hei", (120, 120, 120))
        g.line(18, 30, W - 18, 30, 0.5, (200, 110, 30))
        y = 42
    elif style == "right":
        g.text(W - 20, 18, org, 4.6, "hei", (40, 40, 40), anchor="r", bold=True)
        g.text(W - 20, 24, f"电话：{phone}" if phone else "", 2.6, "hei", (110, 110, 110), anchor="r")
        g.line(20, 28, W - 20, 28, 0.2, (110, 110, 110))
        y = 40
    else:
        y = 28
    if ref_no:
        g.text(W - 22, y, ref_no, 3.2, font, anchor="r"); y += 8
    g.text(W / 2, y + 8, title, 7.5 if len(title) <= 6 else 6, "zen" if style != "none" else "kai", anchor="m", bold=True)
    y += 24
    for p in paras:
        if p.startswith("§"):
            y = g.para(22, y, p[1:], W - 44, size, font, lead=1.9, indent=False) + size * 0.3; continue
        y = g.para(22, y, p, W - 44, size, font, lead=1.9) + size * 0.6
    y += 6
    for t in tail:
        g.text(22, y + size, t, size, font); y += size * 1.9
    y += 8
    if sign_label:
        g.text(W - 95, y + size, sign_label, size, font)
        if sign_name:
            g.image(W - 95 + K.text_width_mm(sign_label, size) + 1, y - 6, 34, 14,
                    K.signature(sign_name, seed, color=K.BLUE_INK if len(sign_name) % 2 else K.BLACK_INK))
        y += 14
    if org and style != "none" or seal_name:
        g.text(W - 30, y + size, seal_name or org if style != "none" else org, size, font, anchor="r")
    y += size * 2.2
    if date is not None:
        g.text(W - 30, y + size, cn_date(date, "upper" if len(org) % 2 else "num"), size, font, anchor="r")
    if sealed:
        g.image(W - 82, y - 34, 46, 46 if not oval else 33, K.seal(seal_name or org, seed + title, oval=oval))
    if addr or phone:
        g.line(18, H - 18, W - 18, H - 18, 0.3, (150, 150, 150))
        g.text(W / 2, H - 12, f"地址：{addr}    电话：{phone}", 2.7, "hei", (110, 110, 110), anchor="m")
    return g


def handwritten_note(title: str, lines: list[str], signer: str, date: D | None, seed: str, signed=True) -> Page:
    """A letter handwritten on ruled paper (承诺书 etc.): kai font, ruled lines, signature."""
    g = Page(210, 297, bg=(252, 251, 245))
    for k in range(40, 280, 11):
        g.line(16, k, 194, k, 0.15, (170, 190, 215))
    g.text(105, 30, title, 7, "kai", (30, 30, 60), anchor="m")
    y = 40
    for ln in lines:
        for w in K.wrap(("\u3000\u3000" + ln) if not ln.startswith("§") else ln[1:], 172, 4.6):
            g.text(19, y + 9, w, 4.6, "kai", (30, 30, 80)); y += 11
    y += 11
    g.text(110, y + 9, "承诺人（签字）：", 4.6, "kai", (30, 30, 80))
    if signed:
        g.image(150, y - 2, 36, 16, K.signature(signer, seed))
    y += 15
    g.text(118, y + 9, "日期：" + (cn_date(date) if date else "      年    月    日"), 4.6, "kai", (30, 30, 80))
    return g


# -- contracts ----------------------------------------------------------------------------------------

def lease(landlord: Person, tenant: Person | str, addr: str, start: D, end: D, rent: str, signed_at: D,
          purpose="居住", sign_l=True, sign_t=True, area="68.5", filed_no="", seed="", tenant_rep=None) -> list[Page]:
    tname = tenant if isinstance(tenant, str) else tenant.name
    p1 = Page(210, 297)
    p1.text(105, 28, "房屋租赁合同", 8, "zen", anchor="m", bold=True)
    if filed_no:
        p1.text(188, 14, f"备案号：{filed_no}", 3, "hei", anchor="r")
    y = 44
    p1.text(22, y, f"出租方（甲方）：{landlord.name}    身份证号：{landlord.id}", 3.6, "ming"); y += 8
    tid = "" if isinstance(tenant, str) else f"    身份证号：{tenant.id}"
    p1.text(22, y, f"承租方（乙方）：{tname}{tid}", 3.6, "ming"); y += 12
    clauses = [
        f"第一条 甲方将坐落于{addr}的房屋（建筑面积{area}平方米）出租给乙方作{purpose}使用。甲方保证对该房屋享有合法的出租权。",
        f"第二条 租赁期限自{cn_date(start)}起至{cn_date(end)}止。租赁期满，乙方需继续承租的，应于期满前一个月书面通知甲方。",
        f"第三条 租金为每月人民币{rent}元，按季度支付，乙方应于每季度首月五日前付清当季租金。押金为一个月租金。",
        "第四条 租赁期间，水、电、燃气、物业管理等费用由乙方承担；房屋主体结构及附属设施的维修由甲方负责。",
        "第五条 乙方不得擅自改变房屋结构和用途，不得利用该房屋从事违法活动；经甲方书面同意后方可转租。",
        "第六条 任何一方违约的，应向守约方支付相当于两个月租金的违约金；造成损失的，应予赔偿。",
    ]
    for c in clauses:
        y = p1.para(22, y, c, 166, 3.6, "ming", lead=1.85, indent=False) + 3
    p1.text(105, 285, "第 1 页 共 2 页", 2.8, "hei", anchor="m")
    p2 = Page(210, 297)
    y = 28
    for c in ["第七条 租赁期满或合同解除后，乙方应在七日内腾空房屋并交还钥匙，甲方退还押金。",
              "第八条 本合同履行中发生争议，由双方协商解决；协商不成的，向房屋所在地人民法院起诉。",
              "第九条 本合同自双方签字之日起生效，一式三份，甲乙双方各执一份，备案机关存档一份。"]:
        y = p2.para(22, y, c, 166, 3.6, "ming", lead=1.85, indent=False) + 3
    y += 20
    p2.text(22, y, "甲方（签字）：", 3.8, "ming"); p2.text(112, y, "乙方（签字/盖章）：", 3.8, "ming")
    if sign_l:
        p2.image(48, y - 10, 36, 15, K.signature(landlord.name, seed + "l"))
    if sign_t:
        nm = tenant_rep or tname
        p2.image(148, y - 10, 36, 15, K.signature(nm, seed + "t", color=K.BLACK_INK))
    y += 14
    p2.text(22, y, f"联系电话：{landlord.phone}", 3.4, "ming")
    p2.text(112, y, "联系电话：" + ("" if isinstance(tenant, str) else tenant.phone), 3.4, "ming")
    y += 10
    p2.text(22, y, f"签订日期：{cn_date(signed_at)}", 3.4, "ming"); p2.text(112, y, f"签订日期：{cn_date(signed_at)}", 3.4, "ming")
    if filed_no:
        p2.rect(120, y + 20, 64, 26, stroke=(40, 80, 170), width=0.7)
        p2.text(152, y + 30, "房屋租赁登记备案", 4, "zen", (40, 80, 170), anchor="m")
        p2.text(152, y + 38, f"芜湖市镜湖区房屋租赁管理所  {cn_date(signed_at + dt.timedelta(days=5), 'dot')}", 2.6, "hei", (40, 80, 170), anchor="m")
    p2.text(105, 285, "第 2 页 共 2 页", 2.8, "hei", anchor="m")
    return [p1, p2]


# -- irrelevant things ------------------------------------------------------------------------------------

def menu(shop: str) -> Page:
    g = Page(148, 210, bg=(250, 240, 220))
    g.text(74, 22, shop, 8, "kai", (140, 30, 20), anchor="m")
    g.text(74, 32, "— 菜  单 —", 4.5, "kai", (140, 30, 20), anchor="m")
    items = [("红烧肉", 48), ("酸菜鱼", 58), ("清炒时蔬", 18), ("小馄饨", 15), ("虾仁炒蛋", 32), ("毛血旺", 46),
             ("米饭", 2), ("酸梅汤", 8), ("芜湖虾籽面", 22), ("小笼汤包", 16)]
    y = 46
    for n, p in items:
        g.text(24, y, n, 4.6, "kai"); g.text(124, y, f"¥{p}", 4.6, "hei", anchor="r")
        g.line(58, y - 1, 108, y - 1, 0.15, (180, 160, 120)); y += 14
    return g


def receipt(store: str, when: dt.datetime) -> Page:
    g = Page(58, 120, bg=(250, 250, 250))
    g.text(29, 9, store, 3.4, "hei", anchor="m", bold=True)
    g.text(4, 16, f"单号：2026{when.month:02d}{when.day:02d}0413", 2.2, "hei")
    g.text(4, 20, f"时间：{when:%Y-%m-%d %H:%M}", 2.2, "hei")
    g.line(3, 23, 55, 23, 0.2)
    y = 28
    for n, q, p in [("农夫山泉550ml", 2, 4.0), ("卫龙辣条", 1, 5.5), ("A4打印纸(10张)", 1, 3.0), ("复印 身份证", 2, 1.0)]:
        g.text(4, y, n, 2.4, "hei"); g.text(54, y, f"{q}x{p:.2f}", 2.4, "hei", anchor="r"); y += 5
    g.line(3, y, 55, y, 0.2)
    g.text(4, y + 6, "合计：", 2.8, "hei", bold=True); g.text(54, y + 6, "15.50", 2.8, "hei", anchor="r")
    g.text(4, y + 12, "微信支付  15.50", 2.4, "hei")
    g.text(29, y + 22, "谢谢惠顾  欢迎再来", 2.4, "hei", anchor="m")
    return g


def no_text_photo(seed: str, size=(1200, 1600)) -> Image.Image:
    """A selfie-like image with no text: a face-like shape against a blurred room."""
    import numpy as np
    r = K.rng_for("selfie", seed)
    W, H = size
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    base = np.stack([180 + 40 * np.sin(xx / 300 + r.random()), 160 + 30 * np.cos(yy / 250), 150 + 20 * np.sin((xx + yy) / 400)], -1)
    im = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    face = K.portrait(seed, w=W // 2, h=int(H * 0.6), bg=(0, 0, 0)).convert("RGBA")
    a = face.split()[-1].point(lambda v: v)
    px = face.load()
    # transparent background for the portrait
    data = [(p[0], p[1], p[2], 0 if p[:3] == (0, 0, 0) else 255) for p in face.getdata()]
    face.putdata(data)
    im.paste(face, (W // 4, int(H * 0.3)), face)
    from PIL import ImageFilter
    return im.filter(ImageFilter.GaussianBlur(2))
