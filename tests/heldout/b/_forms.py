"""Item-specific forms and documents: application forms, query certificates, medical forms, rules."""
from __future__ import annotations

import datetime as dt

try:
    from . import _kit as K
    from ._docs import Person, cn_date, letter
    from ._kit import Page
except ImportError:  # loaded without a package
    import _kit as K  # type: ignore
    from _docs import Person, cn_date, letter  # type: ignore
    from _kit import Page  # type: ignore

D = dt.date
CHK = "√"
BOX = "□"


def _sig(g: Page, x, y, name, seed, color=K.BLUE_INK, w=34, h=14):
    g.image(x, y - h * 0.75, w, h, K.signature(name, seed, color=color))


# -- 公共租赁住房申请表 (boxes per character, two pages) -----------------------------------------------

def gzf_form(a: Person, members: list[tuple[Person, str, str, str]], *, signed=True, form_id=None,
             date=D(2026, 11, 24), employer="", income="", seed="") -> list[Page]:
    p1 = Page(210, 297)
    p1.text(105, 20, "芜湖市公共租赁住房申请表", 6.5, "zen", anchor="m", bold=True)
    p1.text(22, 31, "申请编号：", 3.2, "hei"); p1.boxes(40, 27, "", 10, box=4.5)
    p1.text(188, 31, "填表日期：" + cn_date(date), 3.2, "hei", anchor="r")
    p1.text(22, 42, "申请类型：", 3.4, "hei")
    p1.text(42, 42, f"{CHK}城镇中等偏下收入住房困难家庭   {BOX}新就业无房职工   {BOX}外来务工人员", 3.4, "hei")
    p1.rect(20, 47, 170, 7, stroke=None, fill=(225, 232, 242))
    p1.text(22, 52.2, "一、申请人基本情况", 3.6, "hei", bold=True)
    y = 58
    p1.text(22, y + 4, "姓    名", 3.4, "hei"); p1.boxes(42, y, a.name, 5, box=6, size=4)
    p1.text(120, y + 4, "性别", 3.4, "hei"); p1.boxes(132, y, a.sex, 1, box=6, size=4)
    y += 10
    p1.text(22, y + 4, "身份证号", 3.4, "hei"); p1.boxes(42, y, form_id or a.id, 18, box=6, size=3.8)
    y += 10
    p1.text(22, y + 4, "联系电话", 3.4, "hei"); p1.boxes(42, y, a.phone, 11, box=6, size=3.8)
    y += 10
    p1.text(22, y + 4, "户籍地址", 3.4, "hei"); p1.text(42, y + 4, a.addr, 3.4, "kai", K.BLUE_INK); p1.line(42, y + 5.5, 188, y + 5.5, 0.2)
    y += 10
    p1.text(22, y + 4, "工作单位", 3.4, "hei"); p1.text(42, y + 4, employer, 3.4, "kai", K.BLUE_INK); p1.line(42, y + 5.5, 120, y + 5.5, 0.2)
    p1.text(124, y + 4, "月收入(元)", 3.4, "hei"); p1.text(146, y + 4, income, 3.4, "kai", K.BLUE_INK); p1.line(144, y + 5.5, 188, y + 5.5, 0.2)
    y += 14
    p1.rect(20, y, 170, 7, stroke=None, fill=(225, 232, 242))
    p1.text(22, y + 5.2, "二、共同申请家庭成员", 3.6, "hei", bold=True)
    y += 9
    rows = [["姓名", "与申请人关系", "公民身份号码", "工作单位/学校", "月收入(元)"]]
    for m, rel, unit, inc in members:
        rows.append([m.name, rel, m.id, unit, inc])
    while len(rows) < 5:
        rows.append(["", "", "", "", ""])
    y = p1.table(20, y, [22, 24, 48, 50, 26], rows, rowh=8, size=3.1, heads=1, font="hei")
    y += 6
    p1.rect(20, y, 170, 7, stroke=None, fill=(225, 232, 242))
    p1.text(22, y + 5.2, "三、家庭住房情况", 3.6, "hei", bold=True)
    y += 12
    p1.text(22, y, f"{CHK}本市市区无自有住房    {BOX}人均住房建筑面积低于15平方米    {BOX}其他", 3.4, "hei")
    y += 8
    p1.text(22, y, "现居住地址：", 3.4, "hei"); p1.text(44, y, "镜湖区长江路社区租住，月租金1200元", 3.4, "kai", K.BLUE_INK)
    p1.text(105, 287, "（第一页）", 2.8, "hei", anchor="m")
    p2 = Page(210, 297)
    p2.rect(20, 20, 170, 7, stroke=None, fill=(225, 232, 242))
    p2.text(22, 25.2, "四、申请人声明", 3.6, "hei", bold=True)
    y = p2.para(22, 34, "本人（及共同申请人）承诺：以上填写内容及所提交的全部材料真实、准确、完整；同意住房保障部门向民政、不动产登记、公安、税务、社保、公积金等部门和单位查询、核对本家庭的收入、住房和资产情况。如有隐瞒或虚报，愿承担取消资格、退还已享受待遇及相应的法律责任。",
                166, 3.5, "hei", lead=1.9)
    y += 8
    p2.text(22, y + 4, "申请人（签字）：", 3.6, "hei")
    if signed:
        _sig(p2, 54, y + 4, a.name, seed)
    p2.line(52, y + 5.5, 100, y + 5.5, 0.2)
    p2.text(112, y + 4, "共同申请人（签字）：", 3.6, "hei")
    if signed and members:
        _sig(p2, 148, y + 4, members[0][0].name, seed + "m", color=K.BLACK_INK)
    p2.line(146, y + 5.5, 188, y + 5.5, 0.2)
    y += 12
    p2.text(22, y + 4, "日期：" + (cn_date(date) if signed else "        年      月      日"), 3.6, "hei")
    y += 16
    for t in ("社区（居委会）初审意见", "街道办事处审核意见", "区住房保障部门审核意见"):
        p2.rect(20, y, 170, 36)
        p2.text(22, y + 6, t + "：", 3.4, "hei")
        p2.text(130, y + 30, "（盖章）      年    月    日", 3.2, "hei")
        y += 40
    p2.text(105, 287, "（第二页）", 2.8, "hei", anchor="m")
    return [p1, p2]


