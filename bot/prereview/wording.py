"""Everything pre-review says about materials and files, in both languages."""

from __future__ import annotations

from bot.prereview.documents import FileProblem
from knowledge.schema import Lang

VERDICT_TITLE: dict[str, dict[Lang, str]] = {  # by verdict
    "ready": {"zh": "✅ 预审通过：材料齐全", "en": "✅ Pre-review passed: everything is in order"},
    "incomplete": {"zh": "❌ 材料还不齐全或有问题", "en": "❌ Something is missing or wrong"},
    "needs_staff": {"zh": "⚠️ 部分材料需要工作人员确认", "en": "⚠️ Staff need to confirm some materials"},
}

TEXT: dict[str, dict[Lang, str]] = {
    "missing": {"zh": "未上传", "en": "not uploaded"},
    "deferrable": {"zh": "容缺材料，可在受理后补交", "en": "may be handed in after acceptance (容缺)"},
    "keywords": {
        "zh": "文件中未找到“{words}”，可能不是这份材料",
        "en": "“{words}” not found: it may be the wrong document",
    },
    "uncertain": {
        "zh": "不能确定这份文件是“{name}”，请工作人员确认",
        "en": "not sure this file is the {name}; staff will check",
    },
    "id_none": {"zh": "未找到身份证号码", "en": "no ID number found"},
    "id_bad": {"zh": "身份证号码 {value} 无效（{why}）", "en": "ID number {value} is not valid ({why})"},
    "uscc_none": {"zh": "未找到统一社会信用代码", "en": "no unified social credit code found"},
    "uscc_bad": {
        "zh": "统一社会信用代码 {value} 无效（{why}）",
        "en": "credit code {value} is not valid ({why})",
    },
    "phone_none": {"zh": "未找到联系电话", "en": "no phone number found"},
    "field_unread": {
        "zh": "{field}：号码没能识别出来，请工作人员核对",
        "en": "{field}: the number could not be read; staff will check",
    },
    "no_date": {
        "zh": "未找到出具日期，无法确认是否在{days}天内",
        "en": "no date found to check it is under {days} days old",
    },
    "too_old": {
        "zh": "出具日期 {date} 已超过{days}天，请重新开具",
        "en": "dated {date}, more than {days} days ago: get a new one",
    },
    "no_validity": {
        "zh": "未找到有效期，请工作人员核对",
        "en": "no validity date found; staff will check it",
    },
    "expired": {"zh": "已于 {date} 过期", "en": "expired on {date}"},
    "side_missing": {
        "zh": "只收到{card}的{shown}，还缺{missing}，请补拍后上传",
        "en": "only the {shown} of the {card} arrived; the {missing} is missing: photograph it and upload it",
    },
    "no_seal": {
        "zh": "未见红色公章，请加盖公章后重新上传",
        "en": "no official red seal on it: have it sealed and upload it again",
    },
    "seal_unseen": {
        "zh": "黑白件看不出是否加盖公章，请工作人员核对（或上传彩色扫描件）",
        "en": "a black-and-white copy cannot show the red seal; staff will check (or upload a colour scan)",
    },
    "unsigned": {
        "zh": "签字处是空白的，请本人签字后重新上传",
        "en": "the signature space is empty: sign it and upload it again",
    },
    "no_signature_space": {
        "zh": "未找到签字处，请工作人员核对签字",
        "en": "no signature space found; staff will check the signature",
    },
    "pages": {"zh": "只有{found}页，至少需要{need}页", "en": "{found} page(s); at least {need} needed"},
    "blurry": {"zh": "（识别不清，请工作人员核对）", "en": " (hard to read; staff will check)"},
    "id_mismatch": {
        "zh": "其中的身份证号码与身份证材料上的不一致：{value}",
        "en": "its ID number does not match the ID card's: {value}",
    },
    "uscc_mismatch": {
        "zh": "统一社会信用代码与其他材料不一致：{value}",
        "en": "its credit code differs from the other materials': {value}",
    },
}
WHY: dict[str, dict[Lang, str]] = {
    "checksum": {"zh": "校验位不对", "en": "wrong check digit"},
    "length": {"zh": "位数不对", "en": "wrong length"},
    "format": {"zh": "格式不对", "en": "wrong format"},
    "component": {"zh": "含不存在的编码", "en": "contains a code that does not exist"},
    "birth_date": {"zh": "出生日期不存在", "en": "no such birth date"},
    "region": {
        "zh": "地区码未能核实，请工作人员核对",
        "en": "its region code could not be verified; staff will check",
    },
}
SIDES: dict[str, dict[Lang, str]] = {
    "front": {"zh": "人像面（有姓名和号码的一面）", "en": "front (the side with the name and number)"},
    "back": {
        "zh": "国徽面（有签发机关和有效期限的一面）",
        "en": "back (the side with the issuing office and validity)",
    },
}
FILE_PROBLEMS: dict[FileProblem, dict[Lang, str]] = {
    FileProblem.encrypted: {
        "zh": "文件有密码保护，请去掉密码后重新上传",
        "en": "the file is password-protected: remove the password and upload it again",
    },
    FileProblem.corrupt: {
        "zh": "文件已损坏，无法打开，请重新导出或扫描后上传",
        "en": "the file is damaged and can't be opened: export or scan it again",
    },
    FileProblem.unsupported_type: {
        "zh": "不支持的文件类型，请上传 PDF、JPG、PNG、WebP 或 HEIC（苹果手机照片）",
        "en": "unsupported file type: upload a PDF, JPG, PNG, WebP or HEIC (iPhone photo)",
    },
    FileProblem.too_large: {
        "zh": "文件太大（每个文件不超过 {mb} MB），请压缩或分开上传",
        "en": "the file is too large (at most {mb} MB each): compress or split it",
    },
    FileProblem.too_many_pages: {
        "zh": "页数太多（不超过 {pages} 页），请分开上传",
        "en": "too many pages (at most {pages}): split it into several files",
    },
    FileProblem.too_complex: {
        "zh": "文件过于复杂，无法在限定时间内读取，请重新导出为普通 PDF 或图片",
        "en": "the file is too complex to read in time: export it again as a plain PDF or image",
    },
    FileProblem.unreadable: {
        "zh": "没能识别出文字（空白或太模糊），请拍清楚后重新上传",
        "en": "no text could be read (blank or too blurry): take a sharper photo and upload again",
    },
}
