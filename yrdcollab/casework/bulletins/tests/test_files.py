import pytest

from yrdcollab.casework.bulletins.files import check_file, sanitize_name
from yrdcollab.core.errors import InvalidInput

from .conftest import PDF, PNG


@pytest.mark.parametrize(
    "name, ext, expected",
    [
        ("../../etc/通报?.PDF", "pdf", "通报.pdf"),
        ("C:\\Users\\x\\案例<1>.docx", "docx", "案例_1.docx"),
        ("photo.exe", "png", "photo.png"),
        ("...", "pdf", "附件.pdf"),
        ("a\x00b\nc.jpg", "jpg", "a_b_c.jpg"),
        ("长" * 300 + ".pdf", "pdf", "长" * 116 + ".pdf"),
    ],
)
def test_sanitize_name(name, ext, expected):
    assert sanitize_name(name, ext) == expected


def test_type_by_content_not_name():
    assert check_file(content=PNG, name="scan.pdf").display_name == "scan.png"
    assert check_file(content=PDF, name="x").content_type == "application/pdf"
    for content in (b"", b"GIF89a" + b"\x00" * 20, b"plain text"):
        with pytest.raises(InvalidInput):
            check_file(content=content, name="a.pdf")