# -- 异地就医备案表 (landscape grid) -----------------------------------------------------------------------------

def ydjy_form(p: Person, kind: str, place: str, *, signed=True, form_id=None, date=D(2026, 11, 25),
              start=D(2026, 12, 1), seed="", unit="") -> Page:
    g = Page(297, 210)
    g.text(148.5, 18, "基本医疗保险参保人员异地就医备案表", 6, "zen", anchor="m", bold=True)
    g.text(20, 28, "参保地：安徽省芜湖市", 3.3, "hei"); g.text(277, 28, "备案编号：__________", 3.3, "hei", anchor="r")
    cw = [34, 50, 30, 40, 34, 69]
    ks = lambda b: CHK if b else BOX
    rows = [["姓名", p.name, "性别", p.sex, "联系电话", p.phone],
            ["公民身份号码", form_id or p.id, None, None, "参保类型", f"{CHK}职工医保  {BOX}居民医保"],
            ["参保单位", unit or "（灵活就业）", None, None, "人员类别", f"{ks(not unit)}退休 {ks(bool(unit))}在职"],
            ["备案类型", f"{ks(kind == 'long-term-residence')}异地长期居住（含异地安置退休）   {ks(kind == 'posted-worker')}常驻异地工作   {BOX}异地转诊   {BOX}临时外出就医", None, None, None, None],
            ["就医地", place, None, None, "备案开始日期", cn_date(start)],
            ["就医地联系地址", p.addr if kind == "x" else place + "（详细地址见承诺书）", None, None, None, None],
            ["本人承诺", "本人承诺所提供的信息真实有效，知悉备案后在就医地及参保地就医的待遇规定，并承担因虚假承诺产生的法律责任。", None, None, None, None]]
    y = g.table(20, 33, cw, rows, rowh=14, size=3.5, font="hei", align=["m"] * 6)
    g.rect(20, y, 257, 22)
    g.text(24, y + 14, "参保人（或代办人）签字：", 3.6, "hei")
    if signed:
        _sig(g, 72, y + 15, p.name, seed, w=40, h=16)
    g.text(160, y + 14, "申请日期：" + cn_date(date), 3.6, "hei")
    y += 22
    g.rect(20, y, 257, 26)
    g.text(24, y + 8, "经办机构意见：", 3.6, "hei")
    g.text(200, y + 20, "经办人：          年    月    日", 3.4, "hei")
    g.text(20, y + 34, "注：本表一式一份，由参保地医保经办机构留存。备案有效期内可在就医地联网定点医药机构直接结算。", 2.9, "hei", (90, 90, 90))
    return g


