"""Forms of the workspace: upload, row edit, row added from a selection, review filters."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from plans import models as m
from plans.importer import duplicate_error
from plans.pipeline import formats, lexicon
from plans.pipeline.decode import SourceError, text_fingerprint
from plans.workspace.models import ImportJob
from plans.workspace.review import EDITABLE

# What an official reads when a file is refused, by the code the pipeline gives.
UPLOAD_MESSAGES = {
    "too_large": _("“%(name)s”太大（%(size)s），上传上限为 %(limit)s。"),
    "wrong_type": _("“%(name)s”的类型不受支持。请上传 .txt、.docx 或带文字层的 PDF。"),
    "old_doc": _("“%(name)s”是旧版 Word（.doc）文件，请另存为 .docx 后再上传。"),
    "mismatch": _("“%(name)s”的内容与扩展名不符（例如图片改名为 .txt），未导入。"),
    "empty": _("“%(name)s”是空文件，没有可读的文字。"),
    "binary": _("“%(name)s”不是纯文本文件。"),
    "undecodable": _(
        "无法识别“%(name)s”的文字编码（已尝试 UTF-8、UTF-16、GB18030/GBK）。"
        "请另存为 UTF-8 文本后再上传。"
    ),
    "corrupt": _("“%(name)s”已损坏，无法读取。"),
    "zip_bomb": _("“%(name)s”解压后过大或包含的部件过多，出于安全考虑未导入。"),
    "encrypted": _("“%(name)s”设有密码，无法读取。"),
    "scanned_pdf": _(
        "“%(name)s”是扫描版 PDF，没有文字层。请上传文字版，或先做文字识别（OCR）。"
    ),
    "duplicate": _("“%(name)s”已导入过（%(other)s），本次未做任何更改。"),
    "duplicate_text": _(
        "“%(name)s”的文字与已导入的“%(other)s”相同（仅编码或格式不同），本次未做任何更改。"
    ),
    "duplicate_in_upload": _(
        "“%(name)s”的文字与同一次上传的“%(other)s”相同（仅编码或格式不同），未重复导入。"
    ),
    "unstorable": _(
        "“%(name)s”中有数字的位数超出了可保存的范围，未导入，数据库未作任何更改。"
    ),
    "time_limit": _(
        "“%(name)s”的处理超过了时间上限，已停止；数据库未作任何更改。可以重试。"
    ),
    "memory_limit": _("“%(name)s”的处理超过了内存上限，已停止；数据库未作任何更改。"),
    "worker_died": _(
        "处理“%(name)s”的后台进程意外结束；数据库未作任何更改。可以重试。"
    ),
    "in_progress": _("“%(name)s”正在导入中，请勿重复上传。"),
    "no_documents": _(
        "“%(name)s”中没有找到政府的计划、工作报告或任务分工方案，未导入。"
    ),
    "unknown_region": _("文件中没有写明所属地区，无法导入：%(detail)s"),
    "gone": _("来源文件已不存在。"),
    "internal": _("处理时出现程序错误，数据库未作任何更改：%(detail)s"),
}


def upload_message(code: str, name: str = "", **params) -> str:
    template = UPLOAD_MESSAGES.get(code)
    if template is None:
        return _("“%(name)s”无法导入：%(detail)s") % {
            "name": name,
            "detail": params.get("detail", code),
        }
    params.setdefault("detail", "")
    return template % {"name": name, **params}


def _human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} B"


@dataclass
class Prepared:
    """An upload that passed every check: ready to be stored as a job."""

    name: str
    data: bytes
    format: str
    sha256: str
    size: int


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("文件"),
        help_text=_(
            "可一次选择多个：.txt（UTF-8、GB18030/GBK、UTF-16）、.docx、带文字层的 PDF。"
        ),
        allow_empty_file=True,
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("请选择要上传的文件。"))
        return files


def prepare(upload, seen: dict[str, str] | None = None) -> Prepared:
    """Check one uploaded file completely, without storing anything; ``SourceError`` if bad.

    ``seen`` maps the text fingerprints of the files accepted earlier in the same upload
    to their names: a file repeating one of them (in any encoding or spacing) is refused.
    """
    limit = settings.MUBIAO_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise SourceError("too_large", _human_size(upload.size))
    data = upload.read()
    converted = formats.convert(
        data,
        upload.name,
        max_unpacked=settings.MUBIAO_MAX_DOCX_UNPACKED_BYTES,
        max_members=settings.MUBIAO_MAX_DOCX_MEMBERS,
    )
    same = m.SourceFile.objects.filter(sha256=converted.sha256).first()
    if same:
        raise SourceError("duplicate", same.name)
    fingerprint = text_fingerprint(converted.text)
    same = m.SourceFile.objects.filter(text_hash=fingerprint).first()
    document = (
        same and same.documents.select_related("source").order_by("start").first()
    )
    if document:
        raise duplicate_error(document)
    if same:
        raise SourceError("duplicate_text", same.name)
    if seen is not None:
        if fingerprint in seen:
            raise SourceError("duplicate_in_upload", seen[fingerprint])
        seen[fingerprint] = upload.name
    active = [ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    if ImportJob.objects.filter(sha256=converted.sha256, status__in=active).exists():
        raise SourceError("in_progress", upload.name)
    return Prepared(upload.name, data, converted.format, converted.sha256, len(data))


def refusal(error: SourceError, name: str) -> str:
    """The message for a refused upload, in the user's language; a duplicate's names
    the stored document and links to it."""
    ref = error.ref
    message = upload_message(
        error.code,
        name,
        size=error.message,
        limit=_human_size(settings.MUBIAO_MAX_UPLOAD_BYTES),
        other=ref.get("title", error.message),
        detail=error.message,
    )
    if not ref.get("url"):
        return message
    return format_html(
        '{} <a href="{}">{}</a>', message, ref["url"], _("查看已存储的文件")
    )


def _comparators() -> list[str]:
    """The comparator words the extractor stores (the lexicon's), "" first."""
    return lexicon.current().stored_comparators()


def _qualifiers() -> list[str]:
    return ["", *lexicon.current().recorded_qualifiers()]


def _choices(values: list[str], current: str = "") -> list[tuple[str, str]]:
    if current and current not in values:
        values = [*values, current]
    return [(v, v or _("（无）")) for v in values]


class DepartmentsField(forms.CharField):
    """Department names separated by 、 , ， ; or new lines."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        for sep in "，,;；\n":
            text = text.replace(sep, "、")
        return [name.strip() for name in text.split("、") if name.strip()]


class TargetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comparator = forms.ChoiceField(label=_("比较词"), required=False)
    qualifier = forms.ChoiceField(label=_("限定词"), required=False)
    responsible = DepartmentsField(label=_("责任单位"), required=False)
    lead = DepartmentsField(label=_("牵头单位"), required=False)
    support = DepartmentsField(label=_("配合单位"), required=False)

    class Meta:
        model = m.Target
        fields = EDITABLE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.instance
        self.fields["comparator"].choices = _choices(_comparators(), target.comparator)
        self.fields["qualifier"].choices = _choices(_qualifiers(), target.qualifier)
        self.fields["indicator"].queryset = m.Indicator.objects.order_by("code")
        self.fields["indicator"].empty_label = _("（未对应指标）")
        if target.pk:
            self.fields["version"].initial = target.version
            for name in ("value", "value_max"):
                value = getattr(target, name)
                if value is not None:
                    self.initial[name] = value.normalize()
            links = target.department_links.all()
            for role in (m.Role.RESPONSIBLE, m.Role.LEAD, m.Role.SUPPORT):
                names = [link.name_as_written for link in links if link.role == role]
                self.fields[role].initial = "、".join(names)

    def clean(self):
        data = super().clean()
        if data.get("value_missing") and data.get("value") is not None:
            self.add_error(
                "value",
                _(
                    "原文数字缺失的行不能填写数值。若已核对原件，请先取消勾选“原文数字缺失”。"
                ),
            )
        low, high = data.get("value"), data.get("value_max")
        if high is not None and (low is None or high < low):
            self.add_error("value_max", _("上限值须不小于数值。"))
        return data

    def _post_clean(self):
        # The instance is saved by plans.workspace.review under optimistic locking.
        pass

    def changes(self) -> dict:
        """The edited fields and their new values, as the model stores them."""
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.changed_data
        }

    def departments(self) -> dict[str, list[str]] | None:
        roles = (m.Role.RESPONSIBLE, m.Role.LEAD, m.Role.SUPPORT)
        if not any(role in self.changed_data for role in roles):
            return None
        return {role: self.cleaned_data[role] for role in roles}


class AddTargetForm(forms.ModelForm):
    """A row the machine missed; start and end are offsets into the source text."""

    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comparator = forms.ChoiceField(label=_("比较词"), required=False)
    qualifier = forms.ChoiceField(label=_("限定词"), required=False)

    class Meta:
        model = m.Target
        fields = [
            "subject",
            "value",
            "unit",
            "comparator",
            "qualifier",
            "kind",
            "year",
            "indicator",
        ]

    def __init__(self, *args, document: m.Document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.fields["comparator"].choices = _choices(_comparators())
        self.fields["qualifier"].choices = _choices(_qualifiers())
        self.fields["indicator"].queryset = m.Indicator.objects.order_by("code")
        self.fields["indicator"].empty_label = _("（未对应指标）")
        self.fields["year"].initial = document.year
        self.fields["kind"].initial = m.Target.Kind.TARGET

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            doc = self.document
            if not (doc.start <= start < end <= doc.end):
                raise forms.ValidationError(_("所选文字不在本文件之内，请重新选择。"))
            if end - start > 200:
                raise forms.ValidationError(
                    _("所选文字过长，请只选择数字及其单位（200 字以内）。")
                )
        return data

    def _post_clean(self):
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReviewFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("显示"),
        required=False,
        choices=[
            ("decision", _("需要决定的行")),
            ("proposed", _("全部待审")),
            ("all", _("全部")),
            ("accepted", _("已确认")),
            ("rejected", _("已驳回")),
        ],
    )
    flag = forms.ChoiceField(
        label=_("原因"),
        required=False,
        choices=[
            ("", _("任何原因")),
            ("lost", _("原文数字缺失")),
            ("repaired", _("文字已修复")),
            ("unmapped", _("未对应指标")),
            ("fuzzy", _("模糊匹配的建议指标")),
            ("conflict", _("与其他文件冲突")),
        ],
    )