# -- 出租汽车驾驶员从业资格考试申请表 (vertical table) -------------------------------------------------------------

def taxi_form(p: Person, dl_first: D, *, signed=True, form_id=None, date=D(2026, 11, 26), seed="") -> Page:
    g = Page(210, 297)
    g.text(105, 22, "出租汽车驾驶员从业资格考试申请表", 6.2, "zen", anchor="m", bold=True)
    g.text(188, 31, "编号：WH2026-", 3, "hei", anchor="r")
    cw = [36, 50, 28, 30]
    rows = [["姓    名", p.name, "性别", p.sex],
            ["出生日期", cn_date(p.birth), "民族", p.nation],
            ["公民身份号码", form_id or p.id, None, None],
            ["户籍地址", p.addr, None, None],
            ["联系电话", p.phone, "文化程度", "高中"],
            ["机动车驾驶证号", p.id, None, None],
            ["准驾车型", "C1", "初次领证日期", cn_date(dl_first)],
            ["申请类别", f"{CHK}巡游出租汽车驾驶员   {BOX}网络预约出租汽车驾驶员", None, None],
            ["拟从业企业", "芜湖市江城出租汽车有限公司", None, None],
            ["近三个记分周期", f"{CHK}无记满12分记录   {BOX}有", None, None],
            ["犯罪及吸毒记录", f"{CHK}无交通肇事、危险驾驶、暴力犯罪及吸毒记录", None, None]]
    y = g.table(20, 36, cw, rows, rowh=11, size=3.4, font="ming", align=["m", "l", "m", "l"])
    g.rect(164, 36, 26, 33)
    g.text(177, 52, "一寸", 3, "hei", (150, 150, 150), anchor="m"); g.text(177, 57, "免冠照片", 3, "hei", (150, 150, 150), anchor="m")
    g.image(165, 37, 24, 31, K.portrait(p.id + "tx"))
    # widen the grid to include the photo column
    g.rect(164, 69, 26, 0.01)
    y += 4
    g.rect(20, y, 170, 40)
    g.text(24, y + 8, "申请人承诺：", 3.6, "ming", bold=True)
    g.para(24, y + 10, "本人已如实填写以上信息并提交相关证明材料，如有虚假，自愿承担由此产生的一切法律责任，并接受取消考试资格的处理。", 160, 3.4, "ming")
    g.text(100, y + 34, "申请人签名：", 3.6, "ming")
    if signed:
        _sig(g, 124, y + 35, p.name, seed, color=K.BLACK_INK)
    g.text(150, y + 34 + 0, "", 3.4, "ming")
    y += 40
    g.text(120, y + 8, cn_date(date), 3.5, "ming")
    y += 14
    g.rect(20, y, 170, 34)
    g.text(24, y + 8, "受理部门审核意见：", 3.6, "ming")
    g.text(120, y + 28, "（盖章）    年   月   日", 3.4, "ming")
    return g


# -- 食品经营许可申请书 (cover + info grid + declaration) ----------------------------------------------------------------

def food_app(co: str, uscc: str, rep: Person, addr: str, *, signed=True, date=D(2026, 11, 23), seed="",
             manager="") -> list[Page]:
    c = Page(210, 297)
    c.text(105, 70, "食品经营许可申请书", 10, "zen", anchor="m", bold=True)
    c.text(105, 86, "（新办）", 5, "ming", anchor="m")
    c.text(50, 150, "申  请  人：", 4.6, "ming"); c.text(82, 150, co, 4.6, "kai", K.BLUE_INK); c.line(80, 152, 170, 152, 0.3)
    c.text(50, 166, "申请日期：", 4.6, "ming"); c.text(82, 166, cn_date(date), 4.6, "kai", K.BLUE_INK); c.line(80, 168, 170, 168, 0.3)
    c.text(105, 250, "国家市场监督管理总局制", 4.2, "ming", anchor="m")
    p2 = Page(210, 297)
    p2.text(105, 20, "申请人基本情况", 5, "zen", anchor="m", bold=True)
    rows = [["申请人名称", co, None, None],
            ["统一社会信用代码", uscc, None, None],
            ["法定代表人（负责人）", rep.name, "联系电话", rep.phone],
            ["身份证件类型", "居民身份证", "证件号码", rep.id],
            ["住所", addr, None, None], ["经营场所", addr, None, None],
            ["主体业态", f"{BOX}食品销售经营者  {CHK}餐饮服务经营者  {BOX}单位食堂", None, None],
            ["经营项目", f"{CHK}热食类食品制售  {CHK}冷食类食品制售（不含生食）  {BOX}生食类食品制售  {BOX}半成品制售  {CHK}预包装食品销售", None, None],
            ["食品安全管理人员", manager or rep.name, "经营面积", "86平方米"],
            ["是否网络经营", f"{CHK}是（外卖平台）  {BOX}否", None, None]]
    p2.table(16, 28, [40, 62, 26, 50], rows, rowh=15, size=3.4, font="hei")
    p3 = Page(210, 297)
    p3.text(105, 24, "申请人声明", 5.5, "zen", anchor="m", bold=True)
    y = 40
    for t in ["本申请人依照《中华人民共和国食品安全法》《食品经营许可和备案管理办法》申请食品经营许可，提交材料真实合法有效，复印件与原件一致，并对申请材料实质内容的真实性负责。",
              "本申请人在取得食品经营许可后，将严格遵守食品安全法律法规和食品安全标准，建立健全食品安全管理制度，落实食品安全主体责任，接受市场监督管理部门的监督检查。"]:
        y = p3.para(22, y, t, 166, 3.8, "ming", lead=2.0) + 4
    y += 16
    p3.text(100, y, "法定代表人（负责人）签字：", 3.8, "ming")
    if signed:
        _sig(p3, 150, y, rep.name, seed, w=36, h=15)
    p3.line(148, y + 1.5, 190, y + 1.5, 0.25)
    y += 12
    p3.text(100, y, "（申请人盖章）", 3.8, "ming")
    y += 12
    p3.text(120, y, cn_date(date), 3.8, "ming")
    return [c, p2, p3]


# -- certificates of fact ----------------------------------------------------------------------------------------

def housing_query(people: list[Person], date: D | None, *, sealed=True, no="", seed="") -> Page:
    """不动产登记资料查询结果证明 (vertical table, QR code, registry seal)."""
    g = Page(210, 297)
    g.image(20, 14, 22, 22, K.qr_like(no or seed))
    g.text(120, 24, "不动产登记资料查询结果证明", 6, "zen", anchor="m", bold=True)
    g.text(120, 32, "（住房情况）", 4, "ming", anchor="m")
    g.text(188, 44, f"查询编号：{no}", 3.2, "hei", anchor="r")
    rows = [["查询申请人", "、".join(p.name for p in people)],
            ["证件号码", "\n".join(p.id for p in people)],
            ["查询目的", "申请公共租赁住房"],
            ["查询范围", "芜湖市市区（镜湖区、弋江区、鸠江区、湾沚区、繁昌区）"],
            ["查询结果", "经查询芜湖市不动产登记信息系统，截至查询之日，上述人员名下无房屋（住宅）登记记录。"],
            ["备注", "本证明仅反映查询之日登记簿记载情况，仅用于上述查询目的。"]]
    y = 50
    for k, v in rows:
        h = 11 if len(v) < 30 and "\n" not in v else 20
        g.rect(20, y, 38, h, fill=(240, 240, 240)); g.rect(58, y, 132, h)
        g.text(39, y + h / 2 + 1.2, k, 3.4, "hei", anchor="m")
        lines = []
        for part in v.split("\n"):
            lines += K.wrap(part, 126, 3.4)
        ty = y + h / 2 - (len(lines) - 1) * 2.2 + 1.2
        for ln in lines:
            g.text(61, ty, ln, 3.4, "hei"); ty += 4.4
        y += h
    y += 18
    g.text(130, y, "芜湖市不动产登记中心", 3.8, "hei")
    if date:
        g.text(130, y + 9, "查询日期：" + cn_date(date), 3.6, "hei")
    if sealed:
        g.image(126, y - 24, 44, 44, K.seal("芜湖市不动产登记中心", seed + "hq", bottom="查询专用章"))
    g.text(105, 280, "本证明可通过扫描左上角二维码核验真伪", 2.8, "hei", (120, 120, 120), anchor="m")
    return g


def health_cert(p: Person, hospital: str, date: D, *, sealed=True, seed="") -> Page:
    """机动车驾驶人身体条件证明 (a hospital form with boxes and a doctor's scrawl)."""
    g = Page(210, 297)
    g.text(105, 20, "机动车驾驶人身体条件证明", 6, "zen", anchor="m", bold=True)
    g.text(105, 28, hospital, 3.6, "ming", anchor="m")
    cw = [30, 40, 30, 40, 30]
    rows = [["姓名", p.name, "性别", p.sex, ""], ["出生日期", cn_date(p.birth), "身份证明号码", p.id, None],
            ["申请体检类别", "出租汽车驾驶员从业", None, "准驾车型", "C1"],
            ["身高", "172 cm", "辨色力", "正常", ""], ["视力", "左 5.0  右 4.9", "矫正视力", "—", ""],
            ["听力", "左耳 正常  右耳 正常", None, "躯干和颈部", "正常"],
            ["上肢", "正常", "左下肢 / 右下肢", "正常 / 正常", ""],
            ["既往病史", "无器质性心脏病、癫痫、美尼尔氏症、眩晕症、癔病、震颤麻痹、精神病、痴呆等妨碍安全驾驶的疾病", None, None, None],
            ["体检结论", "合  格", None, None, None]]
    y = g.table(16, 34, cw, rows, rowh=13, size=3.3, font="ming")
    g.rect(156, 34, 34, 39); g.image(158, 36, 30, 35, K.portrait(p.id + "hc"))
    g.text(24, y + 14, "医师签字：", 3.5, "ming"); _sig(g, 44, y + 15, "刘振宇", seed + "doc", color=K.BLACK_INK)
    g.text(110, y + 14, "体检日期：" + cn_date(date), 3.5, "ming")
    g.text(110, y + 26, "医疗机构（盖章）", 3.5, "ming")
    if sealed:
        g.image(118, y + 8, 44, 44, K.seal(hospital + "体检专用章" if len(hospital) < 11 else hospital, seed + "hs"))
    g.text(105, y + 60, "本证明自体检之日起6个月内有效。", 3, "ming", (90, 90, 90), anchor="m")
    return g


def food_worker_health(p: Person, date: D) -> Page:
    """食品从业人员健康证明 (a small card: the wrong document for a driver's medical certificate)."""
    g = Page(85.6, 54, bg=(235, 245, 235))
    g.text(42.8, 8, "健 康 证 明", 4.6, "zen", (20, 100, 40), anchor="m", bold=True)
    g.text(42.8, 13, "（食品从业人员）", 2.6, "hei", anchor="m")
    for i, (k, v) in enumerate([("姓名", p.name), ("性别", p.sex), ("年龄", "36"), ("体检单位", "镜湖区疾控中心"),
                                 ("发证日期", cn_date(date)), ("有效期至", cn_date(date.replace(year=date.year + 1)))]):
        g.text(5, 20 + i * 5.4, f"{k}：{v}", 2.6, "hei")
    g.image(62, 18, 19, 24, K.portrait(p.id + "fw"))
    return g


def safety_rules(co: str, pages=3) -> list[Page]:
    sections = [
        ("一、从业人员健康管理制度", ["从事接触直接入口食品工作的从业人员，每年进行健康检查，取得健康证明后方可上岗。",
                                "建立每日晨检制度，发现患有发热、腹泻、皮肤伤口或感染、咽部炎症等有碍食品安全病症的人员，立即离开工作岗位，待查明原因并排除后方可重新上岗。",
                                "从业人员应保持良好个人卫生，操作时穿戴清洁的工作衣帽，不得留长指甲、涂指甲油、佩戴饰物。"]),
        ("二、进货查验记录制度", ["采购食品及原料时，查验供货者的许可证和食品合格证明文件，留存相关票据。",
                              "建立进货查验记录台账，如实记录食品名称、规格、数量、生产日期或生产批号、保质期、进货日期以及供货者名称、地址、联系方式等内容，记录保存期限不少于产品保质期满后六个月；没有明确保质期的，保存期限不少于二年。",
                              "禁止采购、使用腐败变质、超过保质期或者来源不明的食品原料。"]),
        ("三、食品安全自查制度", ["负责人每月组织一次食品安全自查，对原料贮存、加工操作、餐用具清洗消毒、环境卫生等进行检查并做好记录。",
                              "发现食品安全隐患时立即整改；发现有发生食品安全事故潜在风险的，立即停止经营活动，并向所在地市场监督管理部门报告。"]),
        ("四、餐用具清洗消毒制度", ["餐用具使用后及时洗净，定位存放，保持清洁。消毒后的餐用具贮存在专用保洁柜内备用。",
                                "采用物理消毒的，煮沸、蒸汽消毒保持100℃作用10分钟以上；采用化学消毒的，使用有效氯浓度250mg/L的消毒液浸泡5分钟以上。"]),
        ("五、食品安全事故处置方案", ["发生食品安全事故时，立即停止生产经营，封存导致或者可能导致食品安全事故的食品及其原料、工具及用具。",
                                  "在事故发生后2小时内向镜湖区市场监督管理局报告，配合调查处理，不得隐瞒、谎报、缓报，不得隐匿、伪造、毁灭有关证据。",
                                  "积极救治病人，如实提供相关信息和资料，按要求采取控制措施。"]),
        ("六、废弃物处置与有害生物防制制度", ["餐厨废弃物交由具备资质的单位收运处置，建立处置台账。",
                                      "加工场所设置防鼠、防蝇、防虫设施，定期检查，发现有害生物及时处理。"]),
    ]
    out, g, y = [], None, 0
    per = max(1, len(sections) // pages + (1 if len(sections) % pages else 0))
    for i, (h, ps) in enumerate(sections):
        if i % per == 0:
            g = Page(210, 297); out.append(g); y = 22
            if i == 0:
                g.text(105, 24, "食品安全管理制度", 7, "zen", anchor="m", bold=True)
                g.text(105, 33, co, 3.8, "ming", anchor="m"); y = 46
        g.text(22, y, h, 4.2, "hei", bold=True); y += 8
        for k, t in enumerate(ps):
            y = g.para(22, y, f"{k + 1}. {t}", 166, 3.6, "ming", lead=1.9, indent=False) + 2.5
        y += 4
    for n, g in enumerate(out):
        g.text(105, 287, f"第 {n + 1} 页 共 {len(out)} 页", 2.8, "hei", anchor="m")
    return out


def layout_plan(co: str, addr: str) -> Page:
    g = Page(297, 210)
    g.text(148.5, 16, f"{co} 经营场所平面布局及设备设施图", 5.5, "zen", anchor="m", bold=True)
    g.text(148.5, 23, f"地址：{addr}    面积：约86㎡    比例 1:50", 3, "hei", anchor="m")
    rooms = [(20, 32, 70, 48, "就餐区（座位24个）", (245, 245, 230)), (90, 32, 38, 24, "备餐区", (230, 245, 250)),
             (90, 56, 38, 24, "冷食类专间", (220, 240, 255)), (128, 32, 44, 48, "烹饪区（灶台×3 排烟罩）", (255, 235, 225)),
             (20, 80, 34, 30, "收银/取餐", (245, 245, 245)), (54, 80, 36, 30, "洗消间（三池+消毒柜）", (230, 250, 235)),
             (90, 80, 38, 30, "粗加工/切配区", (250, 240, 250)), (128, 80, 24, 30, "库房", (240, 240, 240)),
             (152, 80, 20, 30, "更衣室", (240, 240, 240))]
    for x, y, w, h, t, c in rooms:
        g.rect(x, y, w, h, fill=c, width=0.5)
        for i, ln in enumerate(K.wrap(t, w - 4, 3.2)):
            g.text(x + w / 2, y + h / 2 + i * 4.2, ln, 3.2, "hei", anchor="m")
    g.rect(20, 110, 8, 2, stroke=None, fill=(150, 90, 40)); g.text(30, 116, "入口", 3, "hei")
    g.text(20, 126, "工艺流程：原料入库 → 粗加工 → 切配 → 烹饪 → 备餐 → 供餐；餐具回收 → 洗消 → 保洁（生熟分开，人流物流不交叉）", 3.4, "hei")
    rows = [["序号", "设备设施名称", "数量", "位置"], ["1", "三眼燃气灶及排烟罩", "1套", "烹饪区"], ["2", "双门冷藏柜/冷冻柜", "2台", "库房/切配区"],
            ["3", "紫外线消毒灯", "1台", "冷食类专间"], ["4", "高温消毒柜", "1台", "洗消间"], ["5", "防鼠板、灭蝇灯", "若干", "各出入口"],
            ["6", "带盖垃圾桶", "4个", "各功能区"]]
    g.table(182, 32, [12, 48, 14, 26], rows, rowh=9, size=3.0, heads=1, font="hei")
    return g
